/**
 * Which actions a grant puts on which resource: the actions of the requested access level (or
 * the expansion of the written patterns) whose resource types the ARN denotes. An action goes on
 * `*` only when it cannot be scoped to a resource.
 */
import {
  expandActionPattern,
  getService,
  resourceScope,
  resourceTypesMatched,
  suggestActions,
  type AccessLevel,
  type ActionInfo,
  type ServiceInfo,
} from '../iam';
import type { CandidateArn } from './arns';
import type { Located } from '../extract/types';
import type { SpecLevel, SpecProblem } from './types';

export const ACCESS_LEVEL_OF: Readonly<Record<SpecLevel, AccessLevel>> = {
  read: 'Read',
  write: 'Write',
  list: 'List',
  tagging: 'Tagging',
  'permissions-management': 'Permissions management',
};

/**
 * The service's actions at the level. An action the reference files under several levels
 * counts for each (`s3:PutObjectTagging` is Tagging and Write), except that one that is also
 * Permissions management is only ever granted when Permissions management is asked for:
 * `write` on a bucket must not hand out `s3:PutBucketPolicy`.
 */
export function actionsAtLevel(service: ServiceInfo, level: AccessLevel): ActionInfo[] {
  return service.actions.filter(
    (action) => action.accessLevels.has(level) && (level === 'Permissions management' || !action.accessLevels.has('Permissions management')),
  );
}

/** Actions that can only be written with `Resource: "*"`, or whose one resource type is optional (`cloudwatch:PutMetricData`). */
export function needsStar(action: ActionInfo): boolean {
  return resourceScope(action) !== 'resource-level';
}

/**
 * The actions among `actions` that act on the ARN. An ARN with a part iamgate cannot see (a
 * parameter without a default) is used only when every type it may denote is the same one:
 * otherwise the answer would be a guess, and the grant could be wider than meant.
 */
export function actionsOn(arn: CandidateArn, actions: readonly ActionInfo[]): ActionInfo[] | SpecProblem {
  const matched = actions.map((action) => ({ action, types: resourceTypesMatched(arn.value, action) }));
  const uncertain = matched.some(({ types }) => types.some((type) => type.match === 'maybe'));
  if (uncertain) {
    const names = new Set(matched.flatMap(({ action, types }) => types.map((type) => `${action.service} ${type.resourceType.name}`)));
    if (names.size > 1) {
      return {
        at: arn.at,
        message: `cannot tell which resource type this ARN denotes (${[...names].sort().join(', ')}): part of it is not known statically; write the ARN's shape (e.g. .../*) or give its value`,
      };
    }
  }
  return matched.filter(({ types }) => types.length > 0).map(({ action }) => action);
}

export function serviceNamed(prefix: Located<string>): ServiceInfo | SpecProblem {
  const service = getService(prefix.value);
  if (service) return service;
  const { suggestions } = suggestActions(prefix.value);
  const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : '';
  return { at: prefix.at, message: `unknown service "${prefix.value}"${hint}` };
}

/** The actions a pattern stands for; patterns across services and unknown names are problems naming the entry. */
export function expandPattern(pattern: Located<string>): readonly ActionInfo[] | SpecProblem {
  const expansion = expandActionPattern(pattern.value);
  const problem = (message: string): SpecProblem => ({ at: pattern.at, message });
  switch (expansion.kind) {
    case 'actions':
      return expansion.actions;
    case 'all-actions':
    case 'cross-service':
      return problem(`"${pattern.value}" spans services: name the service (e.g. s3:Get*)`);
    case 'malformed':
      return problem(expansion.reason);
    case 'unknown-service':
    case 'no-match': {
      const { suggestions } = suggestActions(pattern.value);
      const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : '';
      const what = expansion.kind === 'unknown-service' ? `unknown service "${expansion.service}"` : `no action of ${expansion.service} matches`;
      return problem(`${what} in "${pattern.value}"${hint}`);
    }
  }
}
