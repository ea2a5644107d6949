/**
 * `--format text`: findings grouped by file and resource, one line each plus its fix.
 */
import { createColors } from 'picocolors';
import type { ScanResult } from '../engine/scan';
import type { Finding, Severity } from '../rules/types';
import { exitCodeOf } from '../engine/scan';
import { summarize } from './summary';
import { describeStale, failingRuleIds } from './common';

type Colors = ReturnType<typeof createColors>;

export interface TextOptions {
  color: boolean;
}

function severityLabel(severity: Severity, c: Colors): string {
  const padded = severity.padEnd(7);
  if (severity === 'error') return c.red(padded);
  if (severity === 'warning') return c.yellow(padded);
  return c.blue(padded);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const MAX_SNIPPET_LINES = 10;

function formatFinding(finding: Finding, c: Colors): string[] {
  const { line, column } = finding.location;
  const position = c.dim(`${line}:${column}`.padEnd(8));
  const suffix = finding.origin === 'cdk-internal' ? c.dim(' [cdk-internal]') : '';
  const suppressed = finding.suppressed ? c.dim(` (suppressed: ${finding.suppressed.reason})`) : '';
  const lines = [
    `    ${position}${severityLabel(finding.severity, c)} ${c.bold(finding.ruleId)}  ${finding.message}${suffix}${suppressed}`,
  ];
  if (finding.suppressed) return lines;
  lines.push(`    ${' '.repeat(16)}${c.dim('fix:')} ${finding.fix}`);
  const snippet = finding.suggestion?.snippet?.split('\n') ?? [];
  // Long snippets (a wildcard's whole expansion) stay in --format json and `iamgate fix`.
  if (snippet.length > 0 && snippet.length <= MAX_SNIPPET_LINES) lines.push(...snippet.map((line) => `    ${' '.repeat(21)}${c.dim(line)}`));
  return lines;
}

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

export function formatText(result: ScanResult, options: TextOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  // Findings the baseline knows are counted in its line, not listed: adopting iamgate on a repository with hundreds of them must stay readable.
  const byFile = groupBy(result.findings.filter((f) => f.suppressed?.source !== 'baseline'), (f) => f.location.file);
  const errorsByFile = groupBy(result.errors, (e) => e.file);
  const files = [...new Set([...byFile.keys(), ...errorsByFile.keys()])].sort();

  for (const file of files) {
    out.push(c.underline(file));
    for (const error of errorsByFile.get(file) ?? []) {
      out.push(`  ${c.red('error')} ${file}:${error.line}:${error.column} ${error.message}`);
    }
    const byResource = groupBy(byFile.get(file) ?? [], (f) => `${f.location.stack}\u0000${f.location.logicalId}`);
    for (const findings of byResource.values()) {
      const { logicalId, resourceType, constructPath } = findings[0]!.location;
      const path = constructPath ? c.dim(`  ${constructPath}`) : '';
      out.push(`  ${c.bold(logicalId)} ${c.dim(`(${resourceType})`)}${path}`);
      for (const finding of findings) out.push(...formatFinding(finding, c));
    }
    out.push('');
  }

  if (result.staleSuppressions.length > 0) {
    out.push(c.underline('stale suppressions'), ...result.staleSuppressions.map((stale) => `  ${c.dim(`${stale.file}:${stale.line}:${stale.column}`)} ${describeStale(stale)}`), '');
  }
  if (result.baseline) out.push(baselineLine(result.baseline));
  out.push(summaryLine(result, c));
  const failing = failingRuleIds(result);
  if (failing.length > 0) {
    const others = failing.length > 1 ? ` (also failing: ${failing.slice(1).join(', ')})` : '';
    out.push(`Why, and what to write instead: ${c.bold(`iamgate explain ${failing[0]}`)}${others}`);
  }
  return `${out.join('\n')}\n`;
}

function baselineLine(baseline: NonNullable<ScanResult['baseline']>): string {
  const renamed = baseline.renamed > 0 ? ` (${baseline.renamed} after a rename)` : '';
  const gone = baseline.gone.length > 0 ? `; ${plural(baseline.gone.length, 'entry', 'entries')} gone (fixed): \`iamgate baseline\` updates it` : '';
  return `baseline ${baseline.file}: ${baseline.matched} of ${plural(baseline.entries, 'known finding')} still present${renamed}${gone}`;
}

/** The one-line verdict, uncoloured, for other formats. */
export function formatSummaryLine(result: ScanResult): string {
  return summaryLine(result, createColors(false));
}

function summaryLine(result: ScanResult, c: Colors): string {
  const summary = summarize(result);
  const counts = `${plural(summary.findings.error, 'error')}, ${plural(summary.findings.warning, 'warning')}, ${summary.findings.info} info`;
  const suppressed = summary.suppressed > 0 ? `, ${summary.suppressed} suppressed` : '';
  const scanned = `${plural(summary.templates, 'template')}, ${plural(summary.policies, 'policy', 'policies')}`;
  const failedInputs = summary.failed > 0 ? `; ${plural(summary.failed, 'input')} could not be read` : '';
  const code = exitCodeOf(result);
  const verdict = code === 0 ? c.green('pass') : c.red('fail');
  const gate = result.config.failOn === 'none' ? 'never fails on findings' : `fails on ${result.config.failOn}`;
  return `${verdict}: ${counts}${suppressed} in ${scanned}${failedInputs} (${gate})`;
}
