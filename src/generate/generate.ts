/**
 * From a spec to the least-privilege policy: each requested action goes on exactly the
 * resources whose type it acts on, actions that cannot be scoped go on `*` in their own
 * statement, and actions with the same resources (and conditions) share a statement.
 *
 * Nothing is ever widened to make a request fit: an ARN that no action of the level acts on,
 * or an action that acts on none of the grant's resources, is left out with a warning.
 */
import { createResolver } from '../resolve';
import type { LoadedTemplate, TemplateObject } from '../template/types';

import { arnParts, hasWildcard, isEffectivelyStar, strongestAccessLevel, type AccessLevel, type ActionInfo, type ServiceInfo } from '../iam';
import { arnTarget, type ArnContext, type ArnTarget, type CandidateArn } from './arns';
import { ACCESS_LEVEL_OF, actionsAtLevel, actionsOn, expandPattern, needsStar, serviceNamed } from './select';
import { buildStatements, PlacementSet } from './statements';
import { policyDocument } from './document';
import { isProblem, SpecError, type ActionsEntry, type GeneratedPolicy, type GeneratedStatement, type GenerateSpec, type LevelEntry, type SpecArn, type SpecProblem } from './types';
import { isRecord } from '../template/values';

export interface GenerateOptions {
  /** `--template`: its logical ids may be named, and its parameters and resources resolve intrinsics. */
  template?: LoadedTemplate;
  /** Parameter values for the template (they win over defaults). */
  parameters?: Readonly<Record<string, string>>;
  /** Collapse action lists into wildcards that match exactly the same actions. */
  minimize?: boolean;
}

const EMPTY_TEMPLATE: LoadedTemplate = {
  file: 'spec',
  stackName: 'spec',
  format: 'json',
  body: { Resources: {} },
  locate: () => ({ line: 1, column: 1 }),
};

function written(arn: SpecArn): string {
  return typeof arn.value === 'string' ? arn.value : JSON.stringify(arn.value);
}

/** Walks the spec, placing actions and collecting problems (which stop generation) and warnings (which do not). */
class Generation {
  readonly placements = new PlacementSet();
  readonly problems: SpecProblem[] = [];
  readonly warnings: SpecProblem[] = [];
  private readonly warnedStar = new Set<CandidateArn>();

  constructor(private readonly arns: ArnContext) {}

  private target(arn: SpecArn): ArnTarget | undefined {
    const target = arnTarget(arn, this.arns);
    if (!isProblem(target)) return target;
    this.problems.push(target);
    return undefined;
  }

  /** The actions of `candidates` on the ARN, placed; warns when the ARN covers every resource of a type. */
  private placeOn(arn: CandidateArn, candidates: readonly ActionInfo[], level: (action: ActionInfo) => AccessLevel, conditions?: TemplateObject): ActionInfo[] {
    const on = actionsOn(arn, candidates);
    if (isProblem(on)) {
      this.problems.push(on);
      return [];
    }
    for (const action of on) {
      this.placements.place(action, level(action), arn, conditions);
      if (!this.warnedStar.has(arn) && isEffectivelyStar(arn.value, action) === 'star') {
        this.warnedStar.add(arn);
        this.warnings.push({ at: arn.at, message: `this ARN covers every resource of a type ${action.qualifiedName} acts on: resource-wildcard will report it; name the resources instead` });
      }
    }
    return on;
  }

  private serviceOf(arn: CandidateArn, named: ServiceInfo | undefined): ServiceInfo | undefined {
    const segment = arnParts(arn.value)?.service;
    if (typeof segment !== 'string' || segment === '' || segment.includes('*')) {
      if (named) return named;
      this.problems.push({ at: arn.at, message: 'cannot tell the service of this ARN: add "service:" to the grant' });
      return undefined;
    }
    if (named && named.prefix !== segment.toLowerCase()) {
      this.problems.push({ at: arn.at, message: `this ARN is of service "${segment}", not "${named.prefix}" as the grant says` });
      return undefined;
    }
    const service = serviceNamed({ value: segment, at: arn.at });
    if (!isProblem(service)) return service;
    this.problems.push(service);
    return undefined;
  }

  levels(entry: LevelEntry): void {
    const named = entry.service && serviceNamed(entry.service);
    if (isProblem(named)) {
      this.problems.push(named);
      return;
    }
    const conditions = entry.conditions?.value;
    for (const [specLevel, arns] of entry.levels) {
      const level = ACCESS_LEVEL_OF[specLevel];
      for (const arn of arns) {
        const target = this.target(arn);
        if (target?.kind === 'star') this.levelOnStar(arn, named, level, specLevel, conditions);
        else if (target) this.levelOnArns(arn, target.arns, named, level, specLevel, conditions);
      }
    }
  }

