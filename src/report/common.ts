/** What several report formats say the same way. */
import type { ReportInput } from './output';
import type { StaleSuppression } from '../engine/suppressions';
import { failsGate } from '../engine/config';
import { compareText } from '../text-order';

/** Rules with findings that fail the gate, most findings first. */
export function failingRuleIds(result: Pick<ReportInput, 'findings' | 'config'>): string[] {
  const counts = new Map<string, number>();
  for (const finding of result.findings) {
    if (finding.suppressed || !failsGate(finding.severity, result.config.failOn)) continue;
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([id]) => id);
}

export function describeStale(stale: StaleSuppression): string {
  const where = stale.logicalId !== undefined ? ` on ${stale.logicalId}` : '';
  const copies = stale.copies > 1 ? ` (and ${stale.copies - 1} identical ones)` : '';
  return `suppression of ${stale.ruleId}${where} matches no finding${copies}: remove it ("${stale.reason}")`;
}

