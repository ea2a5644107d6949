/**
 * Checks for user-written settings (the config file, suppressions in template metadata):
 * every problem names the exact node it is about, so it can be reported as file:line.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import { childPointer } from '../template';
import { closest } from '../iam/suggestions';

export interface Problem {
  at: JsonPointer;
  message: string;
}


export function child(at: JsonPointer, key: string | number): JsonPointer {
  return childPointer(at, key);
}

/** ` (did you mean "x"?)` when one candidate is close to `word`, else ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const [best] = closest(word, candidates);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/** One problem per key that is not allowed, pointing at the key. */
export function unknownKeys(object: TemplateObject, allowed: readonly string[], at: JsonPointer, where: string): Problem[] {
  return Object.keys(object)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({
      at: child(at, key),
      message: `unknown key "${key}" in ${where}${didYouMean(key, allowed)}; allowed: ${allowed.join(', ')}`,
    }));
}

/** `2027-03-01`: a real calendar date. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export function describeValue(value: TemplateValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
