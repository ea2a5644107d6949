/**
 * Effective access: what each principal of a stack can do on each in-template resource, as AWS
 * evaluates a request (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 *
 * - an explicit Deny (identity, boundary or resource policy) wins; a Deny counts only when it
 *   holds in every `Fn::If` branch and has no condition;
 * - same account: the identity policies OR the resource policy must allow. A permissions
 *   boundary caps what identity policies grant, and what a resource policy grants to a role's
 *   ARN; a grant to a user's ARN is not capped. A boundary whose document cannot be read is
 *   taken as not capping anything (the worst case), and the entry says so;
 * - role trust policies and KMS key policies must allow the request themselves: naming the
 *   principal is enough, naming the account root delegates to identity policies;
 * - another account, a service, the public: the resource policy must allow, and (for an account)
 *   that account's own policies too, which are outside the template.
 *
 * Grants under a condition or in one `Fn::If` branch still count (the worst case): the entry
 * marks them conditional.
 */
import type { Extraction, Policy, PrincipalEntity, Statement } from '../extract/types';
import type { PrincipalPolicySet } from '../rules/types';
import { getService, type ActionInfo } from '../iam';
import { describePrincipal } from '../rules/helpers/principals';
import { memoized, memoizedPair } from '../memo';
import { admissionsOf, type Reach } from './admission';
import type { TrustSettings } from './principals';
import {
  identityGrants,
  isCertainDeny,
  resourcePolicyGrants,
  scopeMatchesAction,
  scopeMayReachService,
  type Grant,
  type GrantSource,
  type ResourceScope,
} from './grants';
import { groupBy } from '../group-by';
import { accessTargets, patternReaches, targetResourceTypes, targetServices, type AccessTarget } from './targets';

export type AccessPath = 'same-account' | 'cross-account' | 'organization' | 'network' | 'public' | 'aws-service' | 'federated';

export interface AccessPrincipal {
  /** Logical id of an in-template principal, or the principal as written (`AWS:111122223333`). */
  id: string;
  /** A group stands for its members: what its policies give every user in it. */
  kind: 'role' | 'user' | 'group' | 'external';
  shown: string;
}

export type DenialReason = 'explicit-deny' | 'permissions-boundary' | 'trust-policy' | 'key-policy';

export interface AllowedAction {
  action: ActionInfo;
  /** The statements that allow it. */
  grants: GrantSource[];
  /** Every grant has a condition or exists in one `Fn::If` branch only. */
  conditional: boolean;
}

export interface DeniedAction {
  action: ActionInfo;
  reason: DenialReason;
  /** The statements that would allow it. */
  grants: GrantSource[];
  /** The Deny statements, for an explicit deny. */
  denies: GrantSource[];
}

export interface AccessEntry {
  principal: AccessPrincipal;
  target: AccessTarget;
  path: AccessPath;
  allowed: AllowedAction[];
  denied: DeniedAction[];
  notes: string[];
}

export interface AccessInput {
  extraction: Extraction;
  principals: readonly PrincipalPolicySet[];
  resources: readonly { logicalId: string; resourceType: string }[];
  trust: TrustSettings;
}

const policiesByTarget = new WeakMap<Extraction, ReadonlyMap<string, readonly Policy[]>>();

/** A resource's own policies: resource policies and permissions, and for a role its trust policy. */
function targetPolicies(extraction: Extraction, target: AccessTarget): readonly Policy[] {
  let index = policiesByTarget.get(extraction);
  if (index === undefined) {
    index = ownPolicyIndex(extraction);
    policiesByTarget.set(extraction, index);
  }
  return index.get(target.logicalId) ?? [];
}

/** Each resource's own policies, in extraction order: asked once per target and action, built once per stack. */
function ownPolicyIndex(extraction: Extraction): ReadonlyMap<string, readonly Policy[]> {
  const index = new Map<string, Policy[]>();
  const add = (logicalId: string, policy: Policy): void => {
    const list = index.get(logicalId) ?? [];
    if (list[list.length - 1] !== policy) list.push(policy);
    index.set(logicalId, list);
  };
  for (const policy of extraction.policies) {
    if (policy.kind === 'trust') {
      for (const { logicalId } of policy.attachedTo) if (logicalId !== undefined) add(logicalId, policy);
    } else if (policy.kind === 'resource' || policy.kind === 'permission-grant') {
      for (const { logicalId } of policy.resources) if (logicalId !== undefined) add(logicalId, policy);
    }
  }
  return index;
}

/** Services whose resource policy must allow the request itself (a role's trust policy, a key policy). */
function mustAllowReason(target: AccessTarget, action: ActionInfo): DenialReason | undefined {
  if (target.resourceType === 'AWS::IAM::Role' && action.service === 'sts') return 'trust-policy';
  if (target.kind.kms && action.service === 'kms') return 'key-policy';
  return undefined;
}

