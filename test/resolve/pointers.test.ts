import { createResolver } from '../../src/resolve';
import { pointers, show, yamlTemplate } from './helpers';

const template = yamlTemplate(`
Parameters:
  Accounts:
    Type: CommaDelimitedList
    Default: '111111111111,222222222222'
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Data:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, !If [IsProd, s3:PutObject, s3:ListBucket]]
            Resource: !Sub '\${Data.Arn}/*'
            Principal:
              AWS: !Ref Accounts
`);

test('every node points at the template node it came from; values made by an intrinsic point at the intrinsic', () => {
  const resolver = createResolver(template);
  const node = resolver.resolveAt('/Resources/Policy/Properties/PolicyDocument/Statement/0');
  const statement = '/Resources/Policy/Properties/PolicyDocument/Statement/0';
  expect(node && pointers(node)).toEqual([
    ['.', statement],
    ['.Effect', `${statement}/Effect`],
    ['.Action', `${statement}/Action`],
    ['.Action[0]', `${statement}/Action/0`],
    ['.Action[1]', `${statement}/Action/1`],
    ['.Action[1]?', `${statement}/Action/1/Fn::If/1`],
    ['.Action[1]!', `${statement}/Action/1/Fn::If/2`],
    ['.Resource', `${statement}/Resource`],
    ['.Principal', `${statement}/Principal`],
    ['.Principal.AWS', `${statement}/Principal/AWS`],
    ['.Principal.AWS[0]', `${statement}/Principal/AWS`],
    ['.Principal.AWS[1]', `${statement}/Principal/AWS`],
  ]);
});

test('resolveAt resolves only the subtree asked for', () => {
  const resolver = createResolver(
    yamlTemplate(`
Resources:
  Broken:
    Type: AWS::IAM::Policy
    Properties:
      X: !Ref Undeclared
  Fine:
    Type: AWS::IAM::Policy
    Properties:
      Y: ok
`),
  );
  expect(show(resolver.resolveAt('/Resources/Fine/Properties'))).toEqual({ Y: 'ok' });
  expect(resolver.problems()).toEqual([]);
});

test('resolveValue resolves a value that is not in the template, every node pointing at the node it stands for', () => {
  const resolver = createResolver(template);
  const samPolicy = {
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${bucketName}/*', { bucketName: { Ref: 'Data' } }] },
      },
    ],
  };
  const at = '/Resources/Fn/Properties/Policies/0';
  const node = resolver.resolveValue(samPolicy, at);
  expect(show(node)).toEqual({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:${AWS::Partition}:s3:::${Data}/*' }] });
  expect(node && new Set(pointers(node).map(([, pointer]) => pointer))).toEqual(new Set([at]));
  expect(resolver.resolveValue({ Ref: 'AWS::NoValue' }, at)).toBeUndefined();
});
