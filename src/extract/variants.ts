/**
 * `Fn::If` branches as variants (DESIGN.md §2). The resolver keeps open `Fn::If`s as `choice`
 * nodes where they stand; extraction turns them into separate variants, each marked with the
 * assumptions that select it, so that rules see plain values and can still say "when IsProd
 * is false".
 */
import type { JsonPointer } from '../template/types';
import type {
  AbsentNode,
  Assumption,
  ResolvedNode,
  ScalarNode,
  SymbolicNode,
  UnknownNode,
} from '../resolve/types';
import { ExtractFailure } from './errors';
import type { DecidedNode } from '../resolve/json-text';

/** A resolved value with every `Fn::If` decided: what one variant of a statement is made of. */
export type FixedNode = ScalarNode | SymbolicNode | UnknownNode | FixedListNode | FixedMapNode;

export interface FixedListNode {
  kind: 'list';
  at: JsonPointer;
  items: FixedNode[];
}

export interface FixedMapNode {
  kind: 'map';
  at: JsonPointer;
  entries: Map<string, FixedNode>;
}

/** A resolved node whose top level is decided (its children may still hold choices). */
export type { DecidedNode };

export interface Variant<T> {
  value: T;
  when: Assumption[];
}

/** Beyond this many variants of one statement the combinations are not analyzed: an error, not a guess. */
export const MAX_VARIANTS_PER_STATEMENT = 64;

export class VariantLimitError extends ExtractFailure {
  constructor(at: JsonPointer, limit: number) {
    super(`more than ${limit} Fn::If combinations in one statement; simplify the conditions or split the statement`, at);
    this.name = 'VariantLimitError';
  }
}

/**
 * `when` plus one more assumption, or `undefined` when they contradict (a condition cannot be
 * both true and false in one variant: that combination can never be deployed).
 */
export function assume(when: readonly Assumption[], next: Assumption): Assumption[] | undefined {
  const known = when.find((a) => a.condition === next.condition);
  if (known) return known.value === next.value ? [...when] : undefined;
  return [...when, next];
}

/**
 * The values a node can take at its top level, unwrapping chains of `choice` nodes only.
 * `undefined` stands for `AWS::NoValue` (the key or element is absent in that branch).
 */
export function alternatives(
  node: ResolvedNode | AbsentNode | undefined,
  when: readonly Assumption[],
): Variant<DecidedNode | undefined>[] {
  if (node === undefined || node.kind === 'absent') return [{ value: undefined, when: [...when] }];
  if (node.kind !== 'choice') return [{ value: node, when: [...when] }];
  const out: Variant<DecidedNode | undefined>[] = [];
  for (const [branch, value] of [
    [node.whenTrue, true],
    [node.whenFalse, false],
  ] as const) {
    const next = assume(when, { condition: node.condition, value });
    if (next) out.push(...alternatives(branch, next));
  }
  return out;
}

/**
 * Every variant of a node with all nested choices decided, under consistent assumptions.
 * Throws `VariantLimitError` past `limit` variants rather than analyzing some of them.
 */
export function expandChoices(
  node: ResolvedNode | AbsentNode | undefined,
  when: readonly Assumption[],
  limit: number = MAX_VARIANTS_PER_STATEMENT,
): Variant<FixedNode | undefined>[] {
  // Most values hold no Fn::If at all: they are their own only variant, not rebuilt node by node.
  if (node !== undefined && node.kind !== 'absent' && isFixed(node)) return [{ value: node, when: [...when] }];
  const out: Variant<FixedNode | undefined>[] = [];
  for (const alt of alternatives(node, when)) {
    const value = alt.value;
    if (value === undefined || value.kind === 'scalar' || value.kind === 'symbolic' || value.kind === 'unknown') {
      out.push({ value, when: alt.when });
    } else if (value.kind === 'list') {
      for (const v of expandList(value.items, alt.when, limit, value.at)) {
        out.push({ value: { kind: 'list', at: value.at, items: v.value }, when: v.when });
      }
    } else {
      for (const v of expandEntries([...value.entries], alt.when, limit, value.at)) {
        out.push({ value: { kind: 'map', at: value.at, entries: new Map(v.value) }, when: v.when });
      }
    }
    if (out.length > limit) throw new VariantLimitError(value?.at ?? '', limit);
  }
  return out;
}

/** A node without a choice anywhere inside is already fixed. */
function isFixed(node: ResolvedNode): node is FixedNode {
  if (node.kind === 'choice') return false;
  if (node.kind === 'list') return node.items.every(isFixed);
  if (node.kind === 'map') {
    for (const entry of node.entries.values()) if (!isFixed(entry)) return false;
  }
  return true;
}

function expandList(
  items: readonly ResolvedNode[],
  when: readonly Assumption[],
  limit: number,
  at: JsonPointer,
): Variant<FixedNode[]>[] {
  return expandSequence(items, (item) => item, (_, value) => value, when, limit, at);
}

function expandEntries(
  entries: readonly [string, ResolvedNode][],
  when: readonly Assumption[],
  limit: number,
  at: JsonPointer,
): Variant<[string, FixedNode][]>[] {
  return expandSequence(entries, ([, node]) => node, ([key], value) => [key, value], when, limit, at);
}

/**
 * The variants of a sequence of nodes: each partial variant grows by every variant of the next
 * node. A partial that the next node does not split is extended in place, so that a long list
 * without choices (a managed policy's thousands of actions) costs linear time, not quadratic.
 */
function expandSequence<Item, Out>(
  items: readonly Item[],
  nodeOf: (item: Item) => ResolvedNode,
  output: (item: Item, value: FixedNode) => Out,
  when: readonly Assumption[],
  limit: number,
  at: JsonPointer,
): Variant<Out[]>[] {
  let partials: Variant<Out[]>[] = [{ value: [], when: [...when] }];
  for (const item of items) {
    const next: Variant<Out[]>[] = [];
    for (const partial of partials) {
      const variants = expandChoices(nodeOf(item), partial.when, limit);
      if (variants.length === 1) {
        const [only] = variants;
        if (only.value !== undefined) partial.value.push(output(item, only.value));
        next.push({ value: partial.value, when: only.when });
        continue;
      }
      for (const v of variants) next.push({ value: v.value === undefined ? [...partial.value] : [...partial.value, output(item, v.value)], when: v.when });
    }
    if (next.length > limit) throw new VariantLimitError(at, limit);
    partials = next;
  }
  return partials;
}

/** The assumptions in `when` that `base` does not already hold: what a variant adds. */
export function addedAssumptions(when: readonly Assumption[], base: readonly Assumption[]): Assumption[] {
  return when.filter((a) => !base.some((b) => b.condition === a.condition));
}
