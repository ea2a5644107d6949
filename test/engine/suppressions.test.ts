import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanTemplate, exitCodeOf } from '../../src/engine/scan';
import type { Finding } from '../../src/rules/types';
import { TEST_RULES } from './wildcard-rules';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'suppressions', name), 'utf8');
const NOW = new Date('2026-06-01T12:00:00Z');
const scan = (text: string, options: Parameters<typeof scanTemplate>[1] = {}) =>
  scanTemplate(text, { file: 'stack.yaml', rules: TEST_RULES, now: NOW, ...options });
const brief = (f: Finding) => `${f.ruleId} ${f.actions.join(',')} ${f.suppressed ? `suppressed by ${f.suppressed.source}` : 'active'}`;

/** A role whose one inline statement is given as YAML lines (indented for the Statement list). */
function role(statement: string, metadata = ''): string {
  return `Resources:
  Reports:
    Type: AWS::S3::Bucket
  Worker:
    Type: AWS::IAM::Role
${metadata}    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: work
          PolicyDocument:
            Statement:
${statement}`;
}

const STAR_ON_BUCKET = `              - Effect: Allow
                Action: s3:*
                Resource: !Sub '\${Reports.Arn}/*'
`;

function suppressions(entries: string): string {
  return `    Metadata:
      iamgate:
        suppressions:
${entries}`;
}

