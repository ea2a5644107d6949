import { extractTemplate, policiesOf, summary, text } from '../extract-template';

describe('SAM function execution role', () => {
  const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Tracing: Active
    PermissionsBoundary: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      VpcConfig:
        SecurityGroupIds: [sg-0123456789abcdef0]
        SubnetIds: [subnet-0123456789abcdef0]
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders
  OwnRole:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Role: arn:aws:iam::111122223333:role/existing
      Policies: [AdministratorAccess]
  ExtraPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref ApiRole]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'sqs:SendMessage', Resource: '*'}]
`);
  const api = policiesOf(extraction, 'Api');

  it('models the role SAM generates as a principal, with the boundary from Globals', () => {
    expect(extraction.errors).toEqual([]);
    expect(extraction.principals.map((p) => [p.kind, p.logicalId, p.resourceType, text(p.permissionsBoundary)])).toEqual([
      ['role', 'ApiRole', 'AWS::IAM::Role', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    ]);
  });

  it('attaches what SAM attaches: the trust policy, basic execution, X-Ray for Tracing and VPC access for VpcConfig', () => {
    expect(api.map((p) => [p.kind, p.managed?.awsManagedName ?? p.managed?.arn ?? p.name, p.source.pointer])).toEqual([
      ['trust', undefined, '/Resources/Api'],
      ['managed-policy-reference', 'AWSLambdaBasicExecutionRole', '/Resources/Api'],
      ['managed-policy-reference', expect.anything(), '/Globals/Function/Tracing'],
      ['managed-policy-reference', expect.anything(), '/Resources/Api/Properties/VpcConfig'],
      ['boundary', 'AmazonS3ReadOnlyAccess', '/Globals/Function/PermissionsBoundary'],
      ['identity', undefined, '/Resources/Api/Properties/Policies/0'],
    ]);
    for (const policy of api.filter((p) => p.kind !== 'permission-grant')) expect(policy.attachedTo).toEqual([{ kind: 'role', logicalId: 'ApiRole' }]);
  });

  it('gives the generated role the Lambda trust policy', () => {
    const trust = api.find((p) => p.kind === 'trust')!;
    expect(summary(trust)).toEqual(['Allow actions=sts:AssumeRole principals=service:lambda.amazonaws.com']);
  });

  it('reads the basic execution policy from the AWS-managed document', () => {
    const basic = api.find((p) => p.managed?.awsManagedName === 'AWSLambdaBasicExecutionRole')!;
    expect(summary(basic)).toEqual(['Allow actions=logs:CreateLogGroup,logs:CreateLogStream,logs:PutLogEvents resources=*']);
    expect(basic.id).toBe('template/Api#AWSLambdaBasicExecutionRole');
  });

  it('names X-Ray and VPC access policies with their partition-independent ARNs', () => {
    const arns = api.filter((p) => p.kind === 'managed-policy-reference').map((p) => text(p.managed!.arn));
    expect(arns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:{AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess',
      'arn:{AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ]);
  });

  it('ignores Policies when the function names its own Role, as SAM does', () => {
    expect(policiesOf(extraction, 'OwnRole')).toEqual([]);
  });

  it('attaches an AWS::IAM::Policy to the generated role by its logical id', () => {
    expect(policiesOf(extraction, 'ExtraPolicy')[0].attachedTo).toEqual([{ kind: 'role', logicalId: 'ApiRole' }]);
  });
});

describe('SAM function URL and destinations', () => {
  it('turns FunctionUrlConfig AuthType NONE into a public grant and AWS_IAM into none', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  PublicFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      FunctionUrlConfig: {AuthType: NONE}
  IamFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      FunctionUrlConfig: {AuthType: AWS_IAM}
`);
    const grants = extraction.policies.filter((p) => p.kind === 'permission-grant');
    expect(grants.map((p) => [p.source.logicalId, p.source.pointer, p.resources[0]?.logicalId])).toEqual([
      ['PublicFn', '/Resources/PublicFn/Properties/FunctionUrlConfig', 'PublicFn'],
    ]);
    expect(summary(grants[0])).toEqual([expect.stringMatching(/^Allow actions=lambda:InvokeFunctionUrl resources=.*\{PublicFn\}.* principals=\* conditions=StringEquals:lambda:FunctionUrlAuthType=NONE$/)]);
  });

  it('grants the role what its dead-letter queue and event destinations need', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Failures: {Type: AWS::SQS::Queue}
  Done: {Type: AWS::SNS::Topic}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Failures.Arn}
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: {Type: SNS, Destination: !Ref Done}
`);
    const identities = policiesOf(extraction, 'Fn').filter((p) => p.kind === 'identity');
    expect(identities.map((p) => [p.source.pointer, summary(p)])).toEqual([
      ['/Resources/Fn/Properties/DeadLetterQueue', ['Allow actions=sqs:SendMessage resources=arn:{AWS::Partition}:sqs:{AWS::Region}:{AWS::AccountId}:{Failures}']],
      ['/Resources/Fn/Properties/EventInvokeConfig/DestinationConfig/OnSuccess', ['Allow actions=sns:Publish resources=arn:{AWS::Partition}:sns:{AWS::Region}:{AWS::AccountId}:{Done}']],
    ]);
  });

  it('grants on the queue SAM creates for a destination written without one, and on a bucket and its objects', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Payloads: {Type: AWS::S3::Bucket}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      Tracing: Disabled
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: {Type: S3Bucket, Destination: !GetAtt Payloads.Arn}
          OnFailure: {Type: SQS}
`);
    expect(extraction.errors).toEqual([]);
    const policies = policiesOf(extraction, 'Fn');
    expect(policies.filter((p) => p.kind === 'identity').map((p) => [p.source.pointer, summary(p), p.problems])).toEqual([
      [
        '/Resources/Fn/Properties/EventInvokeConfig/DestinationConfig/OnSuccess',
        ['Allow actions=s3:PutObject resources=arn:{AWS::Partition}:s3:::{Payloads}/*', 'Allow actions=s3:ListBucket resources=arn:{AWS::Partition}:s3:::{Payloads}'],
        [],
      ],
      [
        '/Resources/Fn/Properties/EventInvokeConfig/DestinationConfig/OnFailure',
        ['Allow actions=sqs:SendMessage resources=arn:{AWS::Partition}:sqs:{AWS::Region}:{AWS::AccountId}:{FnEventInvokeConfigOnFailureQueue}'],
        [],
      ],
    ]);
    // Tracing: Disabled attaches no X-Ray policy.
    expect(policies.filter((p) => p.kind === 'managed-policy-reference').map((p) => p.managed?.awsManagedName)).toEqual(['AWSLambdaBasicExecutionRole']);
  });
});