function grantReaches(grant: Grant, target: AccessTarget, action: ActionInfo): boolean {
  return scopeMatchesAction(grant.actions, action) && resourcesReach(grant, target, action);
}

/**
 * A statement's resources are shared by every principal it is attached to: whether they reach a
 * target for an action is worked out once, not once per principal (480 roles that share their
 * policies would otherwise ask it millions of times).
 */
const reachByScope = new WeakMap<ResourceScope, Map<AccessTarget, Map<ActionInfo, boolean>>>();

function resourcesReach(grant: Grant, target: AccessTarget, action: ActionInfo): boolean {
  const { resources } = grant;
  if (resources.implicit) return grant.principal.kind === 'resource-policy';
  const byAction = memoizedPair(reachByScope, resources, target, () => new Map<ActionInfo, boolean>());
  return memoized(byAction, action, () => {
    const named = resources.patterns.some((pattern) => patternReaches(pattern, target, action));
    return resources.negated ? !named : named;
  });
}

const isConditional = (source: GrantSource): boolean => source.when.length > 0 || source.statement.conditions.length > 0;

type Naming = 'direct' | 'public' | 'account';

/** How a resource-policy statement names an in-template principal: by its ARN, as anyone, or through this account's root. */
function namesInTemplatePrincipal(statement: Statement, logicalId: string): Naming | undefined {
  const found = new Set<Naming>();
  for (const { value } of statement.principals ?? []) {
    if (value.type === 'iam-arn' && value.ref?.logicalId === logicalId && value.ref.stack === undefined) found.add('direct');
    if (value.type === 'public') found.add('public');
    if (value.type === 'account' && typeof value.account !== 'string') found.add('account');
  }
  return (['direct', 'public', 'account'] as const).find((n) => found.has(n));
}

const isDirect = (naming: Naming | undefined): boolean => naming === 'direct' || naming === 'public';

interface InTemplateContext {
  entity: PrincipalEntity;
  identity: Grant[];
  boundary: Grant[];
  boundaryUnknown: boolean;
  /** The identity Allow grants whose actions take in the action, whatever the target: asked for every target. */
  allowing: Map<ActionInfo, readonly Grant[]>;
}

function identityAllows(ctx: InTemplateContext, action: ActionInfo): readonly Grant[] {
  let grants = ctx.allowing.get(action);
  if (grants === undefined) {
    grants = ctx.identity.filter((g) => g.effect === 'Allow' && scopeMatchesAction(g.actions, action));
    ctx.allowing.set(action, grants);
  }
  return grants;
}

type Decision =
  | { allowed: true; grants: GrantSource[]; conditional: boolean }
  | { allowed: false; reason: DenialReason; grants: GrantSource[]; denies: GrantSource[] }
  | undefined;

/** A target's own grants (resource and trust policies), and those of them that reach it for each action. */
interface OwnGrants {
  grants: readonly Grant[];
  reaching(action: ActionInfo): { allow: readonly Grant[]; deny: readonly Grant[] };
}

/** Which own grants reach the target does not depend on the principal asking: worked out once per action, for all of them. */
function ownGrants(grants: readonly Grant[], target: AccessTarget): OwnGrants {
  const byAction = new Map<ActionInfo, { allow: readonly Grant[]; deny: readonly Grant[] }>();
  return {
    grants,
    reaching(action) {
      let found = byAction.get(action);
      if (found === undefined) {
        const reaching = grants.filter((g) => grantReaches(g, target, action));
        found = { allow: reaching.filter((g) => g.effect === 'Allow'), deny: reaching.filter(isCertainDeny) };
        byAction.set(action, found);
      }
      return found;
    },
  };
}

