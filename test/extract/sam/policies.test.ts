/**
 * SAM `Policies` in every form, and the most used policy templates expanded end to end
 * against in-template resources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractTemplate, FIXTURES, policiesOf, summary, text } from '../extract-template';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads: {Type: AWS::S3::Bucket}
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
  Jobs: {Type: AWS::SQS::Queue}
  Alerts: {Type: AWS::SNS::Topic}
  Notify:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: src/, Role: arn:aws:iam::111122223333:role/notify}
  Pipeline:
    Type: AWS::Serverless::StateMachine
    Properties: {DefinitionUri: sm.json, Role: arn:aws:iam::111122223333:role/pipeline}
  DataKey: {Type: AWS::KMS::Key}
  Clicks: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
  Bus: {Type: AWS::Events::EventBus, Properties: {Name: orders}}
  DbSecret: {Type: AWS::SecretsManager::Secret}
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - S3ReadPolicy: {BucketName: !Ref Uploads}
        - S3CrudPolicy: {BucketName: !Ref Uploads}
        - S3WritePolicy: {BucketName: !Ref Uploads}
        - S3FullAccessPolicy: {BucketName: !Ref Uploads}
        - DynamoDBCrudPolicy: {TableName: !Ref Orders}
        - DynamoDBReadPolicy: {TableName: !Ref Orders}
        - DynamoDBWritePolicy: {TableName: !Ref Orders}
        - DynamoDBStreamReadPolicy: {TableName: !Ref Orders, StreamName: '*'}
        - SQSPollerPolicy: {QueueName: !GetAtt Jobs.QueueName}
        - SQSSendMessagePolicy: {QueueName: !GetAtt Jobs.QueueName}
        - SNSPublishMessagePolicy: {TopicName: !GetAtt Alerts.TopicName}
        - LambdaInvokePolicy: {FunctionName: !Ref Notify}
        - StepFunctionsExecutionPolicy: {StateMachineName: !GetAtt Pipeline.Name}
        - KMSDecryptPolicy: {KeyId: !Ref DataKey}
        - SSMParameterReadPolicy: {ParameterName: app/config}
        - AWSSecretsManagerGetSecretValuePolicy: {SecretArn: !Ref DbSecret}
        - KinesisStreamReadPolicy: {StreamName: !Ref Clicks}
        - CloudWatchPutMetricPolicy: {}
        - EventBridgePutEventsPolicy: {EventBusName: !Ref Bus}
        - VPCAccessPolicy: {}
        - AthenaQueryPolicy: {WorkGroupName: primary}
`;

const ARN = (service: string, resource: string) => `arn:{AWS::Partition}:${service}:{AWS::Region}:{AWS::AccountId}:${resource}`;

const EXPECTED: [string, string[]][] = [
  ['S3ReadPolicy', ['Allow actions=s3:GetObject,s3:ListBucket,s3:GetBucketLocation,s3:GetObjectVersion,s3:GetLifecycleConfiguration resources=arn:{AWS::Partition}:s3:::{Uploads},arn:{AWS::Partition}:s3:::{Uploads}/*']],
  [
    'S3CrudPolicy',
    [
      'Allow actions=s3:GetObject,s3:ListBucket,s3:GetBucketLocation,s3:GetObjectVersion,s3:PutObject,s3:PutObjectAcl,s3:GetLifecycleConfiguration,s3:PutLifecycleConfiguration,s3:DeleteObject resources=arn:{AWS::Partition}:s3:::{Uploads},arn:{AWS::Partition}:s3:::{Uploads}/*',
    ],
  ],
  ['S3WritePolicy', ['Allow actions=s3:PutObject,s3:PutObjectAcl,s3:PutLifecycleConfiguration resources=arn:{AWS::Partition}:s3:::{Uploads},arn:{AWS::Partition}:s3:::{Uploads}/*']],
  [
    'S3FullAccessPolicy',
    [
      'Allow actions=s3:GetObject,s3:GetObjectAcl,s3:GetObjectVersion,s3:PutObject,s3:PutObjectAcl,s3:DeleteObject,s3:DeleteObjectTagging,s3:DeleteObjectVersionTagging,s3:GetObjectTagging,s3:GetObjectVersionTagging,s3:PutObjectTagging,s3:PutObjectVersionTagging resources=arn:{AWS::Partition}:s3:::{Uploads}/*',
      'Allow actions=s3:ListBucket,s3:GetBucketLocation,s3:GetLifecycleConfiguration,s3:PutLifecycleConfiguration resources=arn:{AWS::Partition}:s3:::{Uploads}',
    ],
  ],
  [
    'DynamoDBCrudPolicy',
    [
      `Allow actions=dynamodb:GetItem,dynamodb:DeleteItem,dynamodb:PutItem,dynamodb:Scan,dynamodb:Query,dynamodb:UpdateItem,dynamodb:BatchWriteItem,dynamodb:BatchGetItem,dynamodb:DescribeTable,dynamodb:ConditionCheckItem resources=${ARN('dynamodb', 'table/{Orders}')},${ARN('dynamodb', 'table/{Orders}/index/*')}`,
    ],
  ],
  ['DynamoDBReadPolicy', [`Allow actions=dynamodb:GetItem,dynamodb:Scan,dynamodb:Query,dynamodb:BatchGetItem,dynamodb:DescribeTable resources=${ARN('dynamodb', 'table/{Orders}')},${ARN('dynamodb', 'table/{Orders}/index/*')}`]],
  ['DynamoDBWritePolicy', [`Allow actions=dynamodb:PutItem,dynamodb:UpdateItem,dynamodb:BatchWriteItem resources=${ARN('dynamodb', 'table/{Orders}')},${ARN('dynamodb', 'table/{Orders}/index/*')}`]],
  [
    'DynamoDBStreamReadPolicy',
    [
      `Allow actions=dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator resources=${ARN('dynamodb', 'table/{Orders}/stream/*')}`,
      `Allow actions=dynamodb:ListStreams resources=${ARN('dynamodb', 'table/{Orders}/stream/*')}`,
    ],
  ],
  [
    'SQSPollerPolicy',
    [
      `Allow actions=sqs:ChangeMessageVisibility,sqs:ChangeMessageVisibilityBatch,sqs:DeleteMessage,sqs:DeleteMessageBatch,sqs:GetQueueAttributes,sqs:ReceiveMessage resources=${ARN('sqs', '{Jobs}')}`,
    ],
  ],
  ['SQSSendMessagePolicy', [`Allow actions=sqs:SendMessage* resources=${ARN('sqs', '{Jobs}')}`]],
  ['SNSPublishMessagePolicy', [`Allow actions=sns:Publish resources=${ARN('sns', '{Alerts}')}`]],
  ['LambdaInvokePolicy', [`Allow actions=lambda:InvokeFunction resources=${ARN('lambda', 'function:{Notify}*')}`]],
  ['StepFunctionsExecutionPolicy', [`Allow actions=states:StartExecution resources=${ARN('states', 'stateMachine:{Pipeline}')}`]],
  ['KMSDecryptPolicy', [`Allow actions=kms:Decrypt resources=${ARN('kms', 'key/{DataKey}')}`]],
  [
    'SSMParameterReadPolicy',
    ['Allow actions=ssm:DescribeParameters resources=*', `Allow actions=ssm:GetParameters,ssm:GetParameter,ssm:GetParametersByPath resources=${ARN('ssm', 'parameter/app/config')}`],
  ],
  ['AWSSecretsManagerGetSecretValuePolicy', []],
  [
    'KinesisStreamReadPolicy',
    [
      `Allow actions=kinesis:ListStreams,kinesis:DescribeLimits resources=${ARN('kinesis', 'stream/*')}`,
      `Allow actions=kinesis:DescribeStream,kinesis:DescribeStreamSummary,kinesis:GetRecords,kinesis:GetShardIterator resources=${ARN('kinesis', 'stream/{Clicks}')}`,
    ],
  ],
  ['CloudWatchPutMetricPolicy', ['Allow actions=cloudwatch:PutMetricData resources=*']],
  ['EventBridgePutEventsPolicy', [`Allow actions=events:PutEvents resources=${ARN('events', 'event-bus/{Bus}')}`]],
  ['VPCAccessPolicy', ['Allow actions=ec2:CreateNetworkInterface,ec2:DeleteNetworkInterface,ec2:DescribeNetworkInterfaces,ec2:DetachNetworkInterface resources=*']],
];

describe('SAM policy templates, end to end', () => {
  const { extraction } = extractTemplate(TEMPLATE);
  const worker = policiesOf(extraction, 'Worker').filter((p) => p.source.propertyPath[1] === 'Policies');

  it('extracts one identity policy per template, named after it and attached to the generated role', () => {
    expect(extraction.errors).toEqual([]);
    expect(worker.map((p) => p.name)).toEqual([...EXPECTED.map(([name]) => name), 'AthenaQueryPolicy']);
    for (const [index, policy] of worker.entries()) {
      expect(policy.kind).toBe('identity');
      expect(policy.attachedTo).toEqual([{ kind: 'role', logicalId: 'WorkerRole' }]);
      expect(policy.source.pointer).toBe(`/Resources/Worker/Properties/Policies/${index}`);
      expect(policy.problems).toEqual([]);
    }
  });

  it.each(EXPECTED.filter(([, statements]) => statements.length > 0).map(([name, statements]) => [name, statements] as const))('expands %s', (name, statements) => {
    expect(summary(worker.find((p) => p.name === name)!)).toEqual(statements);
  });

  it('expands AWSSecretsManagerGetSecretValuePolicy to the secret the Ref names', () => {
    const [statement] = worker.find((p) => p.name === 'AWSSecretsManagerGetSecretValuePolicy')!.statements;
    expect(statement.actions?.map((a) => a.value)).toEqual(['secretsmanager:GetSecretValue']);
    expect(statement.resources?.map((r) => text(r.value))).toEqual([expect.stringContaining('{DbSecret}')]);
  });
});

describe('SAM Policies in every form', () => {
  const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Parameters:
  ExtraPolicy: {Type: String}
Conditions:
  UseSecrets: !Equals [!Ref ExtraPolicy, secrets]
Resources:
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'ssm:GetParameter', Resource: '*'}]
  Mixed:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      Policies:
        - AmazonS3ReadOnlyAccess
        - arn:aws:iam::aws:policy/AdministratorAccess
        - AnyNonOfficialManagedPolicy
        - !Ref Shared
        - !Ref ExtraPolicy
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: 'sqs:SendMessage'
              Resource: '*'
        - !If
          - UseSecrets
          - AWSSecretsManagerGetSecretValuePolicy: {SecretArn: arn:aws:secretsmanager:us-east-1:111122223333:secret:db}
          - !Ref AWS::NoValue
        - SecretsManagerGetSecretValuePolicy: {SecretArn: arn:aws:secretsmanager:us-east-1:111122223333:secret:db}
        - S3WritePolicy: {}
  Single:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      Policies: AmazonS3ReadOnlyAccess
`);
  const mixed = policiesOf(extraction, 'Mixed').filter((p) => p.source.propertyPath[1] === 'Policies');

  it('reads each entry by its form', () => {
    expect(extraction.errors).toEqual([]);
    expect(mixed.map((p) => [p.kind, p.managed?.awsManagedName ?? p.managed?.logicalId ?? p.name, p.managed?.resolved])).toEqual([
      ['managed-policy-reference', 'AmazonS3ReadOnlyAccess', true],
      ['managed-policy-reference', 'AdministratorAccess', true],
      ['managed-policy-reference', undefined, false],
      ['managed-policy-reference', 'Shared', true],
      ['managed-policy-reference', undefined, false],
      ['identity', undefined, undefined],
      ['identity', 'AWSSecretsManagerGetSecretValuePolicy', undefined],
      ['identity', undefined, undefined],
      ['identity', 'S3WritePolicy', undefined],
    ]);
    expect(mixed[2].managed?.arn).toBe('AnyNonOfficialManagedPolicy');
    expect(summary(mixed[5])).toEqual(['Allow actions=sqs:SendMessage resources=*']);
  });

  it('marks a policy template chosen by Fn::If with its condition', () => {
    expect(mixed[6].when).toEqual([{ condition: 'UseSecrets', value: true }]);
    expect(mixed[6].id).toBe('template/Mixed/Properties/Policies/6?UseSecrets');
    expect(summary(mixed[6])).toEqual(['Allow actions=secretsmanager:GetSecretValue resources=arn:aws:secretsmanager:us-east-1:111122223333:secret:db']);
  });

  it('never passes an unknown template or a missing parameter silently', () => {
    expect(mixed[7].problems.map((p) => p.message)).toEqual(['"SecretsManagerGetSecretValuePolicy" is not a SAM policy template']);
    expect(mixed[7].statements[0].actions?.[0].value).toMatchObject({ kind: 'unknown' });
    expect(mixed[8].problems.map((p) => p.message)).toEqual([expect.stringContaining('S3WritePolicy needs parameter BucketName')]);
    expect(mixed[8].statements[0].resources?.[0].value).toMatchObject({ kind: 'unknown' });
  });

  it('attaches the in-template managed policy to the generated role', () => {
    expect(policiesOf(extraction, 'Shared')[0].attachedTo).toEqual([{ kind: 'role', logicalId: 'MixedRole' }]);
  });

  it('accepts a single policy name instead of a list', () => {
    const single = policiesOf(extraction, 'Single').filter((p) => p.source.propertyPath[1] === 'Policies');
    expect(single.map((p) => [p.source.pointer, p.managed?.awsManagedName])).toEqual([['/Resources/Single/Properties/Policies', 'AmazonS3ReadOnlyAccess']]);
  });
});

describe('SAM kitchen sink (aws/serverless-application-model all_policy_templates)', () => {
  it('expands all 65 policy templates without a problem or an unknown value', () => {
    const { extraction } = extractTemplate(readFileSync(join(FIXTURES, 'sam/all_policy_templates.yaml'), 'utf8'), 'all_policy_templates.yaml');
    expect(extraction.errors).toEqual([]);
    const templates = extraction.policies.filter((p) => p.kind === 'identity' && p.source.propertyPath[1] === 'Policies');
    expect(templates).toHaveLength(65);
    for (const policy of templates) {
      expect(policy.problems).toEqual([]);
      const values = policy.statements.flatMap((s) => [...(s.actions ?? []), ...(s.resources ?? [])]).map((v) => v.value);
      expect(values.filter((v) => typeof v === 'object' && v.kind === 'unknown')).toEqual([]);
    }
  });
});
