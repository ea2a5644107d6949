/**
 * The access a newer version of a stack grants and the older one did not (IAM Access Analyzer's
 * "no new access" check, offline): per principal and resource, new principals, new actions
 * (after wildcard expansion), broader resources, removed or weakened conditions, and access a
 * Deny or a permissions boundary no longer takes away.
 *
 * An older grant takes in a newer one when it names the action (or a pattern of it), a resource
 * pattern that takes in the newer one, and conditions the newer one implies: the newer statement
 * may add or tighten conditions, not drop or loosen them (`access-diff-conditions.ts`), and it
 * must have existed in every `Fn::If` branch the newer one exists in.
 * Facts are compared one at a time, so how statements are split, merged or ordered does not
 * matter, only what they grant.
 */
import type { Statement } from '../extract/types';
import type { Assumption } from '../resolve/types';
import { describeWhen } from '../engine/when';
import type { AccessPrincipal } from './effective-access';
import type { GrantSource } from './grants';
import { describeFactResource, factCondition, resourcesCover, scopeCoversFactAction, type AccessFact, type FactAction, type FactResource } from './access-facts';
import { comparableFact, type ComparableFact } from './access-diff-facts';
import { weakenedConditions } from './access-diff-conditions';
import { pairResources, type RenamedResource, type StackIdentity } from './access-diff-pairing';

export type ChangeKind =
  /** The principal had no access at all. */
  | 'new-principal'
  /** The principal had the action on no resource. */
  | 'new-action'
  /** It had the action on narrower resources, which this one takes in. */
  | 'broader-resource'
  /** It had the action on other resources. */
  | 'new-resource'
  /** It had the access under conditions (or in `Fn::If` branches) this version drops or loosens. */
  | 'weaker-conditions'
  /** A Deny or the permissions boundary took the access away. */
  | 'no-longer-denied';

export interface AccessChange {
  principal: AccessPrincipal;
  kind: ChangeKind;
  resource: FactResource;
  actions: FactAction[];
  /** What the older version had instead, as a reader would name it: its resources, the conditions dropped or loosened, what took the access away. */
  was: string[];
  /** The conditions the newer version grants it under, as shown: `StringEquals aws:PrincipalOrgID o-a1b2c3d4e5`. */
  conditions: string[];
  /** The newer version's statements that grant it. */
  grants: GrantSource[];
  /** The older version's statements the change is measured against: narrower or conditional grants, Denies. */
  previous: GrantSource[];
}

interface PrincipalIndex {
  /** Facts of one action, by lowercase qualified name. */
  byAction: Map<string, ComparableFact[]>;
  /** Facts of one action on one resource written alike: an unchanged grant is found without matching patterns. */
  byActionAndResource: Map<string, ComparableFact[]>;
  /** Facts whose action stayed a pattern (`*`, `NotAction ...`). */
  patterns: ComparableFact[];
}

const sameAccessKey = (action: FactAction, resource: FactResource): string =>
  `${action.kind === 'action' ? action.name.toLowerCase() : action.shown}\u0000${describeFactResource(resource)}`;

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

function indexFacts(facts: readonly ComparableFact[]): Map<string, PrincipalIndex> {
  const index = new Map<string, PrincipalIndex>();
  for (const fact of facts) {
    const entry: PrincipalIndex = index.get(fact.principal.id) ?? { byAction: new Map(), byActionAndResource: new Map(), patterns: [] };
    index.set(fact.principal.id, entry);
    push(entry.byActionAndResource, sameAccessKey(fact.action, fact.resource), fact);
    if (fact.action.kind === 'pattern') entry.patterns.push(fact);
    else push(entry.byAction, fact.action.name.toLowerCase(), fact);
  }
  return index;
}

/** The older facts that grant the action, on any resource, under any conditions. */
function grantingAction(index: PrincipalIndex, action: FactAction): ComparableFact[] {
  const patterns = index.patterns.filter((f) => f.action.kind === 'pattern' && scopeCoversFactAction(f.action.scope, action));
  return action.kind === 'action' ? [...(index.byAction.get(action.name.toLowerCase()) ?? []), ...patterns] : patterns;
}

