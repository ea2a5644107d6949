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
