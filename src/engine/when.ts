import type { Assumption } from '../resolve/types';

/** `when IsProd is true and UseKms is false`, or '' for an unconditional statement. */
export function describeWhen(when: readonly Assumption[]): string {
  if (when.length === 0) return '';
  return `when ${when.map((a) => `${a.condition} is ${a.value}`).join(' and ')}`;
}
