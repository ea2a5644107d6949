import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanTemplate } from '../../src/engine/scan';
import type { Finding } from '../../src/rules/types';
import { TEST_RULES } from './wildcard-rules';
import { CDK_NAG_MAPPING, CFN_NAG_MAPPING, CHECKOV_MAPPING } from '../../src/engine/foreign-suppressions';
import { builtinRules } from '../../src/rules/registry';

const NOW = new Date('2026-06-01T12:00:00Z');

/** An AWS::IAM::Policy granting `s3:*` on `*` (or on `resource`), with `metadata` on it and `templateMetadata` on the template. */
function policyTemplate(metadata: string, resource = "'*'", templateMetadata = ''): string {
  return `${templateMetadata}Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
  Grants:
    Type: AWS::IAM::Policy
${metadata}    Properties:
      PolicyName: grants
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:*
            Resource: ${resource}
`;
}

const scan = (text: string) => scanTemplate(text, { file: 'stack.yaml', rules: TEST_RULES, now: NOW });
const state = (findings: Finding[]) =>
  Object.fromEntries(findings.map((f) => [f.ruleId, f.suppressed ? `${f.suppressed.source} ${f.suppressed.mappedFrom}: ${f.suppressed.reason}` : 'active']));

describe('cfn_nag metadata', () => {
  it('suppresses the iamgate rule a mapped id means, and nothing else', () => {
    const result = scan(policyTemplate(`    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: W12\n            reason: Listing buckets needs every resource\n`));
    expect(result.errors).toEqual([]);
    expect(state(result.findings)).toEqual({
      'action-wildcard': 'active',
      'resource-wildcard': 'cfn_nag W12: Listing buckets needs every resource',
    });
    expect(result.findings.find((f) => f.suppressed)?.suppressed?.location).toEqual({ file: 'stack.yaml', line: 17, column: 13 });
  });

  it('ignores ids it does not map, and never reports migrated suppressions as stale', () => {
    const result = scan(policyTemplate(`    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: W58\n            reason: Lambda logging is elsewhere\n          - id: F10\n            reason: Not a user\n`));
    expect(result.errors).toEqual([]);
    expect(state(result.findings)).toEqual({ 'action-wildcard': 'active', 'resource-wildcard': 'active' });
    expect(result.staleSuppressions).toEqual([]);
  });

  it('is honoured on a real template (with the built-in rules)', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'suppressions', 'cfn-nag-vpc-peering.yaml'), 'utf8');
    const result = scanTemplate(text, { file: 'peering.yaml', config: { parameters: { PeerOwnerIds: '111122223333' } }, now: NOW });
    const wildcard = result.findings.filter((f) => f.ruleId === 'resource-wildcard');
    expect(wildcard).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ logicalId: 'PeerRole' }),
        suppressed: expect.objectContaining({ source: 'cfn_nag', mappedFrom: 'W11', location: { file: 'peering.yaml', line: 29, column: 13 } }),
      }),
    ]);
  });
});

describe('checkov metadata', () => {
  it('maps skip ids, taking the comment as the reason', () => {
    const result = scan(policyTemplate(`    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_111\n            comment: Write access is scoped by an SCP\n          - id: CKV_AWS_63\n`));
    expect(state(result.findings)).toEqual({
      'action-wildcard': 'checkov CKV_AWS_63: (no reason given in the checkov metadata)',
      'resource-wildcard': 'checkov CKV_AWS_111: Write access is scoped by an SCP',
    });
  });
});

