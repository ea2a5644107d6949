import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResolver, ResolveError } from '../../src/resolve';
import { show, yamlTemplate } from './helpers';

const template = yamlTemplate(`
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
  Stage:
    Type: String
    Default: beta
  KmsKeyArn:
    Type: String
    Default: ''
Conditions:
  IsStaging: !Equals [!Ref Env, staging]
  IsProd: !Equals [!Ref Env, prod]
  IsDevOrProd: !Or [!Equals [!Ref Env, dev], !Equals [!Ref Env, prod]]
  IsBeta: !Equals [!Ref Stage, beta]
  HasKey: !Not [!Equals [!Ref KmsKeyArn, '']]
  InUsEast1: !Equals [!Ref AWS::Region, us-east-1]
  SameRegion: !Equals [!Ref AWS::Region, !Ref AWS::Region]
  ProdWithKey: !And [!Condition IsProd, !Condition HasKey]
  NotStaging: !Not [!Condition IsStaging]
  StagingOrBeta: !Or [!Condition IsStaging, !Condition IsBeta]
  Always: !Equals [a, a]
  Never: !Not [!Condition Always]
Resources:
  ProdOnly:
    Type: AWS::SNS::Topic
    Condition: IsProd
  StagingOnly:
    Type: AWS::SNS::Topic
    Condition: IsStaging
  Everywhere:
    Type: AWS::SNS::Topic
  Orphan:
    Type: AWS::SNS::Topic
    Condition: NotDeclared
  P:
    Type: AWS::IAM::Policy
    Properties:
      Pruned: !If [IsStaging, staging-only, everywhere]
      Kept: !If [IsProd, prod-value, other-value]
      Nested: !If [NotStaging, !If [Always, yes, no], no]
      Removed: !If [Never, x, !Ref AWS::NoValue]
      Undeclared: !If [Ghost, a, b]
`);

test('a condition on parameters with AllowedValues is constant when every allowed value gives the same outcome', () => {
  const resolver = createResolver(template);
  expect(resolver.condition('IsStaging')).toBe(false);
  expect(resolver.condition('IsDevOrProd')).toBe(true);
  expect(resolver.condition('IsProd')).toBe('open');
});

test('a parameter default is not assumed by conditions: any value could be passed', () => {
  const resolver = createResolver(template);
  expect(resolver.condition('IsBeta')).toBe('open');
  expect(resolver.condition('HasKey')).toBe('open');
});

