/**
 * Code-unit order, the same on every machine and locale. `localeCompare` would make output
 * depend on the machine's ICU data and locale, and its first call costs about 10 ms of start-up.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
