/**
 * Open `Fn::If`s inside the arguments of another intrinsic. `Fn::Join` over a list holding
 * a choice is a choice of two joins: the function runs once per combination of branches, and
 * the results are put back together under the same conditions (DESIGN.md §2). In maps and
 * lists that are not an intrinsic's argument, choices stay where they are.
 */
import type { JsonPointer } from '../template/types';
import type { Assumption, ChoiceNode, ResolvedNode } from './types';
import { ResolveError } from './types';
import type { Resolved } from './context';

/** Beyond this many combinations in one intrinsic's arguments the value is not resolved rather than guessed. */
export const MAX_ALTERNATIVES = 64;

/** A value with no choice at its top level. */
export type Settled = Exclude<Resolved, ChoiceNode>;

/**
 * How far into an argument choices are decided before the function sees it: its top level
 * only, also its list items (`Fn::Join`, `Fn::Select`: a branch may drop an item), or all the
 * way down (`Fn::ToJsonString`).
 */
export type Reach = 'top' | 'items' | 'deep';

export function choiceOf(condition: string, whenTrue: Resolved, whenFalse: Resolved, at: JsonPointer): Resolved {
  if (whenTrue.kind === 'absent' && whenFalse.kind === 'absent') return whenTrue;
  return { kind: 'choice', condition, whenTrue, whenFalse, at };
}

/**
 * `build` applied to every combination of branches of `args` (each decided as far as its
 * `reach`), as a tree of choices at `at`. Branches that contradict the ones already taken
 * (the same condition both true and false) are never built.
 */
export function distribute(
  at: JsonPointer,
  args: readonly Resolved[],
  reach: readonly Reach[],
  build: (settled: Settled[]) => Resolved,
): Resolved {
  let combinations = 0;
  const next = (index: number, settled: Settled[], when: Assumption[]): Resolved => {
    if (index === args.length) {
      combinations += 1;
      if (combinations > MAX_ALTERNATIVES) throw new ResolveError(`too many Fn::If combinations (more than ${MAX_ALTERNATIVES}) in one value`, at);
      return build(settled);
    }
    return settle(args[index], reach[index], when, at, (value, taken) => next(index + 1, [...settled, value], taken));
  };
  return next(0, [], []);
}

type Continue<T> = (value: T, when: Assumption[]) => Resolved;

function settle(node: Resolved, reach: Reach, when: Assumption[], at: JsonPointer, k: Continue<Settled>): Resolved {
  return decide(node, when, at, (top, taken) => {
    if (reach === 'top' || top.kind === 'absent') return k(top, taken);
    if (top.kind === 'list') return settleItems(top.items, 0, [], reach, taken, at, (items, w) => k({ ...top, items }, w));
    if (top.kind === 'map') {
      return settleEntries([...top.entries], 0, [], reach, taken, at, (entries, w) => k({ ...top, entries: new Map(entries) }, w));
    }
    return k(top, taken);
  });
}

/** The node's top-level choices decided, one continuation per consistent branch. */
function decide(node: Resolved, when: Assumption[], at: JsonPointer, k: Continue<Settled>): Resolved {
  const current = follow(node, when);
  if (current.kind !== 'choice') return k(current, when);
  const { condition } = current;
  return choiceOf(
    condition,
    decide(current.whenTrue, [...when, { condition, value: true }], at, k),
    decide(current.whenFalse, [...when, { condition, value: false }], at, k),
    at,
  );
}

/** Follows the choices whose condition the branches taken so far already decide. */
function follow(node: Resolved, when: readonly Assumption[]): Resolved {
  let current = node;
  while (current.kind === 'choice') {
    const condition = current.condition;
    const known = when.find((a) => a.condition === condition);
    if (!known) return current;
    current = known.value ? current.whenTrue : current.whenFalse;
  }
  return current;
}

// Items without choices are taken in a loop, so long lists do not grow the stack: only items
// that branch recurse, and those are bounded by MAX_ALTERNATIVES.
function settleItems(
  items: readonly ResolvedNode[],
  from: number,
  done: ResolvedNode[],
  reach: Reach,
  when: Assumption[],
  at: JsonPointer,
  k: Continue<ResolvedNode[]>,
): Resolved {
  const out = [...done];
  for (let index = from; index < items.length; index++) {
    const item = follow(items[index], when);
    if (item.kind === 'choice' || (reach === 'deep' && holdsChoice(item))) {
      return settle(item, reach === 'deep' ? 'deep' : 'top', when, at, (value, taken) =>
        settleItems(items, index + 1, value.kind === 'absent' ? out : [...out, value], reach, taken, at, k),
      );
    }
    if (item.kind !== 'absent') out.push(item);
  }
  return k(out, when);
}

function settleEntries(
  entries: readonly [string, ResolvedNode][],
  from: number,
  done: [string, ResolvedNode][],
  reach: Reach,
  when: Assumption[],
  at: JsonPointer,
  k: Continue<[string, ResolvedNode][]>,
): Resolved {
  const out = [...done];
  for (let index = from; index < entries.length; index++) {
    const [key, raw] = entries[index];
    const entry = follow(raw, when);
    if (entry.kind === 'choice' || (reach === 'deep' && holdsChoice(entry))) {
      return settle(entry, reach === 'deep' ? 'deep' : 'top', when, at, (value, taken) =>
        settleEntries(entries, index + 1, value.kind === 'absent' ? out : [...out, [key, value]], reach, taken, at, k),
      );
    }
    if (entry.kind !== 'absent') out.push([key, entry]);
  }
  return k(out, when);
}

function holdsChoice(node: Resolved): boolean {
  switch (node.kind) {
    case 'choice':
      return true;
    case 'list':
      return node.items.some(holdsChoice);
    case 'map':
      return [...node.entries.values()].some(holdsChoice);
    default:
      return false;
  }
}