test('user-given parameter values make conditions constant', () => {
  const resolver = createResolver(template, { parameters: { Env: 'prod', Stage: 'gamma', KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/x' } });
  expect(resolver.condition('IsProd')).toBe(true);
  expect(resolver.condition('IsBeta')).toBe(false);
  expect(resolver.condition('ProdWithKey')).toBe(true);
});

test('pseudo parameters are open, but a value equals itself', () => {
  const resolver = createResolver(template);
  expect(resolver.condition('InUsEast1')).toBe('open');
  expect(resolver.condition('SameRegion')).toBe(true);
});

test('And, Or, Not and Condition nest three-valued', () => {
  const resolver = createResolver(template);
  expect(resolver.condition('NotStaging')).toBe(true);
  expect(resolver.condition('StagingOrBeta')).toBe('open');
  expect(resolver.condition('ProdWithKey')).toBe('open');
  expect(resolver.condition('Never')).toBe(false);
  expect(createResolver(template, { parameters: { Env: 'dev' } }).condition('ProdWithKey')).toBe(false);
});

test('constant conditions prune Fn::If; open ones keep both branches as a choice', () => {
  const resolver = createResolver(template);
  const value = show(resolver.resolveAt('/Resources/P/Properties')) as Record<string, unknown>;
  expect(value.Pruned).toBe('everywhere');
  expect(value.Kept).toEqual({ 'if IsProd': ['prod-value', 'other-value'] });
  expect(value.Nested).toBe('yes');
  expect(value).not.toHaveProperty('Removed');
});

test('an undeclared condition is open, and reported where it is used', () => {
  const resolver = createResolver(template);
  expect(show(resolver.resolveAt('/Resources/P/Properties/Undeclared'))).toEqual({ 'if Ghost': ['a', 'b'] });
  expect(resolver.problems()).toContainEqual({ at: '/Resources/P/Properties/Undeclared', message: 'condition Ghost is not declared' });
  expect(resolver.condition('Ghost')).toBe('open');
});

test('resourceExists reads the resource Condition', () => {
  const resolver = createResolver(template);
  expect(resolver.resourceExists('Everywhere')).toEqual([]);
  expect(resolver.resourceExists('StagingOnly')).toBe(false);
  expect(resolver.resourceExists('ProdOnly')).toEqual([{ condition: 'IsProd', value: true }]);
  expect(createResolver(template, { parameters: { Env: 'prod' } }).resourceExists('ProdOnly')).toEqual([]);
  expect(resolver.resourceExists('Orphan')).toEqual([{ condition: 'NotDeclared', value: true }]);
  expect(resolver.problems()).toContainEqual({ at: '/Resources/Orphan/Condition', message: 'condition NotDeclared is not declared' });
  expect(resolver.resourceExists('NoSuchResource')).toBe(false);
});

test('a circular condition chain is a ResolveError with the pointer of the condition', () => {
  const circular = createResolver(
    yamlTemplate(`
Conditions:
  A: !And [!Condition B, !Equals [x, x]]
  B: !Or [!Condition C, !Equals [x, y]]
  C: !Not [!Condition A]
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      X: !If [A, 1, 2]
`),
  );
  expect(() => circular.condition('A')).toThrow(ResolveError);
  try {
    circular.resolveAt('/Resources/P/Properties/X');
    throw new Error('expected a ResolveError');
  } catch (error) {
    expect(error).toBeInstanceOf(ResolveError);
    expect((error as ResolveError).message).toBe('circular condition: A → B → C → A');
    expect((error as ResolveError).at).toBe('/Conditions/A');
  }
});

test('a malformed condition is open and reported', () => {
  const resolver = createResolver(
    yamlTemplate(`
Conditions:
  Odd: !Equals [only-one]
  Weird: !Select [0, [a]]
Resources: {}
`),
  );
  expect(resolver.condition('Odd')).toBe('open');
  expect(resolver.condition('Weird')).toBe('open');
  expect(resolver.problems()).toEqual([
    { at: '/Conditions/Odd', message: 'Fn::Equals needs a list of two values' },
    { at: '/Conditions/Weird', message: 'Fn::Select is not a condition function' },
  ]);
});

describe('a real template: widdix kms-key.yaml', () => {
  const kms = yamlTemplate(readFileSync(join(__dirname, '../fixtures/resolve/kms-key.yaml'), 'utf8'), 'kms-key.yaml');

  test('with no parameters given, the per-service statements stay open', () => {
    const resolver = createResolver(kms);
    expect(resolver.condition('HasService')).toBe('open');
    expect(resolver.condition('HasServiceAllServices')).toBe('open');
    const statements = show(resolver.resolveAt('/Resources/Key/Properties/KeyPolicy/Statement')) as unknown[];
    expect(statements[1]).toEqual({ 'if HasService': [expect.objectContaining({ Effect: 'Allow' }), '<absent>'] });
  });

  test('with Service given, the conditions are constant and the statements pruned', () => {
    const resolver = createResolver(kms, { parameters: { Service: 's3' } });
    expect(resolver.condition('HasService')).toBe(true);
    expect(resolver.condition('HasServiceCloudTrail')).toBe(false);
    const statements = show(resolver.resolveAt('/Resources/Key/Properties/KeyPolicy/Statement')) as Record<string, unknown>[];
    expect(statements.every((s) => !('if HasServiceAllServices' in s))).toBe(true);
    expect(statements[1]).toMatchObject({
      Condition: { StringEquals: { 'kms:CallerAccount': '${AWS::AccountId}', 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' } },
    });
  });
});
