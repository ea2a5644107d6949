/** IAM wildcards as used in `Action` elements: `*` any run (also empty), `?` one character. */
import { TextKeyedMemo } from '../memo';

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const compiled = new TextKeyedMemo<RegExp>();

/** A case-insensitive matcher for a wildcard pattern (action names and service prefixes are case-insensitive). */
export function wildcardRegExp(pattern: string): RegExp {
  return compiled.get(pattern, () => {
    const source = [...pattern]
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
      .join('');
    return new RegExp(`^${source}$`, 'is');
  });
}
