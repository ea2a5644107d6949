import { createResolver } from '../../src/resolve';
import type { ResourceRef } from '../../src/resolve';
import { ARN_SHAPES } from '../../src/resolve/arn-shapes';
import { show, templateOf, yamlTemplate } from './helpers';

const template = yamlTemplate(`
Transform: AWS::Serverless-2016-10-31
Parameters:
  TeamPath:
    Type: String
    Default: /team/
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
  LogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: logs-archive
  JobQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
  Alerts:
    Type: AWS::SNS::Topic
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /service/
      RoleName: worker
  PlainRole:
    Type: AWS::IAM::Role
  TeamRole:
    Type: AWS::IAM::Role
    Properties:
      Path: !Ref TeamPath
  ApiKey:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: api-key
  AppLogs:
    Type: AWS::Logs::LogGroup
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
  Key:
    Type: AWS::KMS::Key
  AuditPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: audit
  Github:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://token.actions.githubusercontent.com
  BusRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: custom-bus
  Cluster:
    Type: AWS::ECS::Service
  Lowercase:
    Type: Custom::GetLowercase
  Network:
    Type: AWS::CloudFormation::Stack
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
  Reader:
    Type: AWS::IAM::Policy
    Properties:
      BucketArn: !GetAtt DataBucket.Arn
      BucketObjects: !Sub '\${DataBucket.Arn}/*'
      BucketName: !Ref DataBucket
      LogsArn: !GetAtt LogsBucket.Arn
      QueueUrl: !Ref JobQueue
      QueueArn: !GetAtt JobQueue.Arn
      QueueName: !GetAtt JobQueue.QueueName
      TopicArn: !Ref Alerts
      WorkerArn: !GetAtt WorkerRole.Arn
      PlainArn: !GetAtt PlainRole.Arn
      TeamArn: !GetAtt TeamRole.Arn
      RoleId: !GetAtt WorkerRole.RoleId
      SecretArn: !Ref ApiKey
      LogsGroupArn: !GetAtt AppLogs.Arn
      TableArn: !GetAtt Orders.Arn
      StreamArn: !GetAtt Orders.StreamArn
      KeyArn: !GetAtt Key.Arn
      KeyId: !Ref Key
      Audit: !Ref AuditPolicy
      Oidc: !Ref Github
      RuleArn: !GetAtt BusRule.Arn
      ServiceRef: !Ref Cluster
      ServiceName: !GetAtt Cluster.Name
      Custom: !GetAtt Lowercase.Value
      CustomRef: !Ref Lowercase
      NestedOutput: !GetAtt Network.Outputs.VpcId
      NestedRef: !Ref Network
      HandlerArn: !GetAtt Handler.Arn
      HandlerRoleArn: !GetAtt HandlerRole.Arn
      Api: !Sub 'https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com'
      Nothing: !GetAtt Ghost.Arn
`);

const resolver = createResolver(template);
const value = show(resolver.resolveAt('/Resources/Reader/Properties')) as Record<string, unknown>;

test('a bucket: Ref is its name, Arn is an S3 ARN of this partition for that bucket', () => {
  expect(value.BucketName).toBe('${DataBucket}');
  expect(value.BucketArn).toBe('arn:${AWS::Partition}:s3:::${DataBucket}');
  expect(value.BucketObjects).toBe('arn:${AWS::Partition}:s3:::${DataBucket}/*');
  const node = resolver.resolveAt('/Resources/Reader/Properties/BucketObjects');
  expect(node).toEqual({
    kind: 'symbolic',
    parts: [
      'arn:',
      { kind: 'pseudo', name: 'AWS::Partition' },
      ':s3:::',
      { kind: 'resource', logicalId: 'DataBucket', resourceType: 'AWS::S3::Bucket', attribute: 'Ref' },
      '/*',
    ],
    at: '/Resources/Reader/Properties/BucketObjects',
  });
});

test('a literal name property becomes the knownValue of the part, which still stands for the resource', () => {
  const node = resolver.resolveAt('/Resources/Reader/Properties/LogsArn');
  expect(node?.kind).toBe('symbolic');
  const part = node?.kind === 'symbolic' ? (node.parts[3] as ResourceRef) : undefined;
  expect(part).toEqual({ kind: 'resource', logicalId: 'LogsBucket', resourceType: 'AWS::S3::Bucket', attribute: 'Ref', knownValue: 'logs-archive' });
  const queue = resolver.resolveAt('/Resources/Reader/Properties/QueueName');
  expect(queue).toMatchObject({ parts: [{ logicalId: 'JobQueue', attribute: 'QueueName', knownValue: 'jobs' }] });
});

test('a queue: Ref is its URL, Arn its ARN, both built from the queue name', () => {
  expect(value.QueueUrl).toBe('https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/${JobQueue.QueueName}');
  expect(value.QueueArn).toBe('arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${JobQueue.QueueName}');
});

test('a topic: Ref is its ARN', () => {
  expect(value.TopicArn).toBe('arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Alerts.TopicName}');
});

