/** IAM wildcards as used in `Action` elements: `*` any run (also empty), `?` one character. */
import { TextKeyedMemo } from '../memo';

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const compiled = new TextKeyedMemo<RegExp>();

/** A case-insensitive matcher for a wildcard pattern (action names and service prefixes are case-insensitive). */
export function wildcardRegExp(pattern: string): RegExp {
  return compiled.get(pattern, () => new RegExp(`^${wildcardSource(pattern)}$`, 'is'));
}

function wildcardSource(pattern: string, oneCharacter = '.'): string {
  return [...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? oneCharacter : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
}

/**
 * Whether glob `pattern` matches every string glob `inner` matches. `inner` is read as text whose
 * own wildcards stand for what they match: the pattern's `*` takes in any run of it, its `?` one
 * character that is not a `*` (one character is not any number of them).
 */
export function globCovers(pattern: string, inner: string, ignoreCase = false): boolean {
  return new RegExp(`^${wildcardSource(pattern, '[^*]')}$`, ignoreCase ? 'is' : 's').test(inner);
}
