/**
 * What an Allow statement of an authored identity policy grants beyond what it names, and which
 * rule reports it, so that each problem is reported once (DESIGN.md §6):
 *
 * - `Action: "*"`: `full-admin` on every resource, `action-wildcard` otherwise;
 * - a service-wide or partial wildcard that reaches Write or Permissions management actions:
 *   `action-wildcard`, for every action it expands to;
 * - any other action on unconstrained resources (`*` or an ARN that covers every resource of a
 *   type the action accepts), by the first that applies: `pass-role-unrestricted` (iam:PassRole),
 *   `privilege-escalation` (an action that escalates alone), `credentials-exposure`,
 *   `data-exfiltration`, `resource-exposure` (Permissions management), `resource-wildcard` (the rest);
 * - `NotAction` and `NotResource` in an Allow: `allow-with-not`.
 *
 * Actions that accept only `*` are never over-grants.
 */
import { samPolicyTemplate } from '../../extract';
import { isRecord } from '../../template/values';
import type { TemplateValue } from '../../template/types';
import type { Located, Policy, Statement } from '../../extract/types';
import type { ResolvedString } from '../../resolve/types';
import type { PrincipalPolicySet, StackAnalysis } from '../types';
import type { DenyStatement } from '../../analysis/statement-narrowing';
import {
  addressableTypes,
  credentialsExposureCatalog,
  dataExfiltrationCatalog,
  expandActionPatternAcrossServices,
  hasWildcard,
  isEffectivelyStar,
  isResourceExposureAction,
  resourceScope,
  resourceTypesMatched,
  type AccessLevel,
  type ActionInfo,
  type StarVerdict,
} from '../../iam';
import { accessLevelsOf, actionEntries, entryActions, singleActionMethod, takesPartInEscalation, type ActionEntry } from './actions';
import { isPassRole } from './pass-role';
import { isAllow } from './statements';
import { excludesEveryResource, isEveryResource } from './resources';
import { isSamPolicyTemplate } from './validity';
import { memoized, memoizedPair } from '../../memo';
import { partsOf } from '../../resolve';

export type OverGrantOwner =
  | 'pass-role-unrestricted'
  | 'privilege-escalation'
  | 'credentials-exposure'
  | 'data-exfiltration'
  | 'resource-exposure'
  | 'resource-wildcard';

/** Where an action reaches: `star` covers every resource of a type; `unknown` may, by a value not known statically. */
export interface ResourceReach {
  verdict: Exclude<StarVerdict, 'narrow'>;
  /** The Resource elements that make it so. */
  resources: Located<ResolvedString>[];
}

export interface OverGrant {
  action: ActionInfo;
  /** The Action element that grants it. */
  entry: ActionEntry;
  reach: ResourceReach;
  owner: OverGrantOwner;
}

/**
 * An in-template managed policy that only serves as a permissions boundary: a ceiling, it grants
 * nothing. It is one when it is attached to no principal and a principal's PermissionsBoundary
 * names it, or a statement requires it as the boundary of what it creates (`iam:PermissionsBoundary`,
 * the delegated-administrator pattern).
 */
export function isBoundaryOnly(policy: Policy, stack: StackAnalysis): boolean {
  if (policy.source.resourceType !== 'AWS::IAM::ManagedPolicy' || policy.attachedTo.length > 0) return false;
  return boundaryPolicies(stack).has(policy.source.logicalId);
}

const boundaryIds = new WeakMap<StackAnalysis, ReadonlySet<string>>();

/** The logical ids of the in-template managed policies the stack uses as permissions boundaries. */
function boundaryPolicies(stack: StackAnalysis): ReadonlySet<string> {
  return memoized(boundaryIds, stack, () => {
    const ids = new Set<string>();
    for (const policy of stack.extraction.policies) {
      if (policy.kind === 'boundary' && policy.managed?.logicalId !== undefined) ids.add(policy.managed.logicalId);
      for (const statement of policy.statements) {
        for (const clause of statement.conditions) {
          if (clause.key.toLowerCase() !== 'iam:permissionsboundary') continue;
          for (const { value } of clause.values) {
            if (typeof value !== 'object') continue;
            for (const part of partsOf(value)) if (typeof part === 'object' && part.kind === 'resource') ids.add(part.logicalId);
          }
        }
      }
    }
    return ids;
  });
}

/** Policies whose Allow statements grant permissions to a principal (not boundaries, not resource policies). */
export function grantsToPrincipal(policy: Policy, stack: StackAnalysis): boolean {
  return policy.kind === 'identity' && !isBoundaryOnly(policy, stack);
}

/** Whether over-grant rules read this statement at all: an Allow with Action and Resource in a policy that grants, written by the user. */
export function isOverGrantCandidate(statement: Statement, policy: Policy, stack: StackAnalysis): boolean {
  return isAllow(statement) && !!statement.actions && !!statement.resources && grantsToPrincipal(policy, stack) && !isAwsWrittenGrant(statement, policy);
}

