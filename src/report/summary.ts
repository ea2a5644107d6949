import type { ReportInput } from './output';
import type { Severity } from '../rules/types';

export interface ScanSummary {
  files: number;
  templates: number;
  policies: number;
  statements: number;
  findings: Record<Severity, number>;
  suppressed: number;
  /** Inputs that could not be read or analyzed. */
  failed: number;
}

export function summarize(result: ReportInput): ScanSummary {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  for (const finding of result.findings) {
    if (finding.suppressed) suppressed += 1;
    else findings[finding.severity] += 1;
  }
  return {
    files: result.files,
    templates: result.templates.length,
    policies: result.templates.reduce((n, t) => n + t.policies, 0),
    statements: result.templates.reduce((n, t) => n + t.statements, 0),
    findings,
    suppressed,
    failed: result.errors.length,
  };
}
