/**
 * Grouping placed actions into statements: one statement per set of resources (and
 * conditions), in the order the spec first asked for them; `*` statements last.
 */
import { hasWildcard, resourceTypesMatched, type AccessLevel, type ActionInfo } from '../iam';
import { formatResolvedString } from '../resolve';
import type { TemplateObject, TemplateValue } from '../template/types';
import type { CandidateArn } from './arns';
import { minimizeActions } from './minimize';
import { pascal, plural, sidOf, uniqueSids } from './sid';
import type { GeneratedStatement } from './types';

interface PlacedResource {
  key: string;
  /** `undefined` for `*`. */
  arn?: CandidateArn;
  /** When the spec first named it: resources are listed in that order. */
  order: number;
}

interface ActionGrant {
  action: ActionInfo;
  levels: Set<AccessLevel>;
  resources: Map<string, PlacedResource>;
  order: number;
}

interface ConditionGroup {
  conditions?: TemplateObject;
  grants: Map<string, ActionGrant>;
}

const STAR_KEY = '*';

/** Where each action goes, per set of conditions. */
export class PlacementSet {
  private readonly groups = new Map<string, ConditionGroup>();
  private next = 0;

  place(action: ActionInfo, level: AccessLevel, target: CandidateArn | 'star', conditions?: TemplateObject): void {
    const groupKey = conditions === undefined ? '' : JSON.stringify(conditions);
    let group = this.groups.get(groupKey);
    if (!group) {
      group = { ...(conditions !== undefined && { conditions }), grants: new Map() };
      this.groups.set(groupKey, group);
    }
    const order = this.next++;
    let grant = group.grants.get(action.qualifiedName);
    if (!grant) {
      grant = { action, levels: new Set(), resources: new Map(), order };
      group.grants.set(action.qualifiedName, grant);
    }
    grant.levels.add(level);
    const key = target === 'star' ? STAR_KEY : JSON.stringify(target.written);
    if (!grant.resources.has(key)) grant.resources.set(key, { key, order, ...(target !== 'star' && { arn: target }) });
  }

  conditionGroups(): readonly ConditionGroup[] {
    return [...this.groups.values()];
  }
}

interface Draft {
  grants: ActionGrant[];
  resources: PlacedResource[];
  conditions?: TemplateObject;
  star: boolean;
  order: number;
}

/** Resources an action is on; on `*` it needs nothing else. */
function resourcesOf(grant: ActionGrant): PlacedResource[] {
  const star = grant.resources.get(STAR_KEY);
  return star ? [star] : [...grant.resources.values()].sort((a, b) => a.order - b.order);
}

function drafts(group: ConditionGroup): Draft[] {
  const byResources = new Map<string, Draft>();
  for (const grant of group.grants.values()) {
    const resources = resourcesOf(grant);
    const key = resources
      .map((r) => r.key)
      .sort()
      .join('\n');
    const draft = byResources.get(key);
    if (draft) {
      draft.grants.push(grant);
      draft.order = Math.min(draft.order, grant.order);
    } else {
      byResources.set(key, {
        grants: [grant],
        resources,
        ...(group.conditions !== undefined && { conditions: group.conditions }),
        star: resources[0]!.key === STAR_KEY,
        order: grant.order,
      });
    }
  }
  return [...byResources.values()];
}

/** `Bucket`, `BucketObjects` (the `/*` under it), or the types an ARN denotes: `Table`, `Indexes` (a wildcard ARN names many). */
function resourceWord(resource: PlacedResource, actions: readonly ActionInfo[]): string {
  const arn = resource.arn!;
  if (arn.logicalId !== undefined && !arn.children) return arn.logicalId;
  const types = [...new Set(actions.flatMap((action) => resourceTypesMatched(arn.value, action).map((m) => m.resourceType.name)))];
  const words = types.map(arn.children || hasWildcard(formatResolvedString(arn.value)) ? plural : pascal).join('And');
  return arn.logicalId === undefined ? words : `${arn.logicalId}${words}`;
}

function sidFor(draft: Draft): string {
  const actions = draft.grants.map((grant) => grant.action);
  return sidOf({
    services: [...new Set(actions.map((action) => action.service))].sort(),
    levels: new Set(draft.grants.flatMap((grant) => [...grant.levels])),
    resources: draft.star ? [] : draft.resources.map((resource) => resourceWord(resource, actions)),
  });
}

export function buildStatements(placements: PlacementSet, options: { minimize: boolean }): GeneratedStatement[] {
  const all = placements
    .conditionGroups()
    .flatMap(drafts)
    .sort((a, b) => Number(a.star) - Number(b.star) || a.order - b.order);
  const sids = uniqueSids(all.map(sidFor));
  return all.map((draft, i) => {
    const actions = draft.grants.map((grant) => grant.action);
    const resources: TemplateValue[] = draft.star ? [STAR_KEY] : draft.resources.map((resource) => resource.arn!.written);
    return {
      sid: sids[i]!,
      actions: options.minimize ? minimizeActions(actions) : actions.map((action) => action.qualifiedName).sort(),
      resources,
      ...(draft.conditions !== undefined && { conditions: draft.conditions }),
    };
  });
}