describe('suppressions in template metadata', () => {
  it('keeps a suppressed finding in the result, with its reason, and does not fail the gate on it', () => {
    const result = scan(fixture('metadata.yaml'), { file: 'metadata.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.findings.map(brief)).toEqual(['action-wildcard s3:Get* suppressed by template-metadata', 'action-wildcard s3:* active']);
    expect(result.findings[0]!.suppressed).toEqual({
      source: 'template-metadata',
      reason: 'Read access to the reports bucket was reviewed (SEC-12)',
      ticket: 'SEC-12',
      location: { file: 'metadata.yaml', line: 11, column: 13 },
    });
    // The unsuppressed s3:* still fails the run.
    expect(exitCodeOf(result)).toBe(1);
  });

  it('reports a suppression that matches no finding as stale, at the line it is written', () => {
    const result = scan(fixture('metadata.yaml'), { file: 'metadata.yaml' });
    expect(result.staleSuppressions).toEqual([
      expect.objectContaining({ ruleId: 'resource-wildcard', logicalId: 'ReaderRole', line: 15, column: 13, copies: 1 }),
    ]);
  });

  it('passes the gate when every failing finding is suppressed', () => {
    const text = role(STAR_ON_BUCKET, suppressions(`          - id: action-wildcard\n            reason: The worker owns this bucket outright\n`));
    const result = scan(text);
    expect(result.findings.map(brief)).toEqual(['action-wildcard s3:* suppressed by template-metadata']);
    expect(exitCodeOf(result)).toBe(0);
  });

  it('applies only to findings on the resource that carries it', () => {
    const other = `  Other:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: other\n      Roles: [!Ref Worker]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sqs:*\n            Resource: '*'\n`;
    const text = role(STAR_ON_BUCKET, suppressions(`          - id: action-wildcard\n            reason: The worker owns this bucket outright\n`)) + other;
    const result = scan(text);
    expect(result.findings.filter((f) => f.ruleId === 'action-wildcard').map((f) => [f.location.logicalId, Boolean(f.suppressed)])).toEqual([
      ['Worker', true],
      ['Other', false],
    ]);
  });

  describe('appliesTo', () => {
    const withAppliesTo = (globs: string) =>
      scan(role(STAR_ON_BUCKET, suppressions(`          - id: action-wildcard\n            reason: Reviewed by the platform team\n            appliesTo: ${globs}\n`)));

    it('covers a finding when all its actions match', () => {
      expect(withAppliesTo("['s3:*']").findings.map(brief)).toEqual(['action-wildcard s3:* suppressed by template-metadata']);
    });

    it('does not cover a broader grant than the glob names', () => {
      const result = withAppliesTo("['s3:Get*']");
      expect(result.findings.map(brief)).toEqual(['action-wildcard s3:* active']);
      expect(result.staleSuppressions.map((s) => s.ruleId)).toEqual(['action-wildcard']);
    });

    it('covers a finding when all its resources match, with aws standing for ${AWS::Partition}', () => {
      expect(withAppliesTo("['arn:aws:s3:::${Reports}/*']").findings.map(brief)).toEqual(['action-wildcard s3:* suppressed by template-metadata']);
      expect(withAppliesTo("['arn:aws:s3:::${Other}/*']").findings.map(brief)).toEqual(['action-wildcard s3:* active']);
    });

    it('reads a plain glob naming the template\'s resources (${Reports.Arn}) as Fn::Sub writes it', () => {
      const result = withAppliesTo("['${Reports.Arn}/*']");
      expect(result.errors).toEqual([]);
      expect(result.findings.map(brief)).toEqual(['action-wildcard s3:* suppressed by template-metadata']);
      expect(withAppliesTo("['${Reports.Arn}/reports/*']").findings.map(brief)).toEqual(['action-wildcard s3:* active']);
    });

    it('resolves intrinsic functions, as CDK writes tokens, to the form findings show', () => {
      const result = withAppliesTo("[!Sub '${Reports.Arn}/*']");
      expect(result.errors).toEqual([]);
      expect(result.findings.map(brief)).toEqual(['action-wildcard s3:* suppressed by template-metadata']);
    });
  });

  describe('expiry', () => {
    const expiring = (date: string) =>
      scan(role(STAR_ON_BUCKET, suppressions(`          - id: action-wildcard\n            reason: Until the bucket split lands\n            expires: '${date}'\n`)));

    it('holds until the date', () => {
      expect(expiring('2026-06-02').findings.map(brief)).toEqual(['action-wildcard s3:* suppressed by template-metadata']);
    });

    it('from that date on lets the finding fail again, saying the suppression expired', () => {
      const result = expiring('2026-06-01');
      expect(result.findings.map(brief)).toEqual(['action-wildcard s3:* active']);
      expect(result.findings[0]!.message).toMatch(/\(suppression expired on 2026-06-01: Until the bucket split lands\)$/);
      expect(exitCodeOf(result)).toBe(1);
      // It matched: it is expired, not stale.
      expect(result.staleSuppressions).toEqual([]);
    });
  });

  it('counts identical suppressions on several resources (a CDK acknowledgement) as one, stale only when none matches', () => {
    const ack = suppressions(`          - id: action-wildcard\n            reason: Acknowledged for the whole construct\n`);
    const bucket = `  Reports:\n    Type: AWS::S3::Bucket\n${ack.replace(/^/gm, '')}`;
    const text = role(STAR_ON_BUCKET, ack).replace('  Reports:\n    Type: AWS::S3::Bucket\n', bucket);
    expect(scan(text).staleSuppressions).toEqual([]);
    const nothing = text.replace("Action: s3:*", 'Action: s3:GetObject');
    expect(scan(nothing).staleSuppressions).toEqual([expect.objectContaining({ ruleId: 'action-wildcard', copies: 2 })]);
  });

  it('does not report suppressions of a rule that is off as stale', () => {
    const text = role(STAR_ON_BUCKET, suppressions(`          - id: resource-wildcard\n            reason: Kept for when the rule is back on\n`));
    expect(scan(text, { config: { rules: { 'resource-wildcard': { severity: 'off' } } } }).staleSuppressions).toEqual([]);
  });

  describe('mistakes are input errors with file:line (exit 2)', () => {
    const mistake = (entry: string) => scan(role(STAR_ON_BUCKET, suppressions(entry)));

    it.each([
      ['an unknown rule id', `          - id: action-wildcards\n            reason: A reason long enough\n`, 9, /unknown rule "action-wildcards".*did you mean "action-wildcard"/],
      ['a missing reason', `          - id: action-wildcard\n`, 9, /needs a "reason"/],
      ['a reason too short to say why', `          - id: action-wildcard\n            reason: ok\n`, 10, /at least 10 characters/],
      ['a date that is not YYYY-MM-DD', `          - id: action-wildcard\n            reason: A reason long enough\n            expires: 03/01/2027\n`, 11, /"expires" must be a date/],
      ['an unknown key', `          - id: action-wildcard\n            reason: A reason long enough\n            until: '2027-01-01'\n`, 11, /unknown key "until"/],
    ])('%s', (_what, entry, line, message) => {
      const result = mistake(entry);
      expect(result.errors).toEqual([expect.objectContaining({ file: 'stack.yaml', line, message: expect.stringMatching(message) })]);
      expect(exitCodeOf(result)).toBe(2);
    });

    it('a suppressions value that is not a list', () => {
      const result = scan(role(STAR_ON_BUCKET, `    Metadata:\n      iamgate:\n        suppressions: action-wildcard\n`));
      expect(result.errors).toEqual([expect.objectContaining({ line: 8, message: expect.stringMatching(/"suppressions" must be a list/) })]);
    });
  });
});
