import type { Rule } from './types';
import { actionWildcard } from './action-wildcard';
import { allowWithNot } from './allow-with-not';
import { fullAdmin } from './full-admin';
import { publicAccess } from './public-access';

/** Every built-in rule, in id order. */
export const builtinRules: readonly Rule[] = [actionWildcard, allowWithNot, fullAdmin, publicAccess].sort((a, b) =>
  a.meta.id.localeCompare(b.meta.id),
);

export function findRule(id: string, rules: readonly Rule[] = builtinRules): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
