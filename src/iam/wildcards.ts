/** IAM wildcards as used in `Action` elements: `*` any run (also empty), `?` one character. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const compiled = new Map<string, RegExp>();

/** A case-insensitive matcher for a wildcard pattern (action names and service prefixes are case-insensitive). */
export function wildcardRegExp(pattern: string): RegExp {
  let regexp = compiled.get(pattern);
  if (!regexp) {
    const source = [...pattern]
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
      .join('');
    regexp = new RegExp(`^${source}$`, 'is');
    compiled.set(pattern, regexp);
  }
  return regexp;
}
