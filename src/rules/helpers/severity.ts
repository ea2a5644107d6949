import type { Severity } from '../types';

const ONE_LOWER: Readonly<Record<Severity, Severity>> = { error: 'warning', warning: 'info', info: 'info' };

/** A severity lowered by some steps; `info` is the floor (context is never dropped). */
export function lowered(severity: Severity, steps: number): Severity {
  let result = severity;
  for (let i = 0; i < steps; i++) result = ONE_LOWER[result];
  return result;
}
