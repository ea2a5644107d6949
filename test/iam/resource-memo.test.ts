import { ResourceMemo } from '../../src/iam/resource-memo';
import type { ResolvedString } from '../../src/resolve/types';

const bucket = (): ResolvedString => ({ kind: 'symbolic', parts: ['arn:', { kind: 'pseudo', name: 'AWS::Partition' }, ':s3:::data/*'] });

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

test('different resources never share an answer, however their pieces are cut', () => {
  const memo = new ResourceMemo<string>();
  const resources: ResolvedString[] = [
    'ab',
    { kind: 'symbolic', parts: ['ab'] },
    { kind: 'symbolic', parts: ['a', 'b'] },
    { kind: 'symbolic', parts: ['a","b'] },
    { kind: 'unknown', reason: 'ab' },
    { kind: 'symbolic', parts: [{ kind: 'pseudo', name: 'AWS::Region' }] },
    { kind: 'symbolic', parts: [{ kind: 'pseudo', name: 'AWS::AccountId' }] },
  ];
  resources.forEach((resource, i) => memo.get(resource, () => `answer ${i}`));
  expect(resources.map((resource) => memo.get(resource, () => 'recomputed'))).toEqual(resources.map((_, i) => `answer ${i}`));
});
