/**
 * Resources that grant access through plain properties instead of a document
 * (`Lambda::Permission`, `EventBusPolicy`'s legacy form, ...). Their properties become one
 * statement, so one set of rules serves them and written policies alike (DESIGN.md §3).
 */
import type { JsonPointer } from '../template/types';
import type { Assumption, MapNode, ResolvedNode, ResolvedString } from '../resolve/types';
import type { ConditionClause, Located, PolicyProblem } from './types';
import type { ResourceContext } from './context';
import type { FixedNode } from './variants';
import { toResolvedString } from '../resolve';
import { normalizeConditions } from './elements';
import { pointerOf } from './pointers';
import { expandChoices } from './variants';
import { principalString } from './principals';

export interface PropertyVariant {
  properties: ReadonlyMap<string, FixedNode>;
  when: Assumption[];
}

/** The named properties in every branch, with each `Fn::If` decided and absent ones left out. */
export function propertyVariants(ctx: ResourceContext, keys: readonly string[]): PropertyVariant[] {
  const entries = new Map<string, ResolvedNode>();
  for (const key of keys) {
    const node = ctx.resolver.resolveAt(pointerOf(ctx.propertiesPointer, key));
    if (node) entries.set(key, node);
  }
  const map: MapNode = { kind: 'map', at: ctx.propertiesPointer, entries };
  return expandChoices(map, ctx.when).flatMap((v) => (v.value?.kind === 'map' ? [{ properties: v.value.entries, when: v.when }] : []));
}

/** `{operator: {key: value}}` for one property, read like any written condition. */
export function propertyCondition(operator: string, key: string, node: FixedNode, problems: PolicyProblem[]): ConditionClause[] {
  const block: FixedNode = { kind: 'map', at: node.at, entries: new Map([[key, node]]) };
  return normalizeConditions({ kind: 'map', at: node.at, entries: new Map([[operator, block]]) }, problems);
}

/** A required property read by `read`; its absence is a problem, never a silent pass. */
export function requiredValue(
  properties: ReadonlyMap<string, FixedNode>,
  key: string,
  at: JsonPointer,
  problems: PolicyProblem[],
  read: (node: FixedNode) => ResolvedString,
): Located<ResolvedString> {
  const node = properties.get(key);
  if (!node) {
    problems.push({ message: `${key} is missing`, at });
    return { value: { kind: 'unknown', reason: `${key} is missing` }, at };
  }
  return { value: read(node), at: node.at };
}

export function requiredString(
  properties: ReadonlyMap<string, FixedNode>,
  key: string,
  at: JsonPointer,
  problems: PolicyProblem[],
): Located<ResolvedString> {
  return requiredValue(properties, key, at, problems, (node) => {
    const value = toResolvedString(node);
    if (value === undefined) problems.push({ message: `${key} must be a string`, at: node.at });
    return value ?? { kind: 'unknown', reason: `${key} is not a string` };
  });
}

/** The `Principal` property of a permission: one string, or an account id written as a number. */
export function requiredPrincipal(properties: ReadonlyMap<string, FixedNode>, at: JsonPointer, problems: PolicyProblem[]): Located<ResolvedString> {
  return requiredValue(properties, 'Principal', at, problems, (node) => principalString(node, 'Principal', problems));
}
