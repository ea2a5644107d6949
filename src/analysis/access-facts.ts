/**
 * Access as facts, for comparing two versions of an application (`iamgate diff`): each principal ×
 * action × resource pattern an Allow statement grants, with the conditions it is granted under and
 * whether a Deny or a permissions boundary of the same version takes it away.
 *
 * Facts are the grant model flattened: identity grants of every in-template role, user and group,
 * and the grants of resource, trust and permission policies to the principals they admit
 * (`admission.ts`). Unlike effective access they are not limited to in-template resources: a new
 * `s3:PutObject` on another team's bucket is new access too.
 *
 * Actions are expanded within their service (`s3:Get*` → `s3:GetObject`, ...), so that a diff can
 * name the actions a wildcard adds. A pattern that spans services (`*`, `*:Describe*`,
 * `NotAction`) stays a pattern: expanding it would load the whole IAM reference.
 */
import type { ConditionClause, Located, Policy, Principal, PrincipalEntity } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import type { PrincipalPolicySet } from '../rules/types';
import { expandActionPattern, getAction, isEffectivelyStar, resourceTypesMatched, strongestAccessLevel, type AccessLevel, type ActionInfo } from '../iam';
import { formatResolvedString } from '../resolve';
import { describePrincipal } from '../rules/helpers/principals';
import { admissionsOf } from './admission';
import type { AccessInput, AccessPrincipal } from './effective-access';
import { coversAllActions, identityGrants, isCertainDeny, resourcePolicyGrants, scopeMatchesAction, type ActionScope, type Grant, type GrantSource } from './grants';
import { resourceCoveredBy } from './actions';

export type FactAction =
  /** One action of the IAM reference. */
  | { kind: 'action'; name: string; level: AccessLevel }
  /** Actions of many services, or not known statically, kept as written: `*`, `*:Describe*`, `NotAction iam:*`. */
  | { kind: 'pattern'; shown: string; scope: ActionScope };

export interface FactCondition {
  /** Lowercase: condition keys are case-insensitive. */
  key: string;
  /** `StringEquals aws:SourceAccount 111122223333`, or the Deny that narrows a resource policy's grant. */
  shown: string;
}

export type FactResource =
  /** A resource pattern as written; for a statement without `Resource`, the resource its policy protects (`${Handler}`). */
  | { kind: 'pattern'; value: ResolvedString }
  /** `NotResource`: every resource but these. */
  | { kind: 'all-but'; values: readonly ResolvedString[] };

export type Revocation = 'deny' | 'permissions-boundary';

export interface AccessFact {
  principal: AccessPrincipal;
  action: FactAction;
  resource: FactResource;
  conditions: FactCondition[];
  /** A Deny or the permissions boundary of the same version takes the access away. */
  revokedBy?: Revocation;
  source: GrantSource;
  /** The Deny statements, when a Deny takes it away. */
  revokers: GrantSource[];
}

const valueText = (value: ClauseValue): string => (typeof value === 'object' ? formatResolvedString(value) : String(value));
type ClauseValue = ConditionClause['values'][number]['value'];

export function factCondition(clause: ConditionClause): FactCondition {
  return { key: clause.key.toLowerCase(), shown: `${clause.operator} ${clause.key} ${clause.values.map((v) => valueText(v.value)).join(', ')}` };
}

/** The actions one scope grants, expanded within a service where the pattern allows. */
function factActions(scope: ActionScope): FactAction[] {
  if (scope.negated || scope.unknown.length > 0 || coversAllActions(scope)) {
    const written = [...scope.patterns, ...scope.unknown].join(', ');
    return [{ kind: 'pattern', shown: scope.negated ? `NotAction ${written}` : coversAllActions(scope) ? '*' : written, scope }];
  }
  const byName = new Map<string, FactAction>();
  for (const pattern of scope.patterns) {
    const expansion = expandActionPattern(pattern);
    if (expansion.kind === 'actions') {
      for (const action of expansion.actions) byName.set(action.qualifiedName, actionFact(action));
    } else if (expansion.kind !== 'no-match' && expansion.kind !== 'malformed') {
      // Across services, or a service the reference does not know (yet): it may still grant.
      byName.set(pattern, { kind: 'pattern', shown: pattern, scope: { patterns: [pattern], negated: false, unknown: [] } });
    }
  }
  return [...byName.values()];
}