/** One action of one in-template principal on one target, as AWS decides it within the account. */
function decide(ctx: InTemplateContext, target: AccessTarget, own: OwnGrants, action: ActionInfo): Decision {
  const reaches = (grant: Grant) => grantReaches(grant, target, action);
  const ownReach = own.reaching(action);
  const idAllow = identityAllows(ctx, action).filter((g) => resourcesReach(g, target, action));
  const direct = ownReach.allow.filter((g) => isDirect(namesInTemplatePrincipal(g.source.statement, ctx.entity.logicalId)));
  const granting = [...idAllow, ...direct];
  // Nothing grants it: the denies, the boundary and the delegation below cannot change that.
  if (granting.length === 0) return undefined;
  const delegated = ownReach.allow.filter((g) => namesInTemplatePrincipal(g.source.statement, ctx.entity.logicalId) === 'account');
  const denies = [
    ...ctx.identity.filter((g) => isCertainDeny(g) && reaches(g)),
    ...ctx.boundary.filter((g) => isCertainDeny(g) && reaches(g)),
    ...ownReach.deny.filter((g) => isDirect(namesInTemplatePrincipal(g.source.statement, ctx.entity.logicalId))),
  ];
  const sources = (grants: readonly Grant[]) => grants.map((g) => g.source);
  if (denies.length > 0) return { allowed: false, reason: 'explicit-deny', grants: sources(granting), denies: sources(denies) };

  const bounded = ctx.boundary.length > 0 && !ctx.boundaryUnknown;
  const boundaryAllows = !bounded || ctx.boundary.some((g) => g.effect === 'Allow' && reaches(g));
  // A grant to a user's own ARN in a resource policy is not capped by its boundary; a role's is.
  const directCounts = ctx.entity.kind === 'user' || boundaryAllows;
  const mustAllow = mustAllowReason(target, action);
  const viaIdentity = boundaryAllows && idAllow.length > 0 && (mustAllow === undefined || delegated.length > 0);
  const viaResource = directCounts && direct.length > 0;
  if (!viaIdentity && !viaResource) {
    const reason = mustAllow !== undefined && direct.length === 0 && delegated.length === 0 ? mustAllow : 'permissions-boundary';
    return { allowed: false, reason, grants: sources(granting), denies: [] };
  }
  const used = [...(viaIdentity ? idAllow : []), ...(viaIdentity && mustAllow ? delegated : []), ...(viaResource ? direct : [])];
  return { allowed: true, grants: sources(used), conditional: used.every((g) => isConditional(g.source)) };
}

const actionsByTarget = new WeakMap<AccessTarget, Map<string, readonly ActionInfo[]>>();

/** The target's actions (of every service it belongs to) that act on it specifically; each service's list is kept per target, for every principal asking. */
function targetActions(target: AccessTarget, mayReach: (service: string) => boolean): ActionInfo[] {
  return targetServices(target)
    .filter(mayReach)
    .flatMap((service) =>
      memoizedPair(actionsByTarget, target, service, () =>
        (getService(service)?.actions ?? []).filter((a) => !a.acceptsOnlyStar && targetResourceTypes(a, target).length > 0),
      ),
    );
}

function inTemplateEntry(ctx: InTemplateContext, target: AccessTarget, own: OwnGrants, actions?: readonly ActionInfo[]): AccessEntry | undefined {
  const mayReach = (service: string) => own.grants.length > 0 || ctx.identity.some((g) => g.effect === 'Allow' && scopeMayReachService(g.actions, service));
  const entry: AccessEntry = {
    principal: { id: ctx.entity.logicalId, kind: ctx.entity.kind, shown: `${ctx.entity.kind} ${ctx.entity.logicalId}` },
    target,
    path: 'same-account',
    allowed: [],
    denied: [],
    notes: ctx.boundaryUnknown ? ['its permissions boundary is not known statically and is taken as not limiting'] : [],
  };
  for (const action of actions ?? targetActions(target, mayReach)) {
    const decision = decide(ctx, target, own, action);
    if (!decision) continue;
    if (decision.allowed) entry.allowed.push({ action, grants: decision.grants, conditional: decision.conditional });
    else entry.denied.push({ action, reason: decision.reason, grants: decision.grants, denies: decision.denies });
  }
  // Access that only a public statement gives is shown once, for "*", not for every principal.
  const ownStatements = new Set(own.grants.map((g) => g.source.statement));
  const named = [...entry.allowed, ...entry.denied].some((a) =>
    a.grants.some((g) => !ownStatements.has(g.statement) || namesInTemplatePrincipal(g.statement, ctx.entity.logicalId) !== 'public'),
  );
  return named ? entry : undefined;
}

function pathOf(reach: Reach): AccessPath {
  switch (reach.kind) {
    case 'anyone':
    case 'any-account':
      return 'public';
    case 'aws-service':
      return 'aws-service';
    case 'federated':
      return 'federated';
    case 'source':
      return 'aws-service';
    case 'organizations':
      return 'organization';
    case 'network':
      return 'network';
    case 'accounts':
      return reach.accounts.every((a) => a.kind === 'same') ? 'same-account' : 'cross-account';
    default:
      return 'cross-account';
  }
}

/**
 * What the principals a target's own policies name from outside the template can do on it: other
 * accounts, services, the public. In-template principals and this account's root (which
 * delegates to IAM policies) are covered by the in-template entries.
 */
