/**
 * SAM connectors: the policies SAM writes for each connection, read as the translator writes them
 * (checked against aws-sam-translator 1.110's output for the same templates).
 */
import { extractTemplate, policiesOf, summary, text } from '../extract-template';

const FUNCTION = 'Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: src/}';

describe('AWS::Serverless::Connector', () => {
  const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
  Topic: {Type: AWS::SNS::Topic}
  Inbox: {Type: AWS::SQS::Queue}
  Uploads: {Type: AWS::S3::Bucket}
  Worker:
    ${FUNCTION}
  ReadWriteOrders:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Worker}
      Destination: {Id: Orders}
      Permissions: [Read, Write]
  TopicToInbox:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Topic}
      Destination: {Id: Inbox}
      Permissions: [Write]
  UploadsInvokeWorker:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Type: AWS::S3::Bucket, Arn: !GetAtt Uploads.Arn}
      Destination: {Id: Worker}
      Permissions: [Write]
`);

  it('reads without error', () => expect(extraction.errors).toEqual([]));

  it("attaches a function's connector policy to the role SAM generates, on the table and its indexes", () => {
    const [policy] = policiesOf(extraction, 'ReadWriteOrders');
    expect(policy).toMatchObject({ kind: 'identity', attachedTo: [{ kind: 'role', logicalId: 'WorkerRole' }] });
    expect(policy!.statements.map((s) => s.actions!.map((a) => text(a.value)))).toEqual([
      ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:PartiQLSelect'],
      ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate'],
    ]);
    expect(policy!.statements[0]!.resources!.map((r) => text(r.value))).toEqual([
      'arn:{AWS::Partition}:dynamodb:{AWS::Region}:{AWS::AccountId}:table/{Orders}',
      'arn:{AWS::Partition}:dynamodb:{AWS::Region}:{AWS::AccountId}:table/{Orders}/index/*',
    ]);
  });

  it('writes a queue policy for a topic, pinned to the topic', () => {
    const [policy] = policiesOf(extraction, 'TopicToInbox');
    expect(policy).toMatchObject({ kind: 'resource', resources: [{ resourceType: 'AWS::SQS::Queue', logicalId: 'Inbox' }] });
    expect(summary(policy!)).toEqual([
      'Allow actions=sqs:SendMessage resources=arn:{AWS::Partition}:sqs:{AWS::Region}:{AWS::AccountId}:{Inbox} principals=service:sns.amazonaws.com conditions=ArnEquals:aws:SourceArn=arn:{AWS::Partition}:sns:{AWS::Region}:{AWS::AccountId}:{Topic}',
    ]);
  });

  it('writes a Lambda permission for a bucket named by ARN, with its account', () => {
    const [policy] = policiesOf(extraction, 'UploadsInvokeWorker');
    expect(policy).toMatchObject({ kind: 'permission-grant', resources: [{ resourceType: 'AWS::Serverless::Function', logicalId: 'Worker' }] });
    expect(summary(policy!)[0]).toContain('principals=service:s3.amazonaws.com');
    expect(summary(policy!)[0]).toContain('StringEquals:aws:SourceAccount={AWS::AccountId}');
  });
});

describe('Connectors on a resource, and connectors SAM rejects', () => {
  it('connects the resource itself to each destination, and reads a pair SAM has no profile for as unknown permissions', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Reports: {Type: AWS::S3::Bucket}
  Jobs: {Type: AWS::SQS::Queue}
  Worker:
    ${FUNCTION}
    Connectors:
      Outputs:
        Properties:
          Destination: [{Id: Reports}, {Id: Jobs}]
          Permissions: [Write]
  Odd:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Jobs}
      Destination: {Id: Reports}
      Permissions: [Read]
`);
    expect(extraction.errors).toEqual([]);
    const written = policiesOf(extraction, 'Worker').filter((p) => p.source.pointer.includes('/Connectors/'));
    expect(written.map((p) => [p.source.pointer, p.attachedTo, p.statements.flatMap((s) => s.actions!.map((a) => text(a.value)))[0]])).toEqual([
      ['/Resources/Worker/Connectors/Outputs/Properties/Destination/0', [{ kind: 'role', logicalId: 'WorkerRole' }], 's3:AbortMultipartUpload'],
      ['/Resources/Worker/Connectors/Outputs/Properties/Destination/1', [{ kind: 'role', logicalId: 'WorkerRole' }], 'sqs:DeleteMessage'],
    ]);
    const [odd] = policiesOf(extraction, 'Odd');
    expect(odd!.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('a connector from AWS::SQS::Queue to AWS::S3::Bucket is not one SAM writes policies for') })]);
    expect(odd!.statements[0]!.actions![0]!.value).toMatchObject({ kind: 'unknown' });
  });
});
