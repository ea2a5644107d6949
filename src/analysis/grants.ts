/**
 * The grant model: every Allow and Deny statement as normalized grants, one per principal, with
 * the statement it came from. Effective access, `iamgate access`, escalation paths (and later a
 * diff of two versions or an access map) are all computed from grants.
 *
 * Actions stay as the patterns written (`*`, `s3:Get*`): "every action" is a pattern, not a list,
 * and a pattern is expanded only against the one service a question is about, so a policy with
 * `Action: "*"` never loads the whole IAM reference.
 */
import type { ConditionClause, Policy, PrincipalKind, Statement } from '../extract/types';
import type { Assumption, ResolvedString } from '../resolve/types';
import type { PrincipalPolicySet } from '../rules/types';
import { actionPatternMatches, hasWildcard, PatternIndex, type ActionInfo } from '../iam';
import { formatResolvedString } from '../resolve';
import { statementContent } from '../extract';
import { memoized, memoizedPair } from '../memo';
import { isAllActionsPattern } from './actions';

export interface ActionScope {
  /** Literal patterns as written. */
  patterns: readonly string[];
  /** `NotAction`: every action but the patterns. */
  negated: boolean;
  /** Values not known statically: they match nothing we can name, and make the grant uncertain. */
  unknown: readonly string[];
}

export interface ResourceScope {
  patterns: readonly ResolvedString[];
  /** `NotResource`: every resource but the patterns. */
  negated: boolean;
  /** No `Resource` element (a Lambda permission, a trust policy): the protected resource itself. */
  implicit: boolean;
}

/** Where a grant was written: enough to point at it and to name it. */
export interface GrantSource {
  policy: Policy;
  statement: Statement;
  /** The policy's and the statement's `Fn::If` branches: the grant exists only under them. */
  when: readonly Assumption[];
}

export type GrantPrincipal =
  /** An in-template role, user or group: its identity policies. */
  | { kind: 'in-template'; logicalId: string; principalKind: PrincipalKind }
  /** The principals a resource policy statement names: see `admission.ts` for who they are. */
  | { kind: 'resource-policy' };

export interface Grant {
  effect: 'Allow' | 'Deny';
  principal: GrantPrincipal;
  actions: ActionScope;
  resources: ResourceScope;
  conditions: readonly ConditionClause[];
  source: GrantSource;
}

/**
 * Every rule, and effective access for each principal × target × action, asks about the same
 * statements: their scopes and grants are built once per statement, policy and principal set
 * (all immutable once extracted) and shared.
 */
const actionScopes = new WeakMap<Statement, ActionScope>();
const resourceScopes = new WeakMap<Statement, ResourceScope>();
const actionAnswers = new WeakMap<ActionScope, Map<ActionInfo | string, boolean>>();
const identityGrantSets = new WeakMap<PrincipalPolicySet, { identity: Grant[]; boundary: Grant[] }>();
const resourceGrants = new WeakMap<Policy, Grant[]>();

export function actionScope(statement: Statement): ActionScope {
  return memoized(actionScopes, statementContent(statement), newActionScope);
}

function newActionScope(statement: Statement): ActionScope {
  const patterns: string[] = [];
  const unknown: string[] = [];
  for (const { value } of statement.actions ?? statement.notActions ?? []) {
    if (typeof value === 'string') patterns.push(value.trim());
    else unknown.push(formatResolvedString(value));
  }
  return { patterns, negated: statement.actions === undefined && statement.notActions !== undefined, unknown };
}

export function resourceScope(statement: Statement): ResourceScope {
  return memoized(resourceScopes, statementContent(statement), newResourceScope);
}

function newResourceScope(statement: Statement): ResourceScope {
  const list = statement.resources ?? statement.notResources;
  return {
    patterns: (list ?? []).map((r) => r.value),
    negated: statement.resources === undefined && statement.notResources !== undefined,
    implicit: list === undefined,
  };
}

/** Whether the scope covers every action of every service (`*`, without `NotAction`). */
export function coversAllActions(scope: ActionScope): boolean {
  return !scope.negated && scope.patterns.some(isAllActionsPattern);
}