/**
 * A statement of a SAM policy template whose resources AWS wrote, with no parameter of the user's
 * in them: `Resource: "*"` (`VPCAccessPolicy`, `CloudWatchPutMetricPolicy`) or an ARN of AWS's
 * own (`PollyFullAccessPolicy`'s lexicon/*). Like an AWS-managed policy's, nothing in the template
 * can narrow it, and the managed equivalent (AWSLambdaVPCAccessExecutionRole) is not reported
 * either. A resource a parameter makes broad (`S3ReadPolicy: {BucketName: '*'}`) is the user's,
 * and is read like any other statement.
 */
export function isAwsWrittenGrant(statement: Statement, policy: Policy): boolean {
  if (!isSamPolicyTemplate(policy)) return false;
  if ((statement.resources ?? []).every((resource) => resource.value === '*')) return true;
  const template = samPolicyTemplate(policy.name as string);
  const statements = template?.Definition.Statement;
  const written = Array.isArray(statements) ? statements[statement.index] : undefined;
  return isRecord(written) && written.Resource !== undefined && !refersTo(written.Resource, template!.Parameters);
}

/** Whether a definition's value takes a parameter of the template (`{Ref: BucketName}`, which SAM replaces by the user's value). */
function refersTo(value: TemplateValue, parameters: object): boolean {
  if (Array.isArray(value)) return value.some((item) => refersTo(item, parameters));
  if (!isRecord(value)) return false;
  if (typeof value.Ref === 'string' && Object.hasOwn(parameters, value.Ref)) return true;
  return Object.values(value).some((item) => refersTo(item, parameters));
}

/**
 * Where the statement's resources reach for this action. `undefined` when no resource covers
 * every resource of a type it accepts (the grant is scoped).
 */
export function resourceReach(statement: Statement, action: ActionInfo): ResourceReach | undefined {
  const star: Located<ResolvedString>[] = [];
  const unknown: Located<ResolvedString>[] = [];
  // The one Data Catalog of a region cannot be named more narrowly than by its ARN, nor a new
  // resource before AWS assigns its id: an action that acts on nothing else can be granted no narrower.
  const nameable = addressableTypes(action);
  if (nameable.resourceTypes.length === 0) return undefined;
  for (const resource of statement.resources ?? []) {
    const verdict = isEffectivelyStar(resource.value, nameable);
    if (verdict === 'star') star.push(resource);
    else if (verdict === 'unknown') unknown.push(resource);
  }
  if (star.length > 0) return { verdict: 'star', resources: star };
  if (unknown.length > 0) return { verdict: 'unknown', resources: unknown };
  return undefined;
}

export interface WildcardGrant {
  entry: ActionEntry;
  pattern: string;
  /** Every action the pattern expands to. */
  expansion: readonly ActionInfo[];
  /** Those the statement's resources let it act on. */
  actions: readonly ActionInfo[];
  /** Access levels of `actions`, strongest first. */
  levels: AccessLevel[];
  /** `svc:*`: every action of a service. */
  serviceWide: boolean;
  /** Actions of `actions` that take part in a privilege-escalation method. */
  escalating: ActionInfo[];
}

/**
 * Whether some resource of the statement lets the action act: one of a type it accepts, or one
 * that covers everything (`*` is the only match for an action that accepts only `*`).
 */
export function appliesTo(statement: Statement, action: ActionInfo): boolean {
  if (statement.notResources) return !excludesEveryResource(statement);
  return (statement.resources ?? []).some((resource) => {
    if (isEveryResource(resource.value)) return true;
    return !action.acceptsOnlyStar && resourceTypesMatched(resource.value, action).length > 0;
  });
}

/**
 * The wildcard entries `action-wildcard` reports: `svc:*`, and partial wildcards that reach Write
 * or Permissions management actions on the statement's resources. A wildcard in the service
 * prefix (`*:Get*`) is expanded across services, the one place where many services are loaded.
 */
export function reportedWildcard(entry: ActionEntry, statement: Statement): WildcardGrant | undefined {
  // Entries are made once per statement, so the answer is kept with the entry.
  return memoized(wildcards, entry, (key) => wildcardOf(key, statement) ?? null) ?? undefined;
}

const wildcards = new WeakMap<ActionEntry, WildcardGrant | null>();

function wildcardOf(entry: ActionEntry, statement: Statement): WildcardGrant | undefined {
  const pattern = entry.pattern;
  if (pattern === undefined || !hasWildcard(pattern)) return undefined;
  const expansion = entry.expansion?.kind === 'cross-service' ? expandActionPatternAcrossServices(pattern) : entry.expansion;
  if (expansion?.kind !== 'actions') return undefined;
  const actions = expansion.actions.filter((action) => appliesTo(statement, action));
  if (actions.length === 0) return undefined;
  const levels = accessLevelsOf(actions);
  const serviceWide = /^[^:*?]+:\*+$/.test(pattern);
  if (!serviceWide && !levels.includes('Write') && !levels.includes('Permissions management')) return undefined;
  return { entry, pattern, expansion: expansion.actions, actions, levels, serviceWide, escalating: actions.filter(takesPartInEscalation) };
}