describe('SAM pull event sources', () => {
  it('attach the AWS-managed policy each source type needs, once per type', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs: {Type: AWS::SQS::Queue}
  Retries: {Type: AWS::SQS::Queue}
  Clicks: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      Events:
        FromJobs: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn}}
        FromRetries: {Type: SQS, Properties: {Queue: !GetAtt Retries.Arn}}
        FromClicks: {Type: Kinesis, Properties: {Stream: !GetAtt Clicks.Arn, StartingPosition: LATEST}}
        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
`);
    const events = policiesOf(extraction, 'Consumer').filter((p) => p.source.propertyPath[1] === 'Events' && p.kind === 'managed-policy-reference');
    expect(events.map((p) => [p.source.pointer, text(p.managed!.arn)])).toEqual([
      ['/Resources/Consumer/Properties/Events/FromJobs', 'arn:{AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole'],
      ['/Resources/Consumer/Properties/Events/FromClicks', 'arn:{AWS::Partition}:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole'],
    ]);
    for (const policy of events) expect(policy.attachedTo).toEqual([{ kind: 'role', logicalId: 'ConsumerRole' }]);
  });
});

describe('SAM state machine execution role', () => {
  it('generates a role trusted by Step Functions, with its policies and X-Ray when tracing is enabled', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [{AttributeName: pk, KeyType: HASH}], AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]}}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      Tracing: {Enabled: true}
      PermissionsBoundary: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/boundary
      Policies:
        - DynamoDBWritePolicy: {TableName: !Ref Orders}
`);
    expect(extraction.errors).toEqual([]);
    const flow = policiesOf(extraction, 'Flow');
    expect(flow.map((p) => [p.kind, p.name ?? p.managed?.awsManagedName])).toEqual([
      ['trust', undefined],
      ['managed-policy-reference', undefined],
      ['boundary', undefined],
      ['identity', 'DynamoDBWritePolicy'],
    ]);
    expect(summary(flow[0])).toEqual(['Allow actions=sts:AssumeRole principals=service:states.amazonaws.com']);
    expect(text(flow[1].managed!.arn)).toBe('arn:{AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess');
    expect(flow[2].managed?.resolved).toBe(false);
    expect(extraction.principals.map((p) => [p.logicalId, text(p.permissionsBoundary)])).toEqual([
      ['FlowRole', 'arn:{AWS::Partition}:iam::{AWS::AccountId}:policy/boundary'],
    ]);
  });
});