test('a role: Arn holds the Path without its leading slash, then the role', () => {
  expect(value.WorkerArn).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service/${WorkerRole}');
  expect(value.PlainArn).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${PlainRole}');
  expect(value.TeamArn).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/team/${TeamRole}');
  expect(value.RoleId).toBe('${WorkerRole.RoleId}');
});

test('other shapes: secret, log group, table and stream, key, managed policy, OIDC provider', () => {
  expect(value.SecretArn).toBe('arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${ApiKey.Name}-${ApiKey.RandomSuffix}');
  expect(value.LogsGroupArn).toBe('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${AppLogs}:*');
  expect(value.TableArn).toBe('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}');
  expect(value.StreamArn).toBe('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}/stream/${Orders.StreamLabel}');
  expect(value.KeyArn).toBe('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${Key}');
  expect(value.KeyId).toBe('${Key}');
  expect(value.Audit).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${AuditPolicy.ManagedPolicyName}');
  expect(value.Oidc).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${Github.Url}');
  expect(resolver.resolveAt('/Resources/Reader/Properties/Oidc')).toMatchObject({ parts: [{}, {}, {}, {}, {}, { knownValue: 'token.actions.githubusercontent.com' }] });
});

test('an event rule on a custom bus has an ARN of another shape: it stays opaque', () => {
  expect(value.RuleArn).toBe('${BusRule.Arn}');
});

test('types without a known shape keep opaque parts for Ref and each attribute', () => {
  expect(value.ServiceRef).toBe('${Cluster}');
  expect(value.ServiceName).toBe('${Cluster.Name}');
});

test('custom resources and nested stack outputs are unknown, with the reason', () => {
  expect(value.Custom).toBe('<unknown: Lowercase is a custom resource (Custom::GetLowercase): its provider decides what Fn::GetAtt Value returns>');
  expect(value.CustomRef).toBe('<unknown: Lowercase is a custom resource (Custom::GetLowercase): its provider decides what Ref returns>');
  expect(value.NestedOutput).toBe('<unknown: output VpcId of nested stack Network is not known statically>');
  expect(value.NestedRef).toBe('${Network}');
});

test('SAM functions are shaped like Lambda functions, and the resources SAM adds can be referred to', () => {
  expect(value.HandlerArn).toBe('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Handler}');
  expect(value.HandlerRoleArn).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${HandlerRole}');
  expect(value.Api).toBe('https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com');
});

test('GetAtt in list form may take its attribute from a Ref', () => {
  const byParameter = createResolver(
    yamlTemplate(`
Parameters:
  Attribute:
    Type: String
    Default: Arn
  Unset:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
  P:
    Type: AWS::IAM::Policy
    Properties:
      X: !GetAtt [Queue, !Ref Attribute]
      Y: {'Fn::GetAtt': [Queue, QueueName]}
      Z: !GetAtt [Queue, !Ref Unset]
`),
  );
  expect(show(byParameter.resolveAt('/Resources/P/Properties'))).toEqual({
    X: 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}',
    Y: '${Queue.QueueName}',
    Z: '<unknown: the attribute of Fn::GetAtt Queue is not known statically>',
  });
});

test('GetAtt of an undeclared resource is unknown and reported', () => {
  expect(value.Nothing).toBe('<unknown: Fn::GetAtt Ghost.Arn: resource Ghost is not declared>');
  expect(resolver.problems()).toContainEqual({ at: '/Resources/Reader/Properties/Nothing', message: 'Fn::GetAtt Ghost.Arn: resource Ghost is not declared' });
});

test('the role SAM adds exists only when the function names no role of its own', () => {
  const withRole = createResolver(
    yamlTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/existing
  P:
    Type: AWS::IAM::Policy
    Properties:
      X: !GetAtt HandlerRole.Arn
`),
  );
  expect(show(withRole.resolveAt('/Resources/P/Properties/X'))).toBe('<unknown: Fn::GetAtt HandlerRole.Arn: resource HandlerRole is not declared>');
});

test("a version's and an alias's Ref is the function's ARN qualified by the version number or alias name", () => {
  const qualified = createResolver(
    yamlTemplate(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
  Version:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
  Alias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Name: live
  ByName:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Sub '\${AWS::StackName}-worker'
      Name: blue
  Elsewhere:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: 123456789012:function:other
      Name: green
  P:
    Type: AWS::IAM::Policy
    Properties:
      Version: !Ref Version
      Number: !GetAtt Version.Version
      Alias: !Ref Alias
      AliasArn: !GetAtt Alias.AliasArn
      ByName: !Ref ByName
      Elsewhere: !Ref Elsewhere
`),
  );
  const fn = 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:';
  expect(show(qualified.resolveAt('/Resources/P/Properties'))).toEqual({
    Version: `${fn}\${Fn}:\${Version.Version}`,
    Number: '${Version.Version}',
    Alias: `${fn}\${Fn}:\${Alias.Name}`,
    AliasArn: `${fn}\${Fn}:\${Alias.Name}`,
    ByName: `${fn}\${AWS::StackName}-worker:\${ByName.Name}`,
    Elsewhere: `${fn}\${Elsewhere.FunctionName}:\${Elsewhere.Name}`,
  });
  expect(qualified.resolveAt('/Resources/P/Properties/Alias')).toMatchObject({ parts: [{}, {}, {}, {}, {}, {}, {}, { logicalId: 'Fn' }, {}, { logicalId: 'Alias', knownValue: 'live' }] });
});

