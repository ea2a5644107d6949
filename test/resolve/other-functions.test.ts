import { createResolver } from '../../src/resolve';
import type { ResolvedNode, StringPart } from '../../src/resolve';
import { show, yamlTemplate } from './helpers';

const template = yamlTemplate(`
Parameters:
  Names:
    Type: CommaDelimitedList
    Default: a,b,c
  UseLogs:
    Type: String
Conditions:
  HasLogs: !Equals [!Ref UseLogs, 'true']
Resources:
  Data:
    Type: AWS::S3::Bucket
  P:
    Type: AWS::IAM::Policy
    Properties:
      Base64: !Base64 '#!/bin/bash echo hello'
      Base64OfSub: !Base64
        Fn::Sub: 'echo \${AWS::Region}'
      Azs: !GetAZs ''
      Cidr: !Cidr [10.0.0.0/16, 4, 8]
      Macro:
        Fn::Transform:
          Name: AWS::Include
          Parameters: {Location: s3://bucket/snippet.yaml}
      MacroBeside:
        Statement: []
        Fn::Transform: {Name: MyMacro}
      Unsupported: {'Fn::ForEach::Topics': [T, [a], {}]}
      EqualsOutside: !Equals [a, b]
      Length: {'Fn::Length': !Ref Names}
      LengthLiteral: {'Fn::Length': [1, 2]}
      LengthWithChoice: {'Fn::Length': [x, !If [HasLogs, y, !Ref AWS::NoValue]]}
      LengthUnknown: {'Fn::Length': !GetAZs ''}
      Json:
        Fn::ToJsonString:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: !Sub '\${Data.Arn}/*'
              Condition: {NumericLessThan: {'s3:max-keys': 10}}
      JsonLiteral: {'Fn::ToJsonString': {a: [1, true, null, 'quote " and \\ backslash']}}
      JsonChoice: {'Fn::ToJsonString': {Logs: !If [HasLogs, on, !Ref AWS::NoValue]}}
`);

const resolver = createResolver(template);
const value = show(resolver.resolveAt('/Resources/P/Properties')) as Record<string, unknown>;

test('Fn::Base64 is unknown: its text is never read as policy text', () => {
  expect(value.Base64).toBe('<unknown: base64 of "#!/bin/bash echo hello">');
  expect(value.Base64OfSub).toBe('<unknown: base64 of an Fn::Sub value>');
});

test('Fn::GetAZs and Fn::Cidr are unknown lists', () => {
  expect(value.Azs).toBe('<unknown: Fn::GetAZs: the Availability Zones of a Region are known only at deploy time>');
  expect(value.Cidr).toBe('<unknown: Fn::Cidr: the address blocks are computed at deploy time>');
});

test('Fn::Transform output is unknown, also when the macro sits beside other keys', () => {
  expect(value.Macro).toBe('<unknown: Fn::Transform: macro output is not known statically>');
  expect(value.MacroBeside).toBe('<unknown: Fn::Transform: macro output is not known statically>');
});

test('other Fn:: functions are unknown, never a crash; condition functions outside Conditions are reported', () => {
  expect(value.Unsupported).toBe('<unknown: unsupported intrinsic function Fn::ForEach::Topics>');
  // A template naming a function CloudFormation does not know is refused when loaded; the resolver still copes.
  expect(show(resolver.resolveValue({ 'Fn::Magic': 'x' }, '/Resources/P/Properties/Magic'))).toBe('<unknown: unsupported intrinsic function Fn::Magic>');
  expect(value.EqualsOutside).toBe('<unknown: Fn::Equals is only valid in Conditions>');
  expect(resolver.problems()).toContainEqual({ at: '/Resources/P/Properties/EqualsOutside', message: 'Fn::Equals is only valid in Conditions' });
});

test('Fn::Length counts a known list, per branch when a branch removes an item', () => {
  expect(value.Length).toBe(3);
  expect(value.LengthLiteral).toBe(2);
  expect(value.LengthWithChoice).toEqual({ 'if HasLogs': [2, 1] });
  expect(value.LengthUnknown).toMatch(/^<unknown: Fn::GetAZs/);
});

describe('Fn::ToJsonString', () => {
  test('literal data becomes compact JSON text', () => {
    const text = value.JsonLiteral as string;
    expect(JSON.parse(text)).toEqual({ a: [1, true, null, 'quote " and \\ backslash'] });
    expect(text).toBe('{"a":[1,true,null,"quote \\" and \\\\ backslash"]}');
  });

  test('references stay parts, placed where their text goes inside a JSON string, so that the text parses back', () => {
    const node = resolver.resolveAt('/Resources/P/Properties/Json') as ResolvedNode;
    expect(node.kind).toBe('symbolic');
    const parts = node.kind === 'symbolic' ? node.parts : [];
    // Replace each reference with a placeholder, parse, and find the placeholder where the reference was written.
    const references: StringPart[] = [];
    const text = parts.map((p) => (typeof p === 'string' ? p : `@${references.push(p) - 1}@`)).join('');
    expect(JSON.parse(text)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:@0@:s3:::@1@/*', Condition: { NumericLessThan: { 's3:max-keys': 10 } } }],
    });
    expect(references).toEqual([
      { kind: 'pseudo', name: 'AWS::Partition' },
      { kind: 'resource', logicalId: 'Data', resourceType: 'AWS::S3::Bucket', attribute: 'Ref' },
    ]);
  });

  test('an Fn::If inside makes a choice of whole documents', () => {
    expect(value.JsonChoice).toEqual({ 'if HasLogs': ['{"Logs":"on"}', '{}'] });
  });
});
