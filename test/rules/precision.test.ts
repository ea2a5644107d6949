/**
 * Precision targets: CDK's standard grant shapes and actions that accept only "*" raise no
 * error, and neither do the grant statements of real CDK-synthesized templates.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Extraction, Statement } from '../../src/extract/types';
import type { Finding } from '../../src/rules/types';
import { scan, scanTemplate } from '../../src/engine/scan';

const OVER_PRIVILEGE = [
  'full-admin',
  'action-wildcard',
  'resource-wildcard',
  'privilege-escalation',
  'pass-role-unrestricted',
  'credentials-exposure',
  'data-exfiltration',
  'resource-exposure',
  'aws-managed-broad',
];

it("raises nothing over-privileged for CDK's grant shapes, AWSLambdaBasicExecutionRole and actions that accept only *", () => {
  const template = `
Resources:
  Reports:
    Type: AWS::S3::Bucket
  HandlerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Join ['', ['arn:', !Ref AWS::Partition, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']]
  HandlerRoleDefaultPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: HandlerRoleDefaultPolicy
      Roles: [!Ref HandlerRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [s3:GetObject*, s3:GetBucket*, s3:List*]
            Resource:
              - !GetAtt Reports.Arn
              - !Join ['', [!GetAtt Reports.Arn, '/*']]
          - Effect: Allow
            Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]
            Resource: '*'
          - Effect: Allow
            Action: [ec2:DescribeInstances, sts:GetCallerIdentity]
            Resource: '*'
`;
  const result = scanTemplate(template, { file: 'grants.yaml' });
  expect(result.errors).toEqual([]);
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(result.findings.filter((f) => OVER_PRIVILEGE.includes(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
});

const CDK_TEMPLATES = join(__dirname, '..', 'fixtures', 'rules-precision');

/** CDK puts every grant in a role's DefaultPolicy, scoped to the ARN of the construct granted on. */
function isGrantStatement(statement: Statement): boolean {
  const resources = statement.resources ?? [];
  return (
    statement.effect === 'Allow' &&
    resources.length > 0 &&
    resources.every(({ value }) => typeof value === 'object' && value.kind === 'symbolic' && value.parts.some((p) => typeof p === 'object' && p.kind === 'resource'))
  );
}

describe('real CDK-synthesized templates', () => {
  const extractions = new Map<string, Extraction>();
  let findings: Finding[] = [];

  beforeAll(async () => {
    const result = await scan([CDK_TEMPLATES], { onTemplate: (analysis) => extractions.set(analysis.file, analysis.extraction) });
    expect(result.errors).toEqual([]);
    findings = result.findings;
  });

  it('are all read', () => {
    expect(existsSync(CDK_TEMPLATES)).toBe(true);
    expect(extractions.size).toBeGreaterThanOrEqual(8);
  });

  it("raise no error on CDK's grant statements", () => {
    const grants = [...extractions].flatMap(([file, extraction]) =>
      extraction.policies
        .filter((policy) => policy.source.resourceType === 'AWS::IAM::Policy' && policy.source.logicalId.includes('DefaultPolicy'))
        .flatMap((policy) => policy.statements.filter(isGrantStatement).map((statement) => ({ file, policy, statement }))),
    );
    expect(grants.length).toBeGreaterThanOrEqual(10);
    const onGrants = findings.filter(
      (f) =>
        f.severity === 'error' &&
        grants.some((g) => g.file === f.location.file && g.policy.id === f.policy.id && g.statement.index === f.statementIndex),
    );
    expect(onGrants.map((f) => `${f.location.file}:${f.location.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});
