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

/** The pattern as regular expression source: `*` any run, `?` what `oneCharacter` matches, the rest literal. */
export function wildcardSource(pattern: string, oneCharacter = '.'): string {
  return [...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? oneCharacter : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
}