/** A Deny's statement number says where it sits, not what it requires: reordering must not count. */
const narrowingKey = (narrowing: string): string => narrowing.replace(/ \(statement \d+\)/g, '');

/** What the older fact required that the newer one does not. */
function lostConditions(older: ComparableFact, newer: ComparableFact): string[] {
  const kept = new Set(newer.narrowings.map(narrowingKey));
  return [
    ...weakenedConditions(newer.clauses, older.clauses),
    ...older.narrowings.filter((n) => !kept.has(narrowingKey(n))).map((n) => `no longer narrowed by ${n}`),
  ];
}

const REVOKED: Readonly<Record<NonNullable<ComparableFact['revokedBy']>, string>> = {
  deny: 'was denied by a Deny statement',
  'permissions-boundary': 'was outside the permissions boundary',
};

type Verdict = Pick<AccessChange, 'kind' | 'was' | 'previous'> | undefined;

/** Conditions (`Fn::If`) a branch check looks at, at most: 2^12 combinations. */
const MAX_BRANCH_CONDITIONS = 12;

const holds = (assumptions: readonly Assumption[], values: ReadonlyMap<string, boolean>): boolean => assumptions.every((a) => values.get(a.condition) === a.value);

/**
 * Whether, in every `Fn::If` branch the newer grant exists in, one of the older grants exists
 * too. Conditions are taken as independent (two that exclude each other make a combination that
 * cannot happen count), which can only report more.
 */
function inEveryBranch(older: readonly ComparableFact[], newer: ComparableFact): boolean {
  const given = newer.source.when;
  const open = older.map((o) => o.source.when.filter((a) => !given.some((g) => g.condition === a.condition && g.value === a.value)));
  if (open.some((rest) => rest.length === 0)) return true;
  const names = [...new Set(open.flat().map((a) => a.condition))].filter((n) => !given.some((g) => g.condition === n));
  if (names.length > MAX_BRANCH_CONDITIONS) return false;
  for (let bits = 0; bits < 2 ** names.length; bits++) {
    const values = new Map<string, boolean>([...given.map((g): [string, boolean] => [g.condition, g.value]), ...names.map((n, i): [string, boolean] => [n, (bits & (1 << i)) !== 0])]);
    if (!open.some((rest) => holds(rest, values))) return false;
  }
  return true;
}

