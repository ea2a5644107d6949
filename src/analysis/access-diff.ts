/**
 * The access a newer version of a stack grants and the older one did not (IAM Access Analyzer's
 * "no new access" check, offline): per principal and resource, new principals, new actions
 * (after wildcard expansion), broader resources, removed or weakened conditions, and access a
 * Deny or a permissions boundary no longer takes away.
 *
 * An older grant takes in a newer one when it names the action (or a pattern of it), a resource
 * pattern that takes in the newer one, and no condition the newer one lacks: the newer statement
 * may add conditions (that only narrows), not drop or change them.
 */
import type { Statement } from '../extract/types';
import type { AccessPrincipal } from './effective-access';
import type { GrantSource } from './grants';
import { describeFactResource, resourcesCover, scopeCoversFactAction, type AccessFact, type FactAction, type FactCondition, type FactResource } from './access-facts';

export type ChangeKind =
  /** The principal had no access at all. */
  | 'new-principal'
  /** The principal had the action on no resource. */
  | 'new-action'
  /** It had the action on narrower resources, which this one takes in. */
  | 'broader-resource'
  /** It had the action on other resources. */
  | 'new-resource'
  /** It had the access under conditions this version drops or changes. */
  | 'weaker-conditions'
  /** A Deny or the permissions boundary took the access away. */
  | 'no-longer-denied';

export interface AccessChange {
  principal: AccessPrincipal;
  kind: ChangeKind;
  resource: FactResource;
  actions: FactAction[];
  /** What the older version had instead, as a reader would name it: its resources, the conditions dropped or changed, what took the access away. */
  was: string[];
  /** The newer version's statements that grant it. */
  grants: GrantSource[];
  /** The older version's statements the change is measured against: narrower or conditional grants, Denies. */
  previous: GrantSource[];
}

interface PrincipalIndex {
  /** Facts of one action, by lowercase qualified name. */
  byAction: Map<string, AccessFact[]>;
  /** Facts whose action stayed a pattern (`*`, `NotAction ...`). */
  patterns: AccessFact[];
}

function indexFacts(facts: readonly AccessFact[]): Map<string, PrincipalIndex> {
  const index = new Map<string, PrincipalIndex>();
  for (const fact of facts) {
    const entry: PrincipalIndex = index.get(fact.principal.id) ?? { byAction: new Map(), patterns: [] };
    index.set(fact.principal.id, entry);
    if (fact.action.kind === 'pattern') entry.patterns.push(fact);
    else {
      const key = fact.action.name.toLowerCase();
      entry.byAction.set(key, [...(entry.byAction.get(key) ?? []), fact]);
    }
  }
  return index;
}

/** The older facts that grant the action, on any resource, under any conditions. */
function grantingAction(index: PrincipalIndex, action: FactAction): AccessFact[] {
  const patterns = index.patterns.filter((f) => f.action.kind === 'pattern' && scopeCoversFactAction(f.action.scope, action));
  return action.kind === 'action' ? [...(index.byAction.get(action.name.toLowerCase()) ?? []), ...patterns] : patterns;
}

/** The conditions of the older fact that the newer one does not require as they were. */
const missingConditions = (older: AccessFact, newer: AccessFact): FactCondition[] =>
  older.conditions.filter((c) => !newer.conditions.some((n) => n.shown === c.shown));

function describeMissing(missing: readonly FactCondition[], newer: AccessFact): string[] {
  return missing.map((condition) => {
    const now = newer.conditions.filter((n) => n.key === condition.key);
    return now.length > 0 ? `condition changed: ${condition.shown} → ${now.map((n) => n.shown).join('; ')}` : `condition removed: ${condition.shown}`;
  });
}

const REVOKED: Readonly<Record<NonNullable<AccessFact['revokedBy']>, string>> = {
  deny: 'was denied by a Deny statement',
  'permissions-boundary': 'was outside the permissions boundary',
};

type Verdict = Pick<AccessChange, 'kind' | 'was' | 'previous'> | undefined;

/** How a newer fact compares with the older facts of its principal; `undefined` when they already granted it. */
function compare(fact: AccessFact, index: PrincipalIndex | undefined): Verdict {
  if (!index) return { kind: 'new-principal', was: [], previous: [] };
  const candidates = grantingAction(index, fact.action);
  const covering = candidates.filter((c) => resourcesCover(c.resource, fact.resource));
  const live = covering.filter((c) => !c.revokedBy);
  if (live.length > 0) {
    const best = live.map((c) => ({ c, missing: missingConditions(c, fact) })).sort((a, b) => a.missing.length - b.missing.length)[0]!;
    if (best.missing.length === 0) return undefined;
    return { kind: 'weaker-conditions', was: describeMissing(best.missing, fact), previous: [best.c.source] };
  }
  if (covering.length > 0) {
    const reasons = [...new Set(covering.map((c) => REVOKED[c.revokedBy!]))];
    return { kind: 'no-longer-denied', was: reasons, previous: covering.flatMap((c) => (c.revokers.length > 0 ? c.revokers : [c.source])) };
  }
  const elsewhere = candidates.filter((c) => !c.revokedBy);
  if (elsewhere.length === 0) return { kind: 'new-action', was: [], previous: [] };
  const narrower = elsewhere.filter((c) => resourcesCover(fact.resource, c.resource));
  const shown = (facts: readonly AccessFact[]) => [...new Set(facts.map((c) => describeFactResource(c.resource)))].sort();
  return narrower.length > 0
    ? { kind: 'broader-resource', was: shown(narrower), previous: narrower.map((c) => c.source) }
    : { kind: 'new-resource', was: shown(elsewhere), previous: elsewhere.map((c) => c.source) };
}

const actionKey = (action: FactAction): string => (action.kind === 'action' ? action.name : action.shown);

function uniqueSources(sources: readonly GrantSource[]): GrantSource[] {
  const seen = new Map<Statement, GrantSource>();
  for (const source of sources) if (!seen.has(source.statement)) seen.set(source.statement, source);
  return [...seen.values()];
}

/** The access `newer` grants that `older` did not, one change per principal, resource and kind. Pass no older facts for a new stack. */
export function diffAccess(older: readonly AccessFact[], newer: readonly AccessFact[]): AccessChange[] {
  const index = indexFacts(older);
  const changes = new Map<string, AccessChange>();
  for (const fact of newer) {
    if (fact.revokedBy) continue;
    const verdict = compare(fact, index.get(fact.principal.id));
    if (!verdict) continue;
    const key = [fact.principal.id, verdict.kind, describeFactResource(fact.resource), ...verdict.was].join('\u0000');
    const change = changes.get(key) ?? { principal: fact.principal, kind: verdict.kind, resource: fact.resource, actions: [], was: verdict.was, grants: [], previous: [] };
    changes.set(key, change);
    if (!change.actions.some((a) => actionKey(a) === actionKey(fact.action))) change.actions.push(fact.action);
    change.grants = uniqueSources([...change.grants, fact.source]);
    change.previous = uniqueSources([...change.previous, ...verdict.previous]);
  }
  return [...changes.values()];
}
