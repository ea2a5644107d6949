import { createResolver } from '../../src/resolve';
import { pointers, show, yamlTemplate } from './helpers';

const template = yamlTemplate(`
Parameters:
  Env:
    Type: String
    Default: prod
Mappings:
  EnvConfig:
    prod:
      LogBucket: prod-logs
      Actions: [s3:GetObject, s3:PutObject]
    dev:
      LogBucket: dev-logs
      Actions: [s3:GetObject]
  RegionMap:
    us-east-1:
      ElbAccount: '127311923021'
      Partition: aws
    us-west-2:
      ElbAccount: '797873946194'
      Partition: aws
    eu-west-1:
      ElbAccount: '156460612806'
      Partition: aws
    cn-north-1:
      ElbAccount: '638102146993'
      Partition: aws-cn
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      Constant: !FindInMap [EnvConfig, prod, LogBucket]
      FromParameter: !FindInMap [EnvConfig, !Ref Env, Actions]
      ByRegion: !FindInMap [RegionMap, !Ref AWS::Region, ElbAccount]
      SameEverywhereButChina: !FindInMap [RegionMap, !Ref AWS::Region, Partition]
      InArn: !Sub
        - 'arn:aws:iam::\${Account}:root'
        - Account: !FindInMap [RegionMap, !Ref AWS::Region, ElbAccount]
      MissingKey: !FindInMap [EnvConfig, test, LogBucket]
      MissingWithDefault: !FindInMap [EnvConfig, test, LogBucket, {DefaultValue: fallback-logs}]
      OpenWithDefault: !FindInMap [EnvConfig, !Ref AWS::Region, LogBucket, {DefaultValue: !Ref AWS::NoValue}]
      NoMapping: !FindInMap [Nope, a, b]
`);

const resolver = createResolver(template);
const value = show(resolver.resolveAt('/Resources/P/Properties')) as Record<string, unknown>;
const chosen = (name: string) => `Fn::FindInMap RegionMap[AWS::Region] ${name}`;

test('constant keys give the value written in Mappings, pointing at its entry there', () => {
  expect(value.Constant).toBe('prod-logs');
  expect(value.FromParameter).toEqual(['s3:GetObject', 's3:PutObject']);
  const node = resolver.resolveAt('/Resources/P/Properties/FromParameter');
  expect(node && pointers(node)).toEqual([
    ['.', '/Mappings/EnvConfig/prod/Actions'],
    ['[0]', '/Mappings/EnvConfig/prod/Actions/0'],
    ['[1]', '/Mappings/EnvConfig/prod/Actions/1'],
  ]);
});

test('a region key gives a choice over every distinct candidate, each named by the keys that select it', () => {
  expect(value.ByRegion).toEqual({
    [`if ${chosen('= us-east-1')}`]: [
      '127311923021',
      { [`if ${chosen('= us-west-2')}`]: ['797873946194', { [`if ${chosen('= eu-west-1')}`]: ['156460612806', '638102146993'] }] },
    ],
  });
});

test('equal candidates are grouped; when all are equal that is the value', () => {
  expect(value.SameEverywhereButChina).toEqual({ [`if ${chosen('in {us-east-1, us-west-2, eu-west-1}')}`]: ['aws', 'aws-cn'] });
  const allEqual = createResolver(
    yamlTemplate(`
Mappings:
  M:
    a: {K: same}
    b: {K: same}
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      X: !FindInMap [M, !Ref AWS::Region, K]
`),
  );
  expect(show(allEqual.resolveAt('/Resources/P/Properties/X'))).toBe('same');
});

test('the candidates reach through the functions around them', () => {
  const inArn = value.InArn as Record<string, unknown[]>;
  expect(inArn[`if ${chosen('= us-east-1')}`][0]).toBe('arn:aws:iam::127311923021:root');
});

test('DefaultValue is used when the key is missing, and is a candidate when the key is open', () => {
  expect(value.MissingWithDefault).toBe('fallback-logs');
  expect(value.OpenWithDefault).toEqual({
    'if Fn::FindInMap EnvConfig[AWS::Region] = prod': ['prod-logs', { 'if Fn::FindInMap EnvConfig[AWS::Region] = dev': ['dev-logs', '<absent>'] }],
  });
});

test('a missing key or mapping without a default is unknown and reported', () => {
  expect(value.MissingKey).toBe('<unknown: mapping EnvConfig has no value for test/LogBucket>');
  expect(value.NoMapping).toBe('<unknown: mapping Nope is not declared>');
  expect(resolver.problems()).toEqual(
    expect.arrayContaining([
      { at: '/Resources/P/Properties/MissingKey', message: 'mapping EnvConfig has no value for test/LogBucket' },
      { at: '/Resources/P/Properties/NoMapping', message: 'mapping Nope is not declared' },
    ]),
  );
});
