import { ResourceMemo } from '../../src/iam/resource-memo';
import { resourceShapeKey, resourceTokens } from '../../src/iam/arn-tokens';
import type { ResolvedString, StringPart } from '../../src/resolve/types';

const bucket = (): ResolvedString => ({ kind: 'symbolic', parts: ['arn:', { kind: 'pseudo', name: 'AWS::Partition' }, ':s3:::data/*'] });
const queueArn = (logicalId: string): StringPart => ({ kind: 'resource', logicalId, resourceType: 'AWS::SQS::Queue', attribute: 'Arn' });
const tableName = (logicalId: string, knownValue?: string): StringPart => ({
  kind: 'resource',
  logicalId,
  resourceType: 'AWS::DynamoDB::Table',
  attribute: 'Ref',
  ...(knownValue !== undefined && { knownValue }),
});

test('an answer is computed once per resource, whether asked with the same object or a fresh copy', () => {
  const memo = new ResourceMemo<number>();
  const compute = jest.fn(() => 1);
  const first = bucket();
  memo.get(first, compute);
  memo.get(first, compute);
  memo.get(bucket(), compute);
  memo.get('arn:aws:s3:::data/*', compute);
  memo.get('arn:aws:s3:::data/*', compute);
  expect(compute).toHaveBeenCalledTimes(2);
});

test('resources that ARN matching cannot tell apart share an answer: references to different resources of one type', () => {
  const memo = new ResourceMemo<string>();
  memo.get({ kind: 'symbolic', parts: [queueArn('Orders'), '/*'] }, () => 'first');
  expect(memo.get({ kind: 'symbolic', parts: [queueArn('Invoices'), '/*'] }, () => 'recomputed')).toBe('first');
});

// Every pair of these gives different tokens: none may take another's answer.
const distinct: ResolvedString[] = [
  'ab',
  'a*',
  'a?',
  '${aws:username}',
  { kind: 'symbolic', parts: ['${aws:', 'username}'] },
  { kind: 'symbolic', parts: ['a","b'] },
  { kind: 'unknown', reason: 'ab' },
  { kind: 'symbolic', parts: [{ kind: 'pseudo', name: 'AWS::Region' }] },
  { kind: 'symbolic', parts: [{ kind: 'pseudo', name: 'AWS::AccountId' }] },
  { kind: 'symbolic', parts: [queueArn('Orders')] },
  { kind: 'symbolic', parts: ['arn:', queueArn('Orders')] },
  { kind: 'symbolic', parts: ['table/', tableName('Orders')] },
  { kind: 'symbolic', parts: ['table/', { kind: 'resource', logicalId: 'P', resourceType: 'AWS::SSM::Parameter', attribute: 'Ref' }] },
  { kind: 'symbolic', parts: ['table/', tableName('Orders', 'orders')] },
  { kind: 'symbolic', parts: ['table/', tableName('Orders', 'o*')] },
  { kind: 'symbolic', parts: ['table/', { kind: 'unknown', reason: 'a parameter' }] },
];

test('resources with different tokens never share an answer, however their pieces are cut', () => {
  const tokens = distinct.map((resource) => JSON.stringify(resourceTokens(resource), (_, v: unknown) => (v instanceof Set ? [...v] : v)));
  expect(new Set(tokens).size).toBe(distinct.length);
  const memo = new ResourceMemo<string>();
  distinct.forEach((resource, i) => memo.get(resource, () => `answer ${i}`));
  expect(distinct.map((resource) => memo.get(structuredClone(resource), () => 'recomputed'))).toEqual(distinct.map((_, i) => `answer ${i}`));
});

test('the shape key tells apart every list of parts, literal text included', () => {
  const cuts: ResolvedString[] = [
    { kind: 'symbolic', parts: ['ab', 'c'] },
    { kind: 'symbolic', parts: ['a', 'bc'] },
    { kind: 'symbolic', parts: ['1"a'] },
    { kind: 'symbolic', parts: ['1', '"a'] },
  ];
  expect(new Set(cuts.map(resourceShapeKey)).size).toBe(cuts.length);
});