function actionFact(action: ActionInfo): FactAction {
  return { kind: 'action', name: action.qualifiedName, level: strongestAccessLevel(action.accessLevels) ?? 'Read' };
}

/** Whether a scope (of a Deny, a boundary, an older grant) takes in every action of the fact. */
export function scopeCoversFactAction(scope: ActionScope, action: FactAction): boolean {
  if (action.kind === 'action') return scopeMatchesAction(scope, action.name);
  if (coversAllActions(scope)) return true;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p, i) => p.toLowerCase() === b[i]!.toLowerCase());
  return scope.negated === action.scope.negated && same(scope.patterns, action.scope.patterns) && same(scope.unknown, action.scope.unknown);
}

/** The resources a grant names, as facts record them. */
function factResources(grant: Grant): FactResource[] {
  const { resources, source } = grant;
  if (resources.implicit) return implicitResources(source.policy).map((value) => ({ kind: 'pattern', value }));
  if (resources.negated) return [{ kind: 'all-but', values: resources.patterns }];
  return resources.patterns.map((value) => ({ kind: 'pattern', value }));
}

export function describeFactResource(resource: FactResource): string {
  return resource.kind === 'pattern' ? formatResolvedString(resource.value) : `every resource but ${resource.values.map(formatResolvedString).join(', ')}`;
}

const overlaps = (a: ResolvedString, b: ResolvedString): boolean => resourceCoveredBy(a, [b]) || resourceCoveredBy(b, [a]);

/**
 * Whether resources named by `cover` take in every resource of `resource`. Every resource but
 * some takes in a pattern that shares nothing with the exceptions; it is taken in only by every
 * resource, or by the same exceptions.
 */
export function resourcesCover(cover: FactResource, resource: FactResource): boolean {
  if (cover.kind === 'pattern') return resource.kind === 'pattern' ? resourceCoveredBy(resource.value, [cover.value]) : isEffectivelyStar(cover.value) === 'star';
  if (resource.kind === 'pattern') return !cover.values.some((except) => overlaps(except, resource.value));
  return describeFactResource(cover) === describeFactResource(resource);
}

/** What a statement without `Resource` is about: the resources its policy protects, or the role a trust policy belongs to. */
function implicitResources(policy: Policy): ResolvedString[] {
  if (policy.resources.length > 0) return policy.resources.map((r) => (r.logicalId !== undefined ? `\${${r.logicalId}}` : (r.arn ?? `\${${policy.source.logicalId}}`)));
  const role = policy.attachedTo.find((t) => t.logicalId !== undefined)?.logicalId;
  return [`\${${role ?? policy.source.logicalId}}`];
}

/** Whether a grant's scope takes in the fact's action and resource. */
function grantCovers(grant: Grant, action: FactAction, resource: FactResource): boolean {
  if (!scopeCoversFactAction(grant.actions, action)) return false;
  return grant.resources.implicit || factResources(grant).some((cover) => resourcesCover(cover, resource));
}

interface Holder {
  principal: AccessPrincipal;
  identity: Grant[];
  /** Certain Denies of its identity policies and boundary. */
  denies: Grant[];
  /** Allow grants of a boundary whose document is known; `undefined` when nothing caps it. */
  boundary?: Grant[];
}

function holderOf(set: PrincipalPolicySet): Holder | undefined {
  const entity = set.principal as PrincipalEntity;
  if (entity.logicalId === undefined) return undefined;
  const { identity, boundary } = identityGrants(set);
  return {
    principal: { id: entity.logicalId, kind: entity.kind, shown: `${entity.kind} ${entity.logicalId}` },
    identity,
    denies: [...identity, ...boundary].filter(isCertainDeny),
    ...(boundary.length > 0 ? { boundary: boundary.filter((g) => g.effect === 'Allow') } : {}),
  };
}

function fact(principal: AccessPrincipal, action: FactAction, resource: FactResource, grant: Grant, extra: readonly FactCondition[] = []): AccessFact {
  return { principal, action, resource, conditions: [...grant.conditions.map(factCondition), ...extra], source: grant.source, revokers: [] };
}