const owners = new WeakMap<ActionInfo, OverGrantOwner>();

/** Which over-grant rule reports the action on unconstrained resources. */
export function ownerOf(action: ActionInfo): OverGrantOwner {
  return memoized(owners, action, newOwnerOf);
}

function newOwnerOf(action: ActionInfo): OverGrantOwner {
  // An action that may be called on no resource at all may need `*`: only resource-wildcard, as context.
  if (resourceScope(action) === 'optional') return 'resource-wildcard';
  if (isPassRole(action)) return 'pass-role-unrestricted';
  if (singleActionMethod(action)) return 'privilege-escalation';
  const named = (entry: { action: string }) => entry.action.toLowerCase() === action.qualifiedName.toLowerCase();
  if (credentialsExposureCatalog().actions.some(named)) return 'credentials-exposure';
  if (dataExfiltrationCatalog().actions.some(named)) return 'data-exfiltration';
  if (isResourceExposureAction(action)) return 'resource-exposure';
  return 'resource-wildcard';
}

const cache = new WeakMap<Statement, OverGrant[]>();

/**
 * Every concrete action the statement grants on unconstrained resources, with its owner, except
 * the ones `full-admin` and `action-wildcard` report. Call only for over-grant candidates.
 */
export function overGrants(statement: Statement): OverGrant[] {
  return memoized(cache, statement, newOverGrants);
}

function newOverGrants(statement: Statement): OverGrant[] {
  const grants: OverGrant[] = [];
  const seen = new Set<string>();
  for (const entry of actionEntries(statement)) {
    if (reportedWildcard(entry, statement)) continue;
    for (const action of entryActions(entry)) {
      if (seen.has(action.qualifiedName) || resourceScope(action) === 'only-star') continue;
      seen.add(action.qualifiedName);
      const reach = resourceReach(statement, action);
      if (reach) grants.push({ action, entry, reach, owner: ownerOf(action) });
    }
  }
  return grants;
}

/**
 * The in-template principals the policy applies to; none when it may also apply to one outside
 * the template, whose other policies and boundary are unknown.
 */
function inTemplateHolders(policy: Policy, stack: StackAnalysis): PrincipalPolicySet[] {
  const inTemplateOnly = policy.attachedTo.length > 0 && policy.attachedTo.every((target) => target.logicalId !== undefined);
  return inTemplateOnly ? stack.principals.filter((set) => set.policies.includes(policy)) : [];
}

const boundaryCache = new WeakMap<StackAnalysis, Map<Policy, { boundaries: Policy[][] | undefined }>>();

/**
 * The permissions boundaries of every principal this policy applies to; `undefined` when it may
 * apply to one outside the template, or one of them may be without a boundary whose document is
 * known: none, one in some `Fn::If` branches only, or one whose ARN or document is not known.
 */
export function applicableBoundaries(policy: Policy, stack: StackAnalysis): Policy[][] | undefined {
  return memoizedPair(boundaryCache, stack, policy, () => {
    const sets = inTemplateHolders(policy, stack);
    const capped = (boundaries: readonly Policy[]) => boundaries.length > 0 && boundaries.every(isCertainBoundary);
    if (sets.length === 0 || !sets.every((set) => capped(set.boundaries))) return { boundaries: undefined };
    return { boundaries: sets.map((set) => set.boundaries) };
  }).boundaries;
}

function isCertainBoundary(boundary: Policy): boolean {
  return boundary.when.length === 0 && boundary.managed?.resolved !== false && boundary.statements.length > 0;
}

const denyCache = new WeakMap<StackAnalysis, Map<Policy, DenyStatement[]>>();

/**
 * Deny statements that apply wherever this policy applies: its own, and those of every policy
 * attached to the same in-template principals (all of them must apply, so a Deny of any counts).
 */
export function applicableDenies(policy: Policy, stack: StackAnalysis): DenyStatement[] {
  return memoizedPair(denyCache, stack, policy, () => {
    const sets = inTemplateHolders(policy, stack);
    // Another policy's Deny counts only when it applies to every principal this policy applies to.
    const shared = sets.length > 0 ? sets[0]!.policies.filter((p) => sets.every((set) => set.policies.includes(p))) : [];
    const policies = new Set<Policy>([policy, ...shared]);
    return [...policies].flatMap((p) => p.statements.filter((s) => s.effect === 'Deny').map((statement) => ({ statement, policy: p })));
  });
}