/** How a newer fact compares with the older facts of its principal; `undefined` when they already granted it. */
function compare(fact: ComparableFact, index: PrincipalIndex | undefined, existed: boolean): Verdict {
  if (!index) return { kind: existed ? 'new-action' : 'new-principal', was: [], previous: [] };
  const unchanged = (index.byActionAndResource.get(sameAccessKey(fact.action, fact.resource)) ?? []).filter((c) => !c.revokedBy && lostConditions(c, fact).length === 0);
  if (unchanged.length > 0 && inEveryBranch(unchanged, fact)) return undefined;
  const candidates = grantingAction(index, fact.action);
  const covering = candidates.filter((c) => resourcesCover(c.resource, fact.resource));
  const live = covering.filter((c) => !c.revokedBy).map((c) => ({ c, lost: lostConditions(c, fact) }));
  const whole = live.filter((l) => l.lost.length === 0).map((l) => l.c);
  if (whole.length > 0) {
    if (inEveryBranch(whole, fact)) return undefined;
    const branches = [...new Set(whole.map((c) => describeWhen(c.source.when)))].sort();
    return { kind: 'weaker-conditions', was: [`granted only ${branches.join(' or ')}`], previous: whole.map((c) => c.source) };
  }
  if (live.length > 0) {
    const best = [...live].sort((a, b) => a.lost.length - b.lost.length)[0]!;
    return { kind: 'weaker-conditions', was: best.lost, previous: [best.c.source] };
  }
  if (covering.length > 0) {
    const reasons = [...new Set(covering.map((c) => REVOKED[c.revokedBy!]))];
    return { kind: 'no-longer-denied', was: reasons, previous: covering.flatMap((c) => (c.revokers.length > 0 ? c.revokers : [c.source])) };
  }
  const elsewhere = candidates.filter((c) => !c.revokedBy);
  if (elsewhere.length === 0) return { kind: 'new-action', was: [], previous: [] };
  const narrower = elsewhere.filter((c) => resourcesCover(fact.resource, c.resource));
  const shown = (facts: readonly ComparableFact[]) => [...new Set(facts.map((c) => describeFactResource(c.resource)))].sort();
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

/**
 * The access `newer` grants that `older` did not, one change per principal, resource, kind,
 * what was before and the conditions it is granted under. Both sides must name in-template resources alike (the older one renamed, see
 * `access-diff-pairing.ts`). `existedBefore` holds the in-template principals of the older
 * version, in the newer names: one of them that had no access gets new actions, not a new principal.
 */
export function diffAccess(older: readonly ComparableFact[], newer: readonly ComparableFact[], existedBefore: ReadonlySet<string> = new Set()): AccessChange[] {
  const index = indexFacts(older);
  const changes = new Map<string, { change: AccessChange; actions: Set<string> }>();
  for (const fact of newer) {
    if (fact.revokedBy) continue;
    const existed = fact.principal.kind !== 'external' && existedBefore.has(fact.principal.id);
    const verdict = compare(fact, index.get(fact.principal.id), existed);
    if (!verdict) continue;
    const conditions = [...fact.clauses.map((c) => factCondition(c).shown), ...fact.narrowings];
    const key = [fact.principal.id, verdict.kind, describeFactResource(fact.resource), ...verdict.was, '', ...conditions].join('\u0000');
    const entry = changes.get(key) ?? {
      change: { principal: fact.principal, kind: verdict.kind, resource: fact.resource, actions: [], was: verdict.was, conditions, grants: [], previous: [] },
      actions: new Set<string>(),
    };
    changes.set(key, entry);
    const { change } = entry;
    if (!entry.actions.has(actionKey(fact.action))) {
      entry.actions.add(actionKey(fact.action));
      change.actions.push(fact.action);
    }
    change.grants = uniqueSources([...change.grants, fact.source]);
    change.previous = uniqueSources([...change.previous, ...verdict.previous]);
  }
  return [...changes.values()].map((e) => e.change);
}

/** One version of a stack: its name, its facts, and its resources for pairing (`stackIdentity`). */
export interface StackVersion {
  stack: string;
  facts: readonly AccessFact[];
  identity: StackIdentity;
}

export interface VersionPair {
  /** Absent for a stack that is new. */
  older?: StackVersion;
  newer: StackVersion;
}

/**
 * What each newer version grants that its older one did not, after pairing their resources;
 * everything, for a stack without an older version. Pairs are compared together so that a
 * reference into another stack of the scan (`Fn::ImportValue`) reads through that stack's pairing.
 */
export function diffVersions(pairs: readonly VersionPair[]): { changes: AccessChange[]; renamed: RenamedResource[] }[] {
  const pairings = pairs.map(({ older, newer }) => (older ? pairResources(older.identity, newer.identity) : undefined));
  const byOlderStack = new Map(pairs.flatMap(({ older, newer }, i) => (older ? [[older.stack, { stack: newer.stack, pairing: pairings[i]! }] as const] : [])));
  const foreign = (stack: string, logicalId: string) => {
    const other = byOlderStack.get(stack);
    return other ? { stack: other.stack, logicalId: other.pairing.rename(logicalId) ?? logicalId } : undefined;
  };
  return pairs.map(({ older, newer }, i) => {
    const pairing = pairings[i];
    const before = older && pairing ? older.facts.map((f) => comparableFact(f, { local: pairing.rename, foreign })) : [];
    const changes = diffAccess(before, newer.facts.map((f) => comparableFact(f)), pairing?.principalsBefore);
    return { changes, renamed: pairing?.renamed ?? [] };
  });
}