/** Marks what a holder's Denies and boundary take away. A grant from a resource policy to a user is not capped by its boundary. */
function revoke(facts: AccessFact[], holder: Holder, boundaryCaps: boolean): AccessFact[] {
  for (const f of facts) {
    const denies = holder.denies.filter((d) => grantCovers(d, f.action, f.resource));
    if (denies.length > 0) {
      f.revokedBy = 'deny';
      f.revokers = denies.map((d) => d.source);
    } else if (boundaryCaps && holder.boundary && !holder.boundary.some((g) => grantCovers(g, f.action, f.resource))) {
      f.revokedBy = 'permissions-boundary';
    }
  }
  return facts;
}

/**
 * Whether the action can act on the resource: one of a type it accepts, or every resource (an
 * action that accepts only `*` is granted by nothing narrower). Statements without `Resource`
 * are about their protected resource, which the policy's own actions act on.
 */
function actsOn(action: FactAction, resource: FactResource, grant: Grant): boolean {
  if (action.kind === 'pattern' || resource.kind === 'all-but' || grant.resources.implicit) return true;
  const info = getAction(action.name);
  if (!info || isEffectivelyStar(resource.value, info) === 'star') return true;
  return !info.acceptsOnlyStar && resourceTypesMatched(resource.value, info).length > 0;
}

/** The facts of one Allow grant for one principal. */
function grantFacts(principal: AccessPrincipal, grant: Grant, extra: readonly FactCondition[] = []): AccessFact[] {
  const resources = factResources(grant);
  return factActions(grant.actions).flatMap((action) =>
    resources.filter((resource) => actsOn(action, resource, grant)).map((resource) => fact(principal, action, resource, grant, extra)),
  );
}

function identityFacts(holder: Holder): AccessFact[] {
  const facts = holder.identity.filter((g) => g.effect === 'Allow').flatMap((grant) => grantFacts(holder.principal, grant));
  return revoke(facts, holder, true);
}

const IN_TEMPLATE_KINDS: Readonly<Record<string, AccessPrincipal['kind']>> = { 'AWS::IAM::Role': 'role', 'AWS::IAM::User': 'user' };

/** Who a resource policy admits: an in-template role or user by its logical id, anyone else as written. */
function admittedPrincipal({ value }: Located<Principal>): AccessPrincipal {
  if (value.type === 'iam-arn' && value.ref && value.ref.stack === undefined) {
    const kind = IN_TEMPLATE_KINDS[value.ref.resourceType];
    if (kind) return { id: value.ref.logicalId, kind, shown: `${kind} ${value.ref.logicalId}` };
  }
  const shown = describePrincipal(value);
  return { id: shown, kind: 'external', shown };
}

function resourcePolicyFacts(policy: Policy, input: AccessInput, holders: ReadonlyMap<string, Holder>): AccessFact[] {
  return resourcePolicyGrants(policy)
    .filter((g) => g.effect === 'Allow')
    .flatMap((grant) =>
      admissionsOf(grant.source.statement, policy, input.trust).flatMap((admission) => {
        const principal = admittedPrincipal(admission.principal);
        const narrowedByDeny = admission.narrowedBy.filter((n) => n.startsWith('a Deny')).map((shown) => ({ key: shown.toLowerCase(), shown }));
        const facts = grantFacts(principal, grant, narrowedByDeny);
        if (admission.reach.kind === 'none') {
          for (const f of facts) f.revokedBy = 'deny';
          return facts;
        }
        const holder = principal.kind === 'external' ? undefined : holders.get(principal.id);
        return holder ? revoke(facts, holder, principal.kind === 'role') : facts;
      }),
    );
}

const RESOURCE_POLICY_KINDS: ReadonlySet<Policy['kind']> = new Set(['resource', 'trust', 'permission-grant']);

/** Every fact of one stack: identity grants first, then what resource, trust and permission policies grant. */
export function accessFacts(input: AccessInput): AccessFact[] {
  const holders = new Map<string, Holder>();
  for (const set of input.principals) {
    const holder = holderOf(set);
    if (holder) holders.set(holder.principal.id, holder);
  }
  return [
    ...[...holders.values()].flatMap(identityFacts),
    ...input.extraction.policies.filter((p) => RESOURCE_POLICY_KINDS.has(p.kind)).flatMap((p) => resourcePolicyFacts(p, input, holders)),
  ];
}
