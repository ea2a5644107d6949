import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessEntries, type AccessEntry } from '../../src/analysis/effective-access';
import { loadedServices } from '../../src/iam';
import { analyze } from './helpers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'access', name), 'utf8');

function entry(entries: readonly AccessEntry[], principal: string, resource: string): AccessEntry {
  const found = entries.find((e) => e.principal.id === principal && e.target.logicalId === resource);
  if (!found) throw new Error(`no entry for ${principal} on ${resource}: ${entries.map((e) => `${e.principal.id}/${e.target.logicalId}`).join(', ')}`);
  return found;
}

const names = (list: readonly { action: { qualifiedName: string } }[]) => list.map((a) => a.action.qualifiedName).sort();

describe('effective access', () => {
  const { input, template } = analyze(fixture('boundary.yaml'));
  const entries = [...accessEntries(input)];

  it('caps identity policies with the permissions boundary and shows what it denies', () => {
    const worker = entry(entries, 'Worker', 'Data');
    expect(names(worker.allowed)).toEqual(['s3:GetObject', 's3:ListBucket']);
    const put = worker.denied.find((d) => d.action.qualifiedName === 's3:PutObject');
    expect(put?.reason).toBe('permissions-boundary');
    expect(put?.grants.map((g) => template.locate(g.statement.at).line)).toEqual([43]);
  });

  it('an explicit Deny wins over an Allow, and names the Deny statement', () => {
    const reader = entry(entries, 'Reader', 'Data');
    expect(names(reader.allowed)).toEqual(['s3:GetObject']);
    expect(reader.denied.map((d) => [d.action.qualifiedName, d.reason, d.denies.map((s) => template.locate(s.statement.at).line)])).toEqual([
      ['s3:PutObject', 'explicit-deny', [65]],
    ]);
  });

  it('another account named by the bucket policy can read, if its own policies allow it', () => {
    const partner = entry(entries, 'AWS:210987654321', 'Data');
    expect(partner.path).toBe('cross-account');
    expect(names(partner.allowed)).toEqual(['s3:GetObject']);
    expect(partner.notes.join(' ')).toMatch(/own IAM policies/);
  });

  it('services a trust policy admits may assume the role', () => {
    expect(names(entry(entries, 'Service:lambda.amazonaws.com', 'Worker').allowed)).toEqual(['sts:AssumeRole']);
  });
});

describe('evaluation across identity and resource policies', () => {
  const template = `
Parameters:
  Stage: { Type: String, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !GetAtt Producer.Arn }
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !GetAtt Producer.Arn }
            Action: kms:GenerateDataKey
            Resource: '*'
  Target:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
  Producer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: produce
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [kms:Decrypt, sts:AssumeRole]
                Resource: '*'
              - !If
                - IsProd
                - Effect: Allow
                  Action: sqs:ReceiveMessage
                  Resource: !GetAtt Queue.Arn
                - !Ref AWS::NoValue
`;
  const entries = [...accessEntries(analyze(template).input)];

  it('in one account, a resource policy naming the role allows without an identity policy', () => {
    const queue = entry(entries, 'Producer', 'Queue');
    expect(names(queue.allowed)).toEqual(['sqs:ReceiveMessage', 'sqs:SendMessage']);
    // The identity grant exists only when IsProd is true: it counts, marked conditional.
    expect(queue.allowed.find((a) => a.action.qualifiedName === 'sqs:ReceiveMessage')?.conditional).toBe(true);
    expect(queue.allowed.find((a) => a.action.qualifiedName === 'sqs:SendMessage')?.conditional).toBe(false);
  });

  it('a key policy and a trust policy must allow the request themselves', () => {
    const key = entry(entries, 'Producer', 'Key');
    expect(names(key.allowed)).toEqual(['kms:GenerateDataKey']);
    expect(key.denied.find((d) => d.action.qualifiedName === 'kms:Decrypt')?.reason).toBe('key-policy');
    const role = entry(entries, 'Producer', 'Target');
    expect(role.allowed.map((a) => a.action.qualifiedName)).not.toContain('sts:AssumeRole');
    expect(role.denied.find((d) => d.action.qualifiedName === 'sts:AssumeRole')?.reason).toBe('trust-policy');
  });
});

it('keeps "every action" symbolic: only the services of in-template resources are loaded', () => {
  const template = `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Admin:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: all
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: '*'
                Resource: '*'
`;
  const entries = [...accessEntries(analyze(template).input)];
  expect(entry(entries, 'Admin', 'Bucket').allowed.length).toBeGreaterThan(50);
  expect(loadedServices()).not.toContain('ec2');
  expect(loadedServices()).toContain('s3');
});
