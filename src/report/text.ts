/**
 * `--format text`: findings grouped by file and resource, one line each plus its fix.
 */
import { createColors } from 'picocolors';
import type { ScanResult } from '../engine/scan';
import type { Finding, Severity } from '../rules/types';
import { exitCodeOf } from '../engine/scan';
import { compareText } from '../engine/order';
import { summarize } from './summary';
import { describeStale, failingRuleIds } from './common';
import { groupBy } from '../group-by';
import { collect, runsOf, type ReportInput, type ReportOutput } from './output';

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

function* activeFindings(findings: Iterable<Finding>): Iterable<Finding> {
  for (const finding of findings) if (finding.suppressed?.source !== 'baseline') yield finding;
}

/** Files with findings, and files with input errors, in file order; each written as it comes. */
export function writeText(result: ReportInput, options: TextOptions, out: ReportOutput): void {
  const c = createColors(options.color);
  const errorsByFile = groupBy(result.errors, (e) => e.file);
  const errorFiles = [...errorsByFile.keys()].sort(compareText);
  let nextErrorFile = 0;
  const writeFile = (file: string, findings: readonly Finding[]) => {
    const lines = [c.underline(file)];
    for (const error of errorsByFile.get(file) ?? []) {
      lines.push(`  ${c.red('error')} ${file}:${error.line}:${error.column} ${error.message}`);
    }
    for (const group of groupBy(findings, (f) => `${f.location.stack}\u0000${f.location.logicalId}`).values()) {
      const { logicalId, resourceType, constructPath } = group[0]!.location;
      const path = constructPath ? c.dim(`  ${constructPath}`) : '';
      lines.push(`  ${c.bold(logicalId)} ${c.dim(`(${resourceType})`)}${path}`);
      for (const finding of group) lines.push(...formatFinding(finding, c));
    }
    out(`${lines.join('\n')}\n\n`);
  };
  const writeErrorFilesBefore = (file: string | undefined) => {
    while (nextErrorFile < errorFiles.length && (file === undefined || errorFiles[nextErrorFile]! < file)) writeFile(errorFiles[nextErrorFile++]!, []);
    if (errorFiles[nextErrorFile] === file) nextErrorFile += 1;
  };

  // Findings the baseline knows are counted in its line, not listed: adopting iamgate on a repository with hundreds of them must stay readable.
  for (const [file, findings] of runsOf(activeFindings(result.findings), (f) => f.location.file)) {
    writeErrorFilesBefore(file);
    writeFile(file, findings);
  }
  writeErrorFilesBefore(undefined);

  const tail: string[] = [];
  if (result.staleSuppressions.length > 0) {
    tail.push(c.underline('stale suppressions'), ...result.staleSuppressions.map((stale) => `  ${c.dim(`${stale.file}:${stale.line}:${stale.column}`)} ${describeStale(stale)}`), '');
  }
  if (result.baseline) tail.push(baselineLine(result.baseline));
  tail.push(summaryLine(result, c));
  const failing = failingRuleIds(result);
  if (failing.length > 0) {
    const others = failing.length > 1 ? ` (also failing: ${failing.slice(1).join(', ')})` : '';
    tail.push(`Why, and what to write instead: ${c.bold(`iamgate explain ${failing[0]}`)}${others}`);
  }
  out(`${tail.join('\n')}\n`);
}

export function formatText(result: ReportInput, options: TextOptions): string {
  return collect((out) => writeText(result, options, out));
}

function baselineLine(baseline: NonNullable<ScanResult['baseline']>): string {
  const renamed = baseline.renamed > 0 ? ` (${baseline.renamed} after a rename)` : '';
  const gone = baseline.gone.length > 0 ? `; ${plural(baseline.gone.length, 'entry', 'entries')} gone (fixed): \`iamgate baseline\` updates it` : '';
  return `baseline ${baseline.file}: ${baseline.matched} of ${plural(baseline.entries, 'known finding')} still present${renamed}${gone}`;
}

/** The one-line verdict, uncoloured, for other formats. */
export function formatSummaryLine(result: ReportInput): string {
  return summaryLine(result, createColors(false));
}

function summaryLine(result: ReportInput, c: Colors): string {
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