  private levelOnStar(arn: SpecArn, service: ServiceInfo | undefined, level: AccessLevel, specLevel: string, conditions?: TemplateObject): void {
    if (!service) {
      this.problems.push({ at: arn.at, message: '"*" needs "service:" in the grant: it stands for the actions of a service that accept only "*"' });
      return;
    }
    const actions = actionsAtLevel(service, level).filter(needsStar);
    if (actions.length === 0) {
      this.warnings.push({ at: arn.at, message: `no ${level} action of ${service.prefix} needs "*" (each acts on named resources): nothing granted for ${specLevel} on "*"; name the resources` });
    }
    for (const action of actions) this.placements.place(action, level, 'star', conditions);
  }

  private levelOnArns(arn: SpecArn, candidates: readonly CandidateArn[], named: ServiceInfo | undefined, level: AccessLevel, specLevel: string, conditions?: TemplateObject): void {
    let placed = 0;
    let service: ServiceInfo | undefined;
    for (const candidate of candidates) {
      service = this.serviceOf(candidate, named);
      if (!service) return;
      placed += this.placeOn(candidate, actionsAtLevel(service, level), () => level, conditions).length;
    }
    if (placed === 0 && service) {
      const types = [...new Set(actionsAtLevel(service, level).flatMap((action) => action.resourceTypes.map((type) => type.name)))].sort();
      const hint = types.length > 0 ? `; its ${level} actions act on ${types.slice(0, 6).join(', ')}${types.length > 6 ? ', ...' : ''}` : '';
      this.warnings.push({ at: arn.at, message: `no ${level} action of ${service.prefix} acts on ${written(arn)}: nothing granted for ${specLevel} on it${hint}` });
    }
  }

  actions(entry: ActionsEntry): void {
    const targets = entry.resources.map((arn) => this.target(arn));
    const conditions = entry.conditions?.value;
    const level = (action: ActionInfo): AccessLevel => strongestAccessLevel(action.accessLevels) ?? 'Read';
    for (const pattern of entry.actions) {
      const actions = expandPattern(pattern);
      if (isProblem(actions)) {
        this.problems.push(actions);
        continue;
      }
      const placed = new Set<ActionInfo>();
      for (const target of targets) {
        if (target?.kind === 'star') {
          for (const action of actions.filter(needsStar)) {
            this.placements.place(action, level(action), 'star', conditions);
            placed.add(action);
          }
        } else if (target) {
          for (const arn of target.arns) this.placeOn(arn, actions, level, conditions).forEach((action) => placed.add(action));
        }
      }
      if (placed.size === 0) {
        const several = hasWildcard(pattern.value);
        const star = targets.some((target) => target?.kind === 'star')
          ? `; ${several ? 'they' : 'it'} can be scoped to resources, so "*" is not used for ${several ? 'them' : 'it'}`
          : '';
        const why = several ? 'none of its actions acts' : 'it acts';
        this.warnings.push({ at: pattern.at, message: `${pattern.value} left out: ${why} on ${several ? 'the' : 'none of the'} resources of this grant${star}` });
      }
    }
  }
}

/**
 * IAM's smallest quota for an identity policy: a managed policy may have 6,144 characters without
 * white space (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
const MANAGED_POLICY_QUOTA = 6_144;

function sizeWarning(statements: readonly GeneratedStatement[], minimized: boolean): string[] {
  // Compact JSON has white space only inside strings, which IAM counts.
  const size = JSON.stringify(policyDocument(statements)).length;
  if (size <= MANAGED_POLICY_QUOTA) return [];
  const advice = minimized ? 'split it into several policies' : '--minimize shortens it';
  return [`the policy has ${size.toLocaleString('en-US')} characters; a managed policy may have ${MANAGED_POLICY_QUOTA.toLocaleString('en-US')}, a role's inline policies 10,240 together: ${advice}`];
}

/** The policy a spec asks for; a `SpecError` when the spec cannot be followed without guessing. */
export function generatePolicy(spec: GenerateSpec, options: GenerateOptions = {}): GeneratedPolicy {
  const template = options.template ?? EMPTY_TEMPLATE;
  const resources = template.body.Resources;
  const generation = new Generation({
    resolver: createResolver(template, { parameters: options.parameters }),
    resources: isRecord(resources) ? resources : {},
    hasTemplate: options.template !== undefined,
  });
  for (const entry of spec.entries) {
    if (entry.kind === 'levels') generation.levels(entry);
    else generation.actions(entry);
  }
  const format = (problems: readonly SpecProblem[]): string[] => problems.map((p) => `${spec.where(p.at)}: ${p.message}`);
  if (generation.problems.length > 0) throw new SpecError(format(generation.problems));
  const statements = buildStatements(generation.placements, { minimize: options.minimize ?? false });
  if (statements.length === 0) throw new SpecError([...format(generation.warnings), 'nothing to grant: no requested action acts on the given resources']);
  return { statements, warnings: [...format(generation.warnings), ...sizeWarning(statements, options.minimize ?? false)] };
}
