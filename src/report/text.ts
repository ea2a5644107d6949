/**
 * `--format text`: findings grouped by file and resource, one line each plus its fix.
 */
import { createColors } from 'picocolors';
import type { ScanResult } from '../engine/scan';
import type { Finding, Severity } from '../rules/types';
import { exitCodeOf } from '../engine/scan';
import { summarize } from './summary';

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

function formatFinding(finding: Finding, c: Colors): string[] {
  const { line, column } = finding.location;
  const position = c.dim(`${line}:${column}`.padEnd(8));
  const suffix = finding.origin === 'cdk-internal' ? c.dim(' [cdk-internal]') : '';
  const suppressed = finding.suppressed ? c.dim(` (suppressed: ${finding.suppressed.reason})`) : '';
  const lines = [
    `    ${position}${severityLabel(finding.severity, c)} ${c.bold(finding.ruleId)}  ${finding.message}${suffix}${suppressed}`,
  ];
  if (!finding.suppressed) lines.push(`    ${' '.repeat(16)}${c.dim('fix:')} ${finding.fix}`);
  return lines;
}

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

export function formatText(result: ScanResult, options: TextOptions): string {
  const c = createColors(options.color);
  const out: string[] = [];
  const byFile = groupBy(result.findings, (f) => f.location.file);
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

  out.push(summaryLine(result, c));
  return `${out.join('\n')}\n`;
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
