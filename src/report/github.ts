/**
 * `--format github`: GitHub Actions workflow commands, which annotate the pull request's files
 * (`::error file=...,line=...,col=...::message`). Severities map to error, warning and notice;
 * suppressed findings are not annotated. The summary line follows as plain log output.
 */
import type { Severity } from '../rules/types';
import { describeStale } from './common';
import { formatSummaryLine } from './text';
import { collect, type ReportInput, type ReportOutput } from './output';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow command data: `%`, CR and LF escaped. */
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values: also `:` and `,`, which separate properties. */
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(command: string, where: { file: string; line: number; column: number }, title: string, message: string): string {
  return `::${command} file=${property(where.file)},line=${where.line},col=${where.column},title=${property(title)}::${data(message)}`;
}

export function writeGithub(result: ReportInput, out: ReportOutput): void {
  for (const finding of result.findings) {
    if (finding.suppressed) continue;
    const title = `iamgate ${finding.ruleId} (${finding.location.logicalId})`;
    out(`${annotation(COMMAND[finding.severity], finding.location, title, `${finding.message}\nFix: ${finding.fix}`)}\n`);
  }
  for (const error of result.errors) out(`${annotation('error', error, 'iamgate: input error', error.message)}\n`);
  for (const stale of result.staleSuppressions) out(`${annotation('notice', stale, 'iamgate: stale suppression', describeStale(stale))}\n`);
  out(`${formatSummaryLine(result)}\n`);
}

export function formatGithub(result: ReportInput): string {
  return collect((out) => writeGithub(result, out));
}
