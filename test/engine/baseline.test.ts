import { scanTemplate, exitCodeOf } from '../../src/engine/scan';
import { buildBaseline, formatBaseline, parseBaseline, BaselineError } from '../../src/engine/baseline';
import { TEST_RULES } from './wildcard-rules';

const role = (id: string, actions: string[]) => `  ${id}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: work
          PolicyDocument:
            Statement:
${actions.map((a) => `              - Effect: Allow\n                Action: ${a}\n                Resource: '*'\n`).join('')}`;

const template = (...roles: string[]) => `Resources:\n${roles.join('')}`;
const TODAY = template(role('Ingest', ['sqs:*']), role('Report', ['s3:Get*']));

const scan = (text: string) => scanTemplate(text, { file: 'app.yaml', rules: TEST_RULES });
const against = (text: string, baselineOf = TODAY) =>
  scanTemplate(text, { file: 'app.yaml', rules: TEST_RULES, baseline: { baseline: buildBaseline(scan(baselineOf).findings), file: 'iamgate-baseline.json' } });
const active = (result: ReturnType<typeof scan>) => result.findings.filter((f) => !f.suppressed).map((f) => `${f.location.logicalId} ${f.ruleId} ${f.actions.join(',')}`);

describe('baselines', () => {
  it("records today's findings, and the same scan against it passes", () => {
    const before = scan(TODAY);
    expect(exitCodeOf(before)).toBe(1);
    const result = against(TODAY);
    expect(active(result)).toEqual([]);
    expect(result.findings.every((f) => f.suppressed?.source === 'baseline')).toBe(true);
    expect(exitCodeOf(result)).toBe(0);
    expect(result.baseline).toEqual({ file: 'iamgate-baseline.json', entries: before.findings.length, matched: before.findings.length, renamed: 0, gone: [] });
  });

  it('fails on exactly the new finding when a wildcard is added', () => {
    const result = against(template(role('Ingest', ['sqs:*']), role('Report', ['s3:Get*', 'dynamodb:*'])));
    expect(active(result)).toEqual(['Report action-wildcard dynamodb:*', 'Report resource-wildcard dynamodb:*']);
    expect(exitCodeOf(result)).toBe(1);
  });

  it('survives line moves: resources reordered, comments and other resources added', () => {
    const moved = `# the reports role moved up\n${template(role('Report', ['s3:Get*']), '  Queue:\n    Type: AWS::SQS::Queue\n', role('Ingest', ['sqs:*']))}`;
    const result = against(moved);
    expect(active(result)).toEqual([]);
    expect(result.baseline?.renamed).toBe(0);
  });

  it('survives renaming a resource (logical id), recognizing the statement by content', () => {
    const result = against(template(role('IngestFunctionRole', ['sqs:*']), role('Report', ['s3:Get*'])));
    expect(active(result)).toEqual([]);
    expect(result.baseline).toMatchObject({ matched: 4, renamed: 2, gone: [] });
  });

  it('counts entries nothing matches any more as gone (fixed)', () => {
    const result = against(template(role('Ingest', ['sqs:SendMessage']), role('Report', ['s3:Get*'])));
    expect(active(result)).toEqual(['Ingest resource-wildcard sqs:SendMessage']);
    expect(result.baseline?.gone.map((e) => `${e.logicalId} ${e.ruleId}`)).toEqual(['Ingest action-wildcard', 'Ingest resource-wildcard']);
  });

  it('lets each entry account for one finding: a copy of a known statement elsewhere is new', () => {
    const result = against(template(role('Ingest', ['sqs:*']), role('Report', ['s3:Get*']), role('Ingest2', ['sqs:*'])));
    expect(active(result)).toEqual(['Ingest2 action-wildcard sqs:*', 'Ingest2 resource-wildcard sqs:*']);
  });

  it('tells apart problems of one document that name no action or resource (a malformed policy), so a new one is new', () => {
    const policy = (version: string, effect: string) => `Resources:
  Queue: { Type: AWS::SQS::Queue }
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '${version}'
        Statement:
          - Effect: ${effect}
            Principal: { AWS: !Ref AWS::AccountId }
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
`;
    const full = (text: string) => scanTemplate(text, { file: 'queue.yaml' });
    const before = full(policy('2012-10-18', 'Allow'));
    const malformed = (result: ReturnType<typeof full>) => result.findings.filter((f) => f.ruleId === 'malformed-policy' && !f.suppressed).map((f) => f.message);
    expect(malformed(before)).toHaveLength(1);
    const after = scanTemplate(policy('2012-10-17', 'Alow'), { file: 'queue.yaml', baseline: { baseline: buildBaseline(before.findings), file: 'b.json' } });
    expect(malformed(after)).toEqual([expect.stringContaining('Alow')]);
  });

  it('writes a stable, sorted file and reads it back', () => {
    const baseline = buildBaseline(scan(TODAY).findings);
    const text = formatBaseline(baseline);
    expect(formatBaseline(buildBaseline([...scan(TODAY).findings].reverse()))).toBe(text);
    expect(parseBaseline(text, 'b.json')).toEqual(baseline);
    expect(baseline.entries.map((e) => e.logicalId)).toEqual(['Ingest', 'Ingest', 'Report', 'Report']);
  });

  it('leaves findings suppressed otherwise out of the baseline', () => {
    const suppressed = TODAY.replace(
      '  Ingest:\n    Type: AWS::IAM::Role\n',
      '  Ingest:\n    Type: AWS::IAM::Role\n    Metadata:\n      iamgate:\n        suppressions:\n          - id: action-wildcard\n            reason: Queue admin by design\n',
    );
    expect(buildBaseline(scan(suppressed).findings).entries.map((e) => `${e.logicalId} ${e.ruleId}`)).toEqual([
      'Ingest resource-wildcard',
      'Report action-wildcard',
      'Report resource-wildcard',
    ]);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['another file', '{"schemaVersion": 1, "findings": []}', /not an iamgate baseline/],
    ['an entry without a fingerprint', '{"schemaVersion": 1, "entries": [{"ruleId": "x"}]}', /entry 0 has no "fingerprint"/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });
});