/** Whether the scope takes in the action (an `ActionInfo` or a qualified name). */
export function scopeMatchesAction(scope: ActionScope, action: ActionInfo | string): boolean {
  return memoizedPair(actionAnswers, scope, action, () => scopeNamesAction(scope, action));
}

const scopeIndexes = new WeakMap<ActionScope, PatternIndex<true>>();

function scopeNamesAction(scope: ActionScope, action: ActionInfo | string): boolean {
  // A scope may hold thousands of patterns (AWS-managed ReadOnlyAccess): only those that can name the action's service are tried.
  const index = memoized(scopeIndexes, scope, () => new PatternIndex(scope.patterns.map((pattern) => [pattern, true] as const)));
  const named = index.first(action) === true;
  return scope.negated ? !named && scope.unknown.length === 0 : named;
}

/** Whether the scope may name actions of the service at all, decided from the patterns' prefixes without loading anything. */
export function scopeMayReachService(scope: ActionScope, service: string): boolean {
  if (scope.negated) return true;
  const named = memoized(scopeServices, scope, servicesNamed);
  return named.every || named.literal.has(service.toLowerCase()) || named.wildcards.some((prefix) => actionPatternMatches(`${prefix}:x`, `${service}:x`));
}

/** The service prefixes a scope's patterns name: asked for every service of every question, about scopes of up to thousands of patterns. */
interface ServicesNamed {
  every: boolean;
  /** Lowercase prefixes without wildcards. */
  literal: ReadonlySet<string>;
  /** Prefixes with a wildcard (`s3*`), matched as IAM matches them. */
  wildcards: readonly string[];
}

const scopeServices = new WeakMap<ActionScope, ServicesNamed>();

function servicesNamed(scope: ActionScope): ServicesNamed {
  const literal = new Set<string>();
  const wildcards: string[] = [];
  let every = false;
  for (const pattern of scope.patterns) {
    const prefix = pattern.split(':')[0] ?? '';
    if (isAllActionsPattern(pattern)) every = true;
    else if (hasWildcard(prefix)) wildcards.push(prefix);
    else literal.add(prefix.toLowerCase());
  }
  return { every, literal, wildcards };
}

function grantOf(statement: Statement, policy: Policy, principal: GrantPrincipal): Grant {
  return {
    effect: statement.effect,
    principal,
    actions: actionScope(statement),
    resources: resourceScope(statement),
    conditions: statement.conditions,
    source: { policy, statement, when: [...policy.when, ...statement.when] },
  };
}

/** The grants of a principal's identity policies (inline, managed, group) and of its permissions boundaries. Shared: do not change them. */
export function identityGrants(set: PrincipalPolicySet): { identity: Grant[]; boundary: Grant[] } {
  return memoized(identityGrantSets, set, newIdentityGrants);
}

function newIdentityGrants(set: PrincipalPolicySet): { identity: Grant[]; boundary: Grant[] } {
  const { principal } = set;
  const logicalId = principal.logicalId;
  if (logicalId === undefined) return { identity: [], boundary: [] };
  const who: GrantPrincipal = { kind: 'in-template', logicalId, principalKind: principal.kind };
  const of = (policies: readonly Policy[]) => policies.flatMap((policy) => policy.statements.map((statement) => grantOf(statement, policy, who)));
  return { identity: of(set.policies), boundary: of(set.boundaries) };
}

/** The grants of a resource, trust or permission policy: one per statement, for the principals it names. Shared: do not change them. */
export function resourcePolicyGrants(policy: Policy): Grant[] {
  return memoized(resourceGrants, policy, newResourcePolicyGrants);
}

function newResourcePolicyGrants(policy: Policy): Grant[] {
  return policy.statements.map((statement) => grantOf(statement, policy, { kind: 'resource-policy' }));
}

/** A Deny counts only when it holds in every `Fn::If` branch and unconditionally. */
export function isCertainDeny(grant: Grant): boolean {
  return grant.effect === 'Deny' && grant.source.when.length === 0 && grant.conditions.length === 0;
}
