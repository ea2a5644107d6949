import { createResolver } from '../../src/resolve';
import { show, yamlTemplate } from './helpers';

const template = yamlTemplate(`
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  BucketName:
    Type: String
    Default: app-data
  Port:
    Type: Number
    Default: 8080
  TrustedAccounts:
    Type: CommaDelimitedList
    Default: '111111111111, 222222222222'
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-1,subnet-2
  AmiId:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
  ExternalRoleArn:
    Type: String
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Bucket: !Ref BucketName
      Port: !Ref Port
      Accounts: !Ref TrustedAccounts
      Subnets: !Ref Subnets
      Ami: !Ref AmiId
      External: !Ref ExternalRoleArn
      Account: !Ref AWS::AccountId
      Partition: !Ref AWS::Partition
      Region: !Ref AWS::Region
      StackName: !Ref AWS::StackName
      StackId: !Ref AWS::StackId
      UrlSuffix: !Ref AWS::URLSuffix
      Notifications: !Ref AWS::NotificationARNs
      Missing: !Ref NotThere
      Removed: !Ref AWS::NoValue
`);

const properties = (parameters?: Record<string, string>) => {
  const resolver = createResolver(template, parameters ? { parameters } : {});
  return { value: show(resolver.resolveAt('/Resources/Policy/Properties')) as Record<string, unknown>, resolver };
};

describe('Ref to a parameter', () => {
  test('resolves to its Default, as a string whatever its type', () => {
    const { value } = properties();
    expect(value.Bucket).toBe('app-data');
    expect(value.Port).toBe('8080');
  });

  test('resolves to the value the user gave, over the Default', () => {
    expect(properties({ BucketName: 'other-data' }).value.Bucket).toBe('other-data');
  });

  test('splits CommaDelimitedList and List<...> values at commas, trimming the spaces around members', () => {
    const { value } = properties({ Subnets: 'subnet-a, subnet-b ,subnet-c' });
    expect(value.Accounts).toEqual(['111111111111', '222222222222']);
    expect(value.Subnets).toEqual(['subnet-a', 'subnet-b', 'subnet-c']);
  });

  test('an SSM parameter type is unknown even with a Default: the Default names the SSM parameter', () => {
    expect(properties().value.Ami).toBe('<unknown: parameter AmiId is read from SSM Parameter Store at deploy time>');
    expect(properties({ AmiId: '/my/ami' }).value.Ami).toMatch(/^<unknown: parameter AmiId is read from SSM/);
  });

  test('without a Default or a given value it is unknown, never a wildcard', () => {
    expect(properties().value.External).toBe('<unknown: parameter ExternalRoleArn has no default and no value was given>');
    expect(properties({ ExternalRoleArn: 'arn:aws:iam::123456789012:role/x' }).value.External).toBe('arn:aws:iam::123456789012:role/x');
  });

  test('a given value outside AllowedValues is used, and reported', () => {
    const resolver = createResolver(template, { parameters: { Env: 'staging' } });
    expect(resolver.resolveValue({ Ref: 'Env' }, '/Resources/Policy')).toEqual({ kind: 'scalar', value: 'staging', at: '/Resources/Policy' });
    expect(resolver.problems()).toContainEqual({ at: '/Parameters/Env', message: 'value "staging" given for parameter Env is not one of its AllowedValues' });
  });
});

describe('Ref to a pseudo parameter', () => {
  test('is a symbolic string with one pseudo part that keeps its identity', () => {
    const resolver = createResolver(template);
    expect(resolver.resolveAt('/Resources/Policy/Properties/Account')).toEqual({
      kind: 'symbolic',
      parts: [{ kind: 'pseudo', name: 'AWS::AccountId' }],
      at: '/Resources/Policy/Properties/Account',
    });
    const { value } = properties();
    expect([value.Partition, value.Region, value.StackName, value.StackId, value.UrlSuffix]).toEqual([
      '${AWS::Partition}',
      '${AWS::Region}',
      '${AWS::StackName}',
      '${AWS::StackId}',
      '${AWS::URLSuffix}',
    ]);
  });

  test('AWS::NotificationARNs is an unknown list', () => {
    expect(properties().value.Notifications).toBe('<unknown: AWS::NotificationARNs is known only at deploy time>');
  });

  test('AWS::NoValue removes the key; as the whole value there is nothing', () => {
    const { value, resolver } = properties();
    expect(value).not.toHaveProperty('Removed');
    expect(resolver.resolveAt('/Resources/Policy/Properties/Removed')).toBeUndefined();
  });
});

test('Ref to an undeclared name is unknown and reported', () => {
  const { value, resolver } = properties();
  expect(value.Missing).toBe('<unknown: NotThere is not declared>');
  expect(resolver.problems()).toContainEqual({ at: '/Resources/Policy/Properties/Missing', message: 'NotThere is not declared' });
});

test('a pointer to nothing resolves to nothing', () => {
  const resolver = createResolver(template);
  expect(resolver.resolveAt('/Resources/Policy/Properties/Nope')).toBeUndefined();
  expect(resolver.resolveAt('/Resources/Nope')).toBeUndefined();
  expect(resolver.resolveAt('Resources/Policy')).toBeUndefined();
});
