/**
 * `--format markdown`: a pull-request comment. A verdict and a summary table first, then the
 * findings grouped by severity in collapsible sections (errors open), then what did not count:
 * suppressed findings, stale suppressions, inputs that could not be read, the baseline.
 */
import type { ReportInput } from './output';
import type { Finding, Severity } from '../rules/types';
import { exitCodeOf } from '../engine/scan';
import { failsGate } from '../engine/config';
import { describeStale, failingRuleIds } from './common';
import { summarize } from './summary';

/** GitHub refuses comments longer than 65536 characters; the rest is cut with a note. */
const MAX_LENGTH = 60_000;

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Text in a table cell: no line breaks, no pipes, no HTML. */
function cell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function findingRow(finding: Finding, docs: ReadonlyMap<string, string>): string {
  const { file, line, logicalId, constructPath } = finding.location;
  const url = docs.get(finding.ruleId);
  const rule = url ? `[${code(finding.ruleId)}](${url})` : code(finding.ruleId);
  const where = `${code(`${file}:${line}`)}<br>${cell(constructPath ?? logicalId)}`;
  const what = finding.suppressed
    ? `${cell(finding.message)}<br>*suppressed (${cell(finding.suppressed.source)}): ${cell(finding.suppressed.reason)}*`
    : `${cell(finding.message)}<br>**Fix:** ${cell(finding.fix)}`;
  return `| ${rule} | ${where} | ${what} |`;
}

function section(title: string, rows: string[], open: boolean): string[] {
  if (rows.length === 0) return [];
  return [`<details${open ? ' open' : ''}><summary><b>${title}</b></summary>`, '', '| Rule | Where | Finding |', '| --- | --- | --- |', ...rows, '', '</details>', ''];
}

function verdict(result: ReportInput & { findings: readonly Finding[] }): string {
  const exitCode = exitCodeOf(result);
  if (exitCode === 2) return '⚠️ iamgate could not read every input';
  if (exitCode === 0) return '✅ iamgate: no finding fails the gate';
  const failing = result.findings.filter((f) => !f.suppressed && failsGate(f.severity, result.config.failOn)).length;
  return `❌ iamgate: ${failing} finding${failing === 1 ? '' : 's'} fail the gate (${result.config.failOn} and above)`;
}

/** A comment is cut at GitHub's limit anyway, so the findings are read into memory once. */
export function formatMarkdown(input: ReportInput): string {
  const result = { ...input, findings: [...input.findings] };
  const summary = summarize(result);
  const docs = new Map(result.rules.map((meta) => [meta.id, meta.docsUrl]));
  const out = [
    `### ${verdict(result)}`,
    '',
    '| Errors | Warnings | Info | Suppressed | Templates | Policies |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${summary.findings.error} | ${summary.findings.warning} | ${summary.findings.info} | ${summary.suppressed} | ${summary.templates} | ${summary.policies} |`,
    '',
  ];
  const failing = failingRuleIds(result);
  if (failing.length > 0) out.push(`Why, and what to write instead: ${failing.map((id) => code(`iamgate explain ${id}`)).join(', ')}`, '');

  const active = result.findings.filter((f) => !f.suppressed);
  for (const severity of ['error', 'warning', 'info'] as const) {
    const rows = active.filter((f) => f.severity === severity).map((f) => findingRow(f, docs));
    out.push(...section(`${HEADINGS[severity]} (${rows.length})`, rows, severity === 'error'));
  }
  // Findings the baseline knows are counted in its line below, not listed.
  const suppressed = result.findings.filter((f) => f.suppressed && f.suppressed.source !== 'baseline').map((f) => findingRow(f, docs));
  out.push(...section(`Suppressed (${suppressed.length})`, suppressed, false));

  if (result.errors.length > 0) {
    out.push(`**Inputs that could not be read (${result.errors.length})**`, '');
    out.push(...result.errors.map((e) => `- ${code(`${e.file}:${e.line}:${e.column}`)} ${cell(e.message)}`), '');
  }
  if (result.staleSuppressions.length > 0) {
    out.push(`**Stale suppressions (${result.staleSuppressions.length})**`, '');
    out.push(...result.staleSuppressions.map((s) => `- ${code(`${s.file}:${s.line}`)} ${cell(describeStale(s))}`), '');
  }
  if (result.baseline) {
    const { file, matched, entries, gone } = result.baseline;
    out.push(`Baseline ${code(file)}: ${matched} of ${entries} known findings still present, ${gone.length} gone (fixed).`, '');
  }

  const text = `${out.join('\n').trimEnd()}\n`;
  if (text.length <= MAX_LENGTH) return text;
  const kept = text.slice(0, text.lastIndexOf('\n', MAX_LENGTH));
  const unclosed = kept.split('<details').length - kept.split('</details>').length;
  return `${kept}\n${'\n</details>'.repeat(Math.max(0, unclosed))}\n\n*… cut to fit a comment: run \`iamgate scan\` for every finding.*\n`;
}
