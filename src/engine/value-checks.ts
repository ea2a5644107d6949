/**
 * Checks for user-written settings (the config file, suppressions in template metadata):
 * every problem names the exact node it is about, so it can be reported as file:line.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import { formatPointer } from '../template';

export interface Problem {
  at: JsonPointer;
  message: string;
}


export function child(at: JsonPointer, key: string | number): JsonPointer {
  return at + formatPointer([key]);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** ` (did you mean "x"?)` when one candidate is close to `word`, else ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
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
