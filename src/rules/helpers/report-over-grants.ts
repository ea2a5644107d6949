/**
 * From over-grants to findings: weigh what narrows each grant (conditions, Denies, values not
 * known statically), then group the grants of one statement that end at the same severity, so a
 * statement gives one finding per rule and severity rather than one per action.
 */
import type { Policy, Statement } from '../../extract/types';
import type { Severity, StackAnalysis } from '../types';
import type { ActionInfo } from '../../iam';
import { statementNarrowing, type Narrowing } from '../../analysis/statement-narrowing';
import { applicableBoundaries, applicableDenies, type OverGrant, type ResourceReach } from './over-grants';
import { display, summarizeList } from './statements';
import { lowered } from './severity';

export interface OverGrantGroup {
  severity: Severity;
  grants: OverGrant[];
  narrowing: Narrowing;
  reach: ResourceReach;
  /** The statement that grants them, and its policy. */
  statement: Statement;
  policy: Policy;
}

/**
 * Narrowing by conditions and Denies for these actions. A Deny that cancels the grant clears it;
 * one that narrows it, a narrowing condition, or one whose value is not known lowers the severity one step.
 */
export function narrowingFor(
  actions: readonly ActionInfo[] | 'all',
  statement: Statement,
  policy: Policy,
  stack: StackAnalysis,
  callerKeysNarrow = true,
): Narrowing {
  const boundaries = applicableBoundaries(policy, stack);
  return statementNarrowing({ statement, policy, actions, denies: applicableDenies(policy, stack), callerKeysNarrow, ...(boundaries && { boundaries }) });
}

/** The severity after weighing; `undefined` when a Deny cancels the grant. */
export function weighedSeverity(base: Severity, narrowing: Narrowing, reach?: ResourceReach): Severity | undefined {
  if (narrowing.verdict === 'denied') return undefined;
  const steps = (narrowing.verdict === 'open' ? 0 : 1) + (reach?.verdict === 'unknown' ? 1 : 0);
  return lowered(base, steps);
}

export function groupOverGrants(
  grants: readonly OverGrant[],
  baseSeverity: (grant: OverGrant) => Severity,
  statement: Statement,
  policy: Policy,
  stack: StackAnalysis,
): OverGrantGroup[] {
  const groups = new Map<string, OverGrantGroup>();
  for (const grant of grants) {
    const narrowing = narrowingFor([grant.action], statement, policy, stack);
    const severity = weighedSeverity(baseSeverity(grant), narrowing, grant.reach);
    if (severity === undefined) continue;
    const key = [severity, grant.reach.verdict, ...grant.reach.resources.map((r) => r.at), ...narrowing.weighed].join('\u0000');
    const group = groups.get(key);
    if (group) group.grants.push(grant);
    else groups.set(key, { severity, grants: [grant], narrowing, reach: grant.reach, statement, policy });
  }
  return [...groups.values()];
}

/** `every resource ("*")`, `arn:aws:s3:::* (every resource of its type)`, or why a value not known statically may be `*`. */
export function describeReach(reach: ResourceReach): string {
  const shown = reach.resources.map((r) => display(r.value));
  if (reach.verdict === 'unknown') return `${summarizeList(shown)}, which may be "*"`;
  if (shown.every((r) => r === '*')) return 'every resource ("*")';
  return `${summarizeList(shown)}, which covers every resource of its type`;
}

/** A clause to append to a message saying what was weighed; empty when nothing was. */
export function describeNarrowing(narrowing: Narrowing): string {
  if (narrowing.verdict === 'narrowed') return `; narrowed by ${narrowing.weighed.join(' and ')}`;
  if (narrowing.verdict === 'unknown') return `; ${narrowing.weighed.join(' and ')} may narrow it`;
  return narrowing.weighed.length > 0 ? `; ${narrowing.weighed.join(' and ')}` : '';
}

export function grantedActions(grants: readonly OverGrant[]): ActionInfo[] {
  return grants.map((grant) => grant.action);
}

export function actionNames(grants: readonly OverGrant[]): string[] {
  return grants.map((grant) => grant.action.qualifiedName);
}
