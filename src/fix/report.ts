/** What `iamgate fix` prints: the diff of each file, what was applied or skipped and why, and the findings before and after. */
import type { Finding, Severity } from '../rules/types';
import type { TemplateFixResult, PlannedFix } from './fix-template';
import { unifiedDiff } from './text-edits';

function counts(findings: readonly Finding[]): string {
  const open = findings.filter((f) => !f.suppressed);
  const n = (severity: Severity) => open.filter((f) => f.severity === severity).length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${n('info')} info`;
}

/** `confused-deputy ×2, transport-not-enforced` */
function byRule(fixes: readonly PlannedFix[]): string {
  const tally = new Map<string, number>();
  for (const fix of fixes) {
    const rule = fix.findings[0]!.ruleId;
    tally.set(rule, (tally.get(rule) ?? 0) + 1);
  }
  return [...tally].map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule)).join(', ');
}

function where(fix: PlannedFix): string {
  const { line, column } = fix.findings[0]!.location;
  return `${line}:${column}`;
}

export function formatFixResult(result: TemplateFixResult): string {
  const lines: string[] = [];
  const diff = unifiedDiff(result.file, result.before, result.after);
  if (diff) lines.push(diff.trimEnd());
  const applied = result.applied.length === 0 ? 'no fix applied' : `${result.applied.length} ${result.applied.length === 1 ? 'fix' : 'fixes'} applied (${byRule(result.applied)})`;
  const skipped = result.skipped.length > 0 ? `; ${result.skipped.length} skipped` : '';
  lines.push(`${result.file}: ${applied}${skipped}`);
  for (const fix of result.skipped) lines.push(`  skipped ${fix.findings[0]!.ruleId} at ${where(fix)}: ${fix.reason}`);
  lines.push(`  findings: before ${counts(result.findingsBefore)}; after ${counts(result.findingsAfter)}`);
  return `${lines.join('\n')}\n`;
}
