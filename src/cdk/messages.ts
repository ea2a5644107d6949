/** How findings and stale acknowledgements read in CDK annotations and validation reports. */
import type { Finding } from '../rules/types';
import type { StaleSuppression } from '../engine/suppressions';
import { describeStale } from '../report/common';

/** The id stale acknowledgements are reported under, as in the SARIF report. */
export const STALE_SUPPRESSION_ID = 'stale-suppression';

/** `[rule] message (fix: ...)`, marked when CDK generated the statement, with the user's line when known. */
export function findingMessage(finding: Finding): string {
  const origin = finding.origin === 'cdk-internal' ? ' [cdk-internal]' : '';
  const where = finding.location.sourceLocation === undefined ? '' : ` (created at ${finding.location.sourceLocation})`;
  return `[${finding.ruleId}] ${finding.message}${origin} (fix: ${finding.fix})${where}`;
}

export function suppressedMessage(finding: Finding): string {
  return `[${finding.ruleId}] suppressed (${finding.suppressed?.reason ?? ''}): ${finding.message}`;
}

export function staleMessage(stale: StaleSuppression): string {
  return `[${STALE_SUPPRESSION_ID}] ${describeStale(stale)}`;
}
