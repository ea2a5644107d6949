import type { Located, Policy, Statement } from '../../extract/types';
import type { ResolvedString } from '../../resolve/types';
import { formatResolvedString } from '../../resolve';
import { actionPatternMatches } from '../../iam';

/**
 * Whether the statement's Action may take in the action (wildcards, any case; an action not known
 * statically may); a NotAction statement may too.
 */
export function mayGrantAction(statement: Statement, action: string): boolean {
  if (statement.notActions) return true;
  return (statement.actions ?? []).some((a) => typeof a.value !== 'string' || actionPatternMatches(a.value, action));
}

export function isAllow(statement: Statement): boolean {
  return statement.effect === 'Allow';
}

/** AWS-managed documents are judged by the managed-policy rules, not statement by statement. */
export function isAuthoredPolicy(policy: Policy): boolean {
  return policy.kind !== 'managed-policy-reference';
}

/** `*` and `*:*`: every action of every service. */
export function isAllActions(value: ResolvedString): boolean {
  return value === '*' || value === '*:*';
}

export function display(value: ResolvedString): string {
  return formatResolvedString(value);
}

export function displayAll(list: readonly Located<ResolvedString>[] | undefined): string[] {
  return (list ?? []).map((item) => display(item.value));
}

/** Pointer of a statement key such as `NotAction`, for findings about the element as a whole. */
export function keyPointer(statement: Statement, key: string): string {
  return `${statement.at}/${key}`;
}

/** `a, b and 3 more` — keeps messages one line long. */
export function summarizeList(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `a bucket`, `an index`: for messages that name a type. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
