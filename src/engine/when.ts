import type { Assumption } from '../resolve/types';

/** `when IsProd is true and UseKms is false`, or '' for an unconditional statement. */
export function describeWhen(when: readonly Assumption[]): string {
  if (when.length === 0) return '';
  return `when ${when.map((a) => `${a.condition} is ${a.value}`).join(' and ')}`;
}

/**
 * The branches a finding was seen under, with every condition that does not matter dropped: a
 * condition is dropped where each branch that names it has its twin with the condition the other
 * way round (seen when `C` is true and when `C` is false, all else equal). An empty branch means
 * the finding holds whatever the conditions.
 */
export function simplifyWhens(whens: readonly (readonly Assumption[])[]): Assumption[][] {
  let branches = unique(whens.map((when) => [...when]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const condition of new Set(branches.flatMap((when) => when.map((a) => a.condition)))) {
      const naming = branches.filter((when) => when.some((a) => a.condition === condition));
      const keys = new Set(branches.map(branchKey));
      const flipped = (when: Assumption[]) => when.map((a) => (a.condition === condition ? { ...a, value: !a.value } : a));
      if (!naming.every((when) => keys.has(branchKey(flipped(when))))) continue;
      branches = unique(branches.map((when) => when.filter((a) => a.condition !== condition)));
      changed = true;
    }
  }
  return branches;
}

/** Independent of the order its assumptions were made in. */
function branchKey(when: readonly Assumption[]): string {
  return when
    .map((a) => `${a.condition}=${a.value}`)
    .sort()
    .join('\u0000');
}

function unique(branches: Assumption[][]): Assumption[][] {
  const byKey = new Map<string, Assumption[]>();
  for (const when of branches) if (!byKey.has(branchKey(when))) byKey.set(branchKey(when), when);
  return [...byKey.values()];
}
