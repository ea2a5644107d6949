/**
 * The rule tester (after ESLint's RuleTester). Each rule has fixtures under
 * `test/fixtures/rules/<rule-id>/{bad,good}/`. A bad fixture declares what it must produce in
 * its template Metadata:
 *
 *   Metadata:
 *     IamgateTest:
 *       Expect:
 *         - { rule: full-admin, severity: error, line: 14, message: 'every action' }
 *
 * Every expectation must be met by a distinct finding, and the rule under test may report
 * nothing beyond what is expected. A good fixture must produce no finding of the rule.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../src/template';
import { scanTemplate } from '../../src/engine/scan';
import type { Finding, Rule, Severity } from '../../src/rules/types';
import type { EngineConfig } from '../../src/engine/config';

export const RULE_FIXTURES = join(__dirname, '..', 'fixtures', 'rules');

export interface Expectation {
  rule: string;
  severity?: Severity;
  line?: number;
  message?: string;
}

export interface Fixture {
  name: string;
  path: string;
  text: string;
  expect: Expectation[];
  config?: Partial<EngineConfig>;
}

/** The fixture's own declaration, read through the real loader. */
function declaration(text: string, name: string): { expect: Expectation[]; config?: Partial<EngineConfig> } {
  const loaded = parseTemplate(text, name, { explicit: true });
  if (loaded.status !== 'loaded') throw new Error(`fixture ${name} does not load: ${JSON.stringify(loaded)}`);
  const metadata = loaded.template.body.Metadata as
    | { IamgateTest?: { Expect?: Expectation[]; Config?: Partial<EngineConfig> } }
    | undefined;
  const test = metadata?.IamgateTest;
  return { expect: test?.Expect ?? [], ...(test?.Config ? { config: test.Config } : {}) };
}

export function loadFixtures(ruleId: string, kind: 'good' | 'bad'): Fixture[] {
  const dir = join(RULE_FIXTURES, ruleId, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const text = readFileSync(path, 'utf8');
      return { name, path, text, ...declaration(text, name) };
    });
}

export function scanFixture(fixture: Fixture, rules?: readonly Rule[]): ReturnType<typeof scanTemplate> {
  return scanTemplate(fixture.text, { file: fixture.name, config: fixture.config, ...(rules ? { rules } : {}) });
}

function matches(finding: Finding, e: Expectation): boolean {
  return (
    finding.ruleId === e.rule &&
    (e.severity === undefined || finding.severity === e.severity) &&
    (e.line === undefined || finding.location.line === e.line) &&
    (e.message === undefined || finding.message.includes(e.message))
  );
}

/** Unmet expectations and unexpected findings of `ruleId`; both empty when the fixture holds. */
export function checkFixture(ruleId: string, fixture: Fixture, findings: readonly Finding[]) {
  const remaining = [...findings];
  const unmet: Expectation[] = [];
  for (const e of fixture.expect) {
    const i = remaining.findIndex((f) => matches(f, e));
    if (i < 0) unmet.push(e);
    else remaining.splice(i, 1);
  }
  const unexpected = remaining.filter((f) => f.ruleId === ruleId);
  return { unmet, unexpected };
}

export function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.severity} ${f.location.line}:${f.location.column} ${f.message}`;
}
