/**
 * Property: whatever intrinsics combine them, unknown values never turn into a wildcard and
 * resolution never fails with anything but a ResolveError.
 */
import fc from 'fast-check';
import { createResolver, ResolveError } from '../../src/resolve';
import type { AbsentNode, ResolvedNode } from '../../src/resolve';
import type { TemplateValue } from '../../src/template/types';
import { templateOf } from './helpers';

const body = (value: TemplateValue) => ({
  Parameters: { NoDefault: { Type: 'String' }, Names: { Type: 'CommaDelimitedList', Default: 'a,b' }, Flag: { Type: 'String' } },
  Conditions: { Open: { 'Fn::Equals': [{ Ref: 'Flag' }, 'on'] } },
  Mappings: { M: { 'us-east-1': { K: 'east' }, 'eu-west-1': { K: 'west' } } },
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket' },
    Custom: { Type: 'Custom::Thing' },
    P: { Type: 'AWS::IAM::Policy', Properties: { X: value } },
  },
});

const leaf: fc.Arbitrary<TemplateValue> = fc.constantFrom<TemplateValue>(
  'a',
  '',
  'arn:aws:s3:::data',
  7,
  { Ref: 'NoDefault' },
  { Ref: 'Names' },
  { Ref: 'Bucket' },
  { Ref: 'AWS::Region' },
  { Ref: 'AWS::NoValue' },
  { Ref: 'AWS::NotificationARNs' },
  { 'Fn::GetAZs': '' },
  { 'Fn::ImportValue': 'not-exported' },
  { 'Fn::GetAtt': ['Custom', 'Value'] },
  { 'Fn::Base64': 'x' },
  { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] },
);

const { value } = fc.letrec<{ value: TemplateValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }).map((items) => ({ 'Fn::Join': [',', items] })),
    fc.tuple(tie('value'), tie('value')).map(([a, b]) => ({ 'Fn::Sub': ['${a}/${b}', { a, b }] })),
    fc.tuple(fc.nat(3), fc.array(tie('value'), { maxLength: 3 })).map(([i, items]) => ({ 'Fn::Select': [i, items] })),
    tie('value').map((source) => ({ 'Fn::Split': [',', source] })),
    fc.tuple(tie('value'), tie('value')).map(([a, b]) => ({ 'Fn::If': ['Open', a, b] })),
    tie('value').map((inner) => ({ 'Fn::ToJsonString': { k: inner } })),
    tie('value').map((inner) => ({ 'Fn::Length': inner })),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
}));

function literals(node: ResolvedNode | AbsentNode | undefined, out: string[] = []): string[] {
  if (node === undefined) return out;
  switch (node.kind) {
    case 'scalar':
      if (typeof node.value === 'string') out.push(node.value);
      break;
    case 'symbolic':
      node.parts.forEach((p) => typeof p === 'string' && out.push(p));
      break;
    case 'list':
      node.items.forEach((item) => literals(item, out));
      break;
    case 'map':
      node.entries.forEach((item) => literals(item, out));
      break;
    case 'choice':
      literals(node.whenTrue, out);
      literals(node.whenFalse, out);
      break;
  }
  return out;
}

test('no combination of intrinsics turns an unknown into a wildcard or crashes', () => {
  fc.assert(
    fc.property(value, (generated) => {
      const resolver = createResolver(templateOf(body(generated)));
      try {
        const node = resolver.resolveAt('/Resources/P/Properties/X');
        expect(literals(node).filter((text) => text.includes('*'))).toEqual([]);
      } catch (error) {
        if (!(error instanceof ResolveError)) throw error;
      }
    }),
    { numRuns: 500, seed: 20240601 },
  );
});