describe('cdk_nag metadata', () => {
  const cdkNag = (entries: string) => `    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n${entries}`;

  it('applies AwsSolutions-IAM5 with Resource:: only to the resource wildcard', () => {
    const result = scan(policyTemplate(cdkNag(`          - id: AwsSolutions-IAM5\n            reason: Bucket listing needs it\n            applies_to: ['Resource::*']\n`)));
    expect(state(result.findings)).toEqual({ 'action-wildcard': 'active', 'resource-wildcard': 'cdk_nag AwsSolutions-IAM5: Bucket listing needs it' });
  });

  it('applies a v3 acknowledgement of one finding, AwsSolutions-IAM5[Action::s3:*], only to that action', () => {
    const result = scan(policyTemplate(cdkNag(`          - id: AwsSolutions-IAM5[Action::s3:*]\n            reason: Full control of its own bucket\n`)));
    expect(state(result.findings)).toEqual({
      'action-wildcard': 'cdk_nag AwsSolutions-IAM5[Action::s3:*]: Full control of its own bucket',
      'resource-wildcard': 'active',
    });
  });

  it('does not stretch an Action:: entry to a broader action', () => {
    const result = scan(policyTemplate(cdkNag(`          - id: AwsSolutions-IAM5\n            reason: Only reads were reviewed\n            applies_to: ['Action::s3:Get*']\n`)));
    expect(state(result.findings)).toEqual({ 'action-wildcard': 'active', 'resource-wildcard': 'active' });
  });

  it('reads references the way cdk_nag writes them (<Bucket.Arn>)', () => {
    const onBucket = policyTemplate(cdkNag(`          - id: AwsSolutions-IAM5\n            reason: Objects of its own bucket\n            applies_to: ['Action::s3:*', 'Resource::<Bucket.Arn>/*']\n`), "!Sub '${Bucket.Arn}/*'");
    expect(state(scan(onBucket).findings)).toEqual({ 'action-wildcard': 'cdk_nag AwsSolutions-IAM5: Objects of its own bucket' });
  });

  it('tests applies_to regular expressions against cdk_nag renderings', () => {
    const result = scan(policyTemplate(cdkNag(`          - id: AwsSolutions-IAM5\n            reason: Any S3 action was reviewed\n            applies_to:\n              - regex: '/^Action::s3:.*$/g'\n`)));
    expect(state(result.findings)).toEqual({ 'action-wildcard': 'cdk_nag AwsSolutions-IAM5: Any S3 action was reviewed', 'resource-wildcard': 'active' });
  });

  it('maps the compliance packs by rule name', () => {
    const result = scan(policyTemplate(cdkNag(`          - id: NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess\n            reason: The service owns the whole bucket\n`)));
    expect(state(result.findings)['action-wildcard']).toMatch(/^cdk_nag NIST\.800\.53\.R5-IAMPolicyNoStatementsWithFullAccess/);
  });

  it('applies stack suppressions (template Metadata) to every resource', () => {
    const stack = `Metadata:\n  cdk_nag:\n    rules_to_suppress:\n      - id: AwsSolutions-IAM5\n        reason: Sandbox stack, reviewed as a whole\n`;
    const result = scan(policyTemplate('', "'*'", stack));
    expect(state(result.findings)).toEqual({
      'action-wildcard': 'cdk_nag AwsSolutions-IAM5: Sandbox stack, reviewed as a whole',
      'resource-wildcard': 'cdk_nag AwsSolutions-IAM5: Sandbox stack, reviewed as a whole',
    });
  });

  it('ranks iamgate suppressions first', () => {
    const both = `    Metadata:\n      iamgate:\n        suppressions:\n          - id: resource-wildcard\n            reason: Owned by iamgate metadata\n${cdkNag(`          - id: AwsSolutions-IAM5\n            reason: Also acknowledged for cdk_nag\n`).replace('    Metadata:\n', '')}`;
    const result = scan(policyTemplate(both));
    expect(result.findings.find((f) => f.ruleId === 'resource-wildcard')?.suppressed?.source).toBe('template-metadata');
  });
});

describe('the documented mapping table (docs/suppressions.md)', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'suppressions.md'), 'utf8');
  const tables = { cdk_nag: CDK_NAG_MAPPING, cfn_nag: CFN_NAG_MAPPING, checkov: CHECKOV_MAPPING };

  it.each(Object.entries(tables))('lists every %s id with the rules it maps to', (_tool, table) => {
    for (const [id, mapping] of Object.entries(table)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row).toBeDefined();
      for (const rule of mapping.rules) expect(row).toContain(`[${rule}](rules/${rule}.md)`);
    }
  });

  it('maps only to rules that exist', () => {
    const known = new Set(builtinRules.map((r) => r.meta.id));
    const targets = Object.values(tables).flatMap((table) => Object.values(table).flatMap((m) => [...m.rules]));
    expect(targets.filter((id) => !known.has(id))).toEqual([]);
  });
});
