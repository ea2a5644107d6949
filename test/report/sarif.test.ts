import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { formatSarif } from '../../src/report/sarif';
import { scanTemplate } from '../../src/engine/scan';
import { REPORTS, reportResult } from './report-result';
import { scan } from '../../src/engine/scan';
import { buildBaseline } from '../../src/engine/baseline';
import { TEST_RULES } from '../engine/wildcard-rules';
import type * as Sarif from 'sarif';

/**
 * The OASIS schema is draft-04 (`id`, not `$id`); ajv reads its keywords as they are, so only the
 * draft marker and the id are set aside.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = sarifValidator();

function expectValidSarif(text: string): void {
  const log = JSON.parse(text);
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0', async () => {
    expectValidSarif(formatSarif(await reportResult()));
  });

  it('is valid with the built-in rules on a real template, clean or not', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'suppressions', 'cfn-nag-vpc-peering.yaml'), 'utf8');
    expectValidSarif(formatSarif(scanTemplate(text, { file: 'peering.yaml', config: { parameters: { PeerOwnerIds: '111122223333' } } })));
    expectValidSarif(formatSarif(scanTemplate('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n', { file: 'empty.yaml' })));
  });

  it('marks results new or unchanged against a baseline', async () => {
    const first = await reportResult(['app.yaml']);
    const baseline = { baseline: buildBaseline(first.findings.slice(0, 1)), file: 'iamgate-baseline.json' };
    const again = await scan(['app.yaml'], { cwd: REPORTS, rules: TEST_RULES, now: new Date('2026-06-01T12:00:00Z'), baseline });
    const text = formatSarif(again);
    expectValidSarif(text);
    const results = JSON.parse(text).runs[0].results as { baselineState: string; suppressions?: { kind: string }[] }[];
    expect(results.map((r) => r.baselineState)).toEqual(['unchanged', 'new', 'new', 'new']);
    expect(results[0]!.suppressions).toEqual([expect.objectContaining({ kind: 'external', justification: 'known in the baseline iamgate-baseline.json' })]);
  });

  it('catches what the schema forbids (the validator is not a no-op)', async () => {
    const log = JSON.parse(formatSarif(await reportResult()));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('carries what GitHub code scanning reads', async () => {
    const log = JSON.parse(formatSarif(await reportResult()));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['action-wildcard', 'resource-wildcard']);
    expect(run.tool.driver.rules[0]).toMatchObject({
      helpUri: 'https://example.com/rules/action-wildcard.md',
      help: { text: expect.stringContaining('What to do instead: List the actions the workload calls.'), markdown: expect.stringContaining('# action-wildcard') },
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0' },
    });
    const levels = run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`);
    expect(levels).toEqual(['action-wildcard:error', 'action-wildcard:error', 'resource-wildcard:warning', 'resource-wildcard:warning']);
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'app.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 27, startColumn: 17 },
    });
    expect(Object.keys(run.results[0].partialFingerprints)).toEqual(['iamgate/v1', 'iamgateContent/v1']);
    const suppressed = run.results.find((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(suppressed.suppressions).toEqual([
      expect.objectContaining({ kind: 'inSource', status: 'accepted', justification: 'Listing every queue is how the worker finds its inputs' }),
    ]);
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id)).toEqual(['input-error', 'stale-suppression']);
  });
});

describe('--format sarif: fixes', () => {
  const FIXES = join(__dirname, '..', 'fixtures', 'fix');
  const readSource = (file: string) => readFileSync(join(FIXES, file), 'utf8');

  /** Applies SARIF replacements (1-based lines and columns, exclusive end) to a text. */
  function applyReplacements(text: string, replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[]): string {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    const offset = (line: number, column: number) => starts[line - 1]! + column - 1;
    const spans = replacements.map((r) => ({
      from: offset(r.deletedRegion.startLine!, r.deletedRegion.startColumn!),
      to: offset(r.deletedRegion.endLine!, r.deletedRegion.endColumn!),
      text: r.insertedContent.text,
    }));
    return spans.sort((a, b) => b.from - a.from).reduce((result, s) => result.slice(0, s.from) + s.text + result.slice(s.to), text);
  }

  it('gives exact replacements for mechanical fixes; applied, they clear the finding, and the log stays valid', async () => {
    const result = await scan(['queue-and-function.yaml', 'alerts.json'], { cwd: FIXES });
    const text = formatSarif(result, { readSource });
    expectValidSarif(text);
    const results = JSON.parse(text).runs[0].results as Sarif.Result[];
    const withFixes = results.filter((r) => r.fixes);
    expect(withFixes.map((r) => r.ruleId).sort()).toEqual(['action-wildcard', 'confused-deputy', 'confused-deputy', 'confused-deputy', 'transport-not-enforced', 'transport-not-enforced']);
    for (const fixed of withFixes) {
      const change = fixed.fixes![0]!.artifactChanges[0]!;
      const file = decodeURIComponent(change.artifactLocation.uri!);
      const after = applyReplacements(readSource(file), change.replacements as never);
      const again = scanTemplate(after, { file }).findings;
      const before = scanTemplate(readSource(file), { file }).findings.filter((f) => f.ruleId === fixed.ruleId);
      expect(again.filter((f) => f.ruleId === fixed.ruleId)).toHaveLength(before.length - 1);
    }
    // Public access has no exact fix: the finding carries its snippet, not a replacement.
    expect(results.filter((r) => !r.fixes).every((r) => r.ruleId !== 'confused-deputy')).toBe(true);
  });

  it('leaves fixes out when the file cannot be read', async () => {
    const result = await scan(['alerts.json'], { cwd: FIXES });
    const results = JSON.parse(formatSarif(result)).runs[0].results as Sarif.Result[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((r) => r.fixes)).toBe(false);
    expect(results.find((r) => r.ruleId === 'confused-deputy')!.properties!.fixSnippet).toContain('aws:SourceArn: !GetAtt Digest.Arn');
  });
});
