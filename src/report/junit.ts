/**
 * `--format junit`: one test suite per template, one test case per template and rule. A case
 * fails when the rule has findings that fail the gate; findings below it, suppressed ones and
 * stale suppressions are listed in the output. An input that could not be read is an error case.
 */
import type { Finding, RuleMeta } from '../rules/types';
import { failsGate } from '../engine/config';
import { describeStale } from './common';
import { groupBy } from '../group-by';
import { runsOf, type ReportInput } from './output';
import { compareText } from '../text-order';

/** XML text: the five special characters escaped, and characters XML 1.0 cannot hold dropped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function findingLine(finding: Finding): string {
  const { line, column, logicalId } = finding.location;
  const suppressed = finding.suppressed ? ` (suppressed, ${finding.suppressed.source}: ${finding.suppressed.reason})` : '';
  return `${line}:${column} ${logicalId}: ${finding.severity}: ${finding.message}${suppressed}`;
}

interface Case {
  name: string;
  failure?: { message: string; body: string };
  error?: { message: string; body: string };
  output: string[];
}

interface Suite {
  name: string;
  cases: Case[];
  output: string[];
}

function renderCase(suite: string, testCase: Case): string[] {
  const open = `    <testcase classname="${xml(suite)}" name="${xml(testCase.name)}"`;
  const parts: string[] = [];
  if (testCase.failure) parts.push(`      <failure message="${xml(testCase.failure.message)}" type="iamgate">${xml(testCase.failure.body)}</failure>`);
  if (testCase.error) parts.push(`      <error message="${xml(testCase.error.message)}" type="input-error">${xml(testCase.error.body)}</error>`);
  if (testCase.output.length > 0) parts.push(`      <system-out>${xml(testCase.output.join('\n'))}</system-out>`);
  return parts.length === 0 ? [`${open}/>`] : [`${open}>`, ...parts, '    </testcase>'];
}

/** One case per rule: failing where the rule has findings that fail the gate. */
function casesOf(findings: readonly Finding[], rules: readonly RuleMeta[], failOn: ReportInput['config']['failOn']): Case[] {
  return rules.map((rule) => {
    const mine = findings.filter((f) => f.ruleId === rule.id);
    const failing = mine.filter((f) => !f.suppressed && failsGate(f.severity, failOn));
    const testCase: Case = { name: rule.id, output: mine.filter((f) => !failing.includes(f)).map(findingLine) };
    if (failing.length > 0) {
      const body = failing.map((f) => `${findingLine(f)}\nfix: ${f.fix}`).join('\n\n');
      testCase.failure = { message: `${failing.length} finding${failing.length === 1 ? '' : 's'}: ${rule.title}`, body };
    }
    return testCase;
  });
}

/** The document is built in memory (its header counts every case), from the findings read once, file by file. */
export function formatJunit(result: ReportInput): string {
  const suites = new Map<string, Suite>();
  const suite = (name: string): Suite => {
    let found = suites.get(name);
    if (!found) suites.set(name, (found = { name, cases: [], output: [] }));
    return found;
  };
  const templatesOf = groupBy(result.templates, (template) => template.file);
  const addCases = (file: string, findings: readonly Finding[]) => {
    for (const template of templatesOf.get(file) ?? []) {
      const own = findings.filter((f) => f.location.stack === template.stack);
      suite(file).cases.push(...casesOf(own, result.rules, result.config.failOn));
    }
    templatesOf.delete(file);
  };
  for (const [file, findings] of runsOf(result.findings, (f) => f.location.file)) addCases(file, findings);
  for (const file of [...templatesOf.keys()]) addCases(file, []);
  for (const error of result.errors) {
    suite(error.file).cases.push({ name: 'read and analyze', error: { message: error.message, body: `${error.file}:${error.line}:${error.column}: ${error.message}` }, output: [] });
  }
  for (const stale of result.staleSuppressions) suite(stale.file).output.push(`${stale.line}:${stale.column} ${describeStale(stale)}`);

  const all = [...suites.values()].sort((a, b) => compareText(a.name, b.name));
  const count = (s: Suite, key: 'failure' | 'error') => s.cases.filter((c) => c[key]).length;
  const total = (key: 'failure' | 'error') => all.reduce((n, s) => n + count(s, key), 0);
  const tests = all.reduce((n, s) => n + s.cases.length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iamgate" tests="${tests}" failures="${total('failure')}" errors="${total('error')}">`,
  ];
  for (const s of all) {
    out.push(`  <testsuite name="${xml(s.name)}" tests="${s.cases.length}" failures="${count(s, 'failure')}" errors="${count(s, 'error')}" skipped="0">`);
    for (const testCase of s.cases) out.push(...renderCase(s.name, testCase));
    if (s.output.length > 0) out.push(`    <system-out>${xml(s.output.join('\n'))}</system-out>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
