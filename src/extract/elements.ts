/**
 * The list-valued statement elements: `Action`, `Resource` (and their `Not` forms) and `Condition`.
 */
import type { ResolvedString } from '../resolve/types';
import type { ConditionClause, Located, PolicyProblem, PolicyScalar } from './types';
import type { FixedNode } from './variants';
import { toResolvedString } from '../resolve';
import { describeKind } from './principals';

/**
 * A string or a list of strings, each element at its own position. An unknown value stays one
 * unknown entry (an unknown list too): never `*`, never dropped.
 */
export function stringList(node: FixedNode, element: string, problems: PolicyProblem[]): Located<ResolvedString>[] {
  const items = node.kind === 'list' ? node.items : [node];
  return items.map((item) => ({ value: elementString(item, element, problems), at: item.at }));
}

function elementString(item: FixedNode, element: string, problems: PolicyProblem[]): ResolvedString {
  const value = toResolvedString(item);
  if (value !== undefined) return value;
  if (item.kind === 'scalar' && (typeof item.value === 'number' || typeof item.value === 'boolean')) {
    problems.push({ message: `${element} holds the ${typeof item.value} ${String(item.value)} where a string was expected`, at: item.at, rejected: true });
    return String(item.value);
  }
  problems.push({ message: `${element} holds a ${describeKind(item)} where a string was expected`, at: item.at, rejected: true });
  return { kind: 'unknown', reason: `${element} holds a ${describeKind(item)}` };
}

/** Stands in for an operator or key that cannot be read, so a condition is never silently lost. */
export const UNREADABLE = '(unknown)';

/**
 * `{Operator: {Key: value | [values]}}` as clauses. A condition that cannot be read is kept as
 * an unreadable clause: dropping it would make a conditional Deny look unconditional.
 */
export function normalizeConditions(node: FixedNode, problems: PolicyProblem[]): ConditionClause[] {
  if (node.kind === 'unknown') {
    problems.push({ message: `Condition cannot be known statically: ${node.reason}`, at: node.at });
    return [unreadableClause(UNREADABLE, node)];
  }
  if (node.kind !== 'map') {
    problems.push({ message: `Condition must be a map of operators, not a ${describeKind(node)}`, at: node.at });
    return [unreadableClause(UNREADABLE, node)];
  }
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of node.entries) {
    if (block.kind === 'unknown') {
      problems.push({ message: `Condition ${operator} cannot be known statically: ${block.reason}`, at: block.at });
      clauses.push(unreadableClause(operator, block));
      continue;
    }
    if (block.kind !== 'map') {
      problems.push({ message: `Condition ${operator} must map condition keys to values, not be a ${describeKind(block)}`, at: block.at });
      clauses.push(unreadableClause(operator, block));
      continue;
    }
    for (const [key, values] of block.entries) {
      const items = values.kind === 'list' ? values.items : [values];
      clauses.push({ operator, key, values: items.flatMap((item) => conditionValue(item, operator, key, problems)), at: values.at });
    }
  }
  return clauses;
}

function unreadableClause(operator: string, node: FixedNode): ConditionClause {
  const reason = node.kind === 'unknown' ? node.reason : 'condition cannot be read';
  return { operator, key: UNREADABLE, values: [{ value: { kind: 'unknown', reason }, at: node.at }], at: node.at };
}

function conditionValue(item: FixedNode, operator: string, key: string, problems: PolicyProblem[]): Located<PolicyScalar>[] {
  if (item.kind === 'scalar' && (typeof item.value === 'number' || typeof item.value === 'boolean')) {
    return [{ value: item.value, at: item.at }];
  }
  const value = toResolvedString(item);
  if (value !== undefined) return [{ value, at: item.at }];
  problems.push({ message: `Condition ${operator} ${key} holds a ${describeKind(item)} where a value was expected`, at: item.at });
  return [{ value: { kind: 'unknown', reason: `condition value is a ${describeKind(item)}` }, at: item.at }];
}