test("SAM's derived references name the alias, version and stage the transform adds", () => {
  const sam = createResolver(
    yamlTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
  Plain:
    Type: AWS::Serverless::Function
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  P:
    Type: AWS::IAM::Policy
    Properties:
      Alias: !Ref Fn.Alias
      InSub: !Sub '\${Fn.Alias}'
      Version: !Ref Fn.Version
      AliasArn: !GetAtt Fn.Alias.AliasArn
      Stage: !Sub 'arn:aws:execute-api:us-east-1:123456789012:\${Api}/\${Api.Stage}/GET/items'
      NoAlias: !Ref Plain.Alias
`),
  );
  const fn = 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}';
  expect(show(sam.resolveAt('/Resources/P/Properties'))).toEqual({
    Alias: `${fn}:\${Fn.Alias.Name}`,
    InSub: `${fn}:\${Fn.Alias.Name}`,
    Version: `${fn}:\${Fn.Version.Version}`,
    AliasArn: `${fn}:\${Fn.Alias.Name}`,
    Stage: 'arn:aws:execute-api:us-east-1:123456789012:${Api}/${Api.Stage}/GET/items',
    NoAlias: '<unknown: Plain.Alias is not declared>',
  });
  expect(sam.resolveAt('/Resources/P/Properties/Stage')).toMatchObject({ parts: [{}, {}, {}, { logicalId: 'Api.Stage', knownValue: 'prod' }, {}] });
});

test("CDK's CfnJson returns the JSON its Value holds, with the references in it; text that is no JSON is unknown", () => {
  const cdk = createResolver(
    yamlTemplate(`
Resources:
  Provider:
    Type: Custom::AWSCDKOpenIdConnectProvider
    Properties:
      Url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123
  Cond:
    Type: Custom::AWSCDKCfnJson
    Properties:
      Value: !Join ['', ['{"', !Select [1, !Split [':oidc-provider/', !Ref Provider]], ':sub":"system:serviceaccount:default:app"}']]
  Broken:
    Type: Custom::AWSCDKCfnJson
    Properties:
      Value: '{"not json'
  P:
    Type: AWS::IAM::Policy
    Properties:
      Condition: !GetAtt Cond.Value
      Other: !GetAtt Broken.Value
`),
  );
  expect(show(cdk.resolveAt('/Resources/P/Properties'))).toEqual({
    Condition: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub': 'system:serviceaccount:default:app' },
    Other: expect.stringMatching(/^<unknown: the Value of Broken \(CDK's CfnJson\) is a string that is not valid JSON/),
  });
});

test('a role whose Path refers to the role itself is a circular reference', () => {
  const circular = createResolver(
    yamlTemplate(`
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Path: !Sub '/\${Role.Arn}/'
  P:
    Type: AWS::IAM::Policy
    Properties:
      X: !GetAtt Role.Arn
`),
  );
  expect(() => circular.resolveAt('/Resources/P/Properties/X')).toThrow(/circular reference: Role.Arn depends on itself/);
});

describe('the shape table', () => {
  const types = Object.keys(ARN_SHAPES);
  const body = {
    Resources: Object.fromEntries(types.map((type, i) => [`R${i}`, { Type: type }])),
  };
  const table = createResolver(templateOf(body));

  test('covers the common resource types', () => {
    expect(types.length).toBeGreaterThanOrEqual(60);
  });

  test.each(types.map((type, i) => [type, i] as const))('%s: every identity it shapes stands for the resource, every ARN is well formed', (type, i) => {
    const shape = ARN_SHAPES[type];
    for (const attribute of ['Ref', ...Object.keys(shape.attributes ?? {})]) {
      const node = table.resolveValue(attribute === 'Ref' ? { Ref: `R${i}` } : { 'Fn::GetAtt': [`R${i}`, attribute] }, '/x');
      expect(node?.kind).toBe('symbolic');
      const parts = node?.kind === 'symbolic' ? node.parts : [];
      expect(parts.some((p) => typeof p !== 'string' && p.kind === 'resource' && p.logicalId === `R${i}` && p.resourceType === type)).toBe(true);
      const text = show(node) as string;
      if (text.startsWith('arn:')) expect(text).toMatch(/^arn:\$\{AWS::Partition\}:[a-z0-9-]+:(\$\{AWS::Region\})?:(\$\{AWS::AccountId\})?:[^:].*$/);
    }
  });
});