function outsideEntries(target: AccessTarget, policies: readonly Policy[], trust: TrustSettings): AccessEntry[] {
  const byPrincipal = new Map<string, AccessEntry>();
  const grants = policies.flatMap(resourcePolicyGrants);
  const publicDenies = grants.filter((g) => isCertainDeny(g) && (g.source.statement.principals ?? []).some((p) => p.value.type === 'public'));
  for (const grant of grants.filter((g) => g.effect === 'Allow')) {
    for (const admission of admissionsOf(grant.source.statement, grant.source.policy, trust)) {
      const { class: cls } = admission;
      if (cls.kind === 'account' && (cls.logicalId !== undefined || (cls.account.kind === 'same' && cls.whole))) continue;
      const shown = describePrincipal(admission.principal.value);
      const entry = byPrincipal.get(shown) ?? {
        principal: { id: shown, kind: 'external' as const, shown },
        target,
        path: pathOf(admission.reach),
        allowed: [],
        denied: [],
        notes: cls.kind === 'account' ? ["that account's own IAM policies must allow the calls too"] : [],
      };
      byPrincipal.set(shown, entry);
      const conditional = isConditional(grant.source) || admission.narrowedBy.length > 0;
      for (const action of targetActions(target, (service) => scopeMayReachService(grant.actions, service))) {
        if (!grantReaches(grant, target, action)) continue;
        const denying = publicDenies.filter((d) => grantReaches(d, target, action));
        if (admission.reach.kind === 'none' || denying.length > 0) {
          entry.denied.push({ action, reason: 'explicit-deny', grants: [grant.source], denies: denying.map((d) => d.source) });
          continue;
        }
        const existing = entry.allowed.find((a) => a.action === action);
        if (!existing) entry.allowed.push({ action, grants: [grant.source], conditional });
        else {
          existing.grants.push(grant.source);
          existing.conditional &&= conditional;
        }
      }
    }
  }
  return [...byPrincipal.values()].filter((e) => e.allowed.length > 0 || e.denied.length > 0);
}

const contextsOf = new WeakMap<readonly PrincipalPolicySet[], Map<ReadonlySet<PrincipalEntity['kind']>, readonly InTemplateContext[]>>();

/** In-template principals of the given kinds, with their grants: built once per stack, asked for each target and action. */
function inTemplateContexts(principals: readonly PrincipalPolicySet[], kinds: ReadonlySet<PrincipalEntity['kind']>): readonly InTemplateContext[] {
  return memoizedPair(contextsOf, principals, kinds, () => newContexts(principals, kinds));
}

function newContexts(principals: readonly PrincipalPolicySet[], kinds: ReadonlySet<PrincipalEntity['kind']>): InTemplateContext[] {
  return principals.flatMap((set): InTemplateContext[] => {
    const entity = set.principal as PrincipalEntity;
    if (entity.logicalId === undefined || !kinds.has(entity.kind)) return [];
    const { identity, boundary } = identityGrants(set);
    return [{ entity, identity, boundary, boundaryUnknown: entity.permissionsBoundary !== undefined && set.boundaries.length === 0, allowing: new Map() }];
  });
}

export interface AccessFilter {
  principal?: (principal: AccessPrincipal) => boolean;
  target?: (target: AccessTarget) => boolean;
}

/** Who makes requests: roles and users. */
const CALLERS: ReadonlySet<PrincipalEntity['kind']> = new Set(['role', 'user']);
/** For the overview, a group too: what its policies give each member. */
const HOLDERS: ReadonlySet<PrincipalEntity['kind']> = new Set(['role', 'user', 'group']);

/**
 * Every principal × in-template resource with some access: in-template principals (roles, users
 * and groups) first, then those from outside; each principal's resources in template order.
 * Entries come one principal at a time: a stack of hundreds of roles and resources has tens of
 * thousands of them, each with its list of actions, so a caller that turns them into rows as they
 * come never holds them all.
 */
export function* accessEntries(input: AccessInput, filter: AccessFilter = {}): Generator<AccessEntry> {
  const targets = accessTargets(input.resources, input.extraction)
    .filter((t) => filter.target?.(t) ?? true)
    .map((target) => {
      const policies = targetPolicies(input.extraction, target);
      return { target, policies, own: ownGrants(policies.flatMap(resourcePolicyGrants), target) };
    });
  const wanted = (entry: AccessEntry) => filter.principal?.(entry.principal) ?? true;
  for (const ctx of inTemplateContexts(input.principals, HOLDERS)) {
    for (const { target, own } of targets) {
      const entry = inTemplateEntry(ctx, target, own);
      if (entry && wanted(entry)) yield entry;
    }
  }
  const outside = groupBy(
    targets.flatMap(({ target, policies }) => outsideEntries(target, policies, input.trust)),
    (entry) => entry.principal.id,
  );
  for (const entries of outside.values()) yield* entries.filter(wanted);
}

/** One action of each in-template principal on one target: the cheap question escalation paths ask. */
export function actionAccess(input: AccessInput, target: AccessTarget, action: ActionInfo): AccessEntry[] {
  const own = ownGrants(targetPolicies(input.extraction, target).flatMap(resourcePolicyGrants), target);
  return inTemplateContexts(input.principals, CALLERS).flatMap((ctx) => inTemplateEntry(ctx, target, own, [action]) ?? []);
}
