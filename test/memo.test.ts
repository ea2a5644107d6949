import { memoized, memoizedPair, TextKeyedMemo } from '../src/memo';

test('memoized computes once per key object and keeps falsy answers', () => {
  const memo = new WeakMap<object, boolean>();
  const compute = jest.fn(() => false);
  const key = {};
  expect(memoized(memo, key, compute)).toBe(false);
  expect(memoized(memo, key, compute)).toBe(false);
  expect(memoized(memo, {}, compute)).toBe(false);
  expect(compute).toHaveBeenCalledTimes(2);
});

test('memoizedPair keeps one answer per second key under each first key', () => {
  const memo = new WeakMap<object, Map<string, number>>();
  const document = {};
  let calls = 0;
  const ask = (kind: string) => memoizedPair(memo, document, kind, () => ++calls);
  expect([ask('identity'), ask('resource'), ask('identity')]).toEqual([1, 2, 1]);
});

describe('TextKeyedMemo', () => {
  test('answers equal text once, whatever string object carries it', () => {
    const memo = new TextKeyedMemo<number>();
    const text = 'Resources: arn:aws:s3:::reports/daily/* and more';
    const compute = jest.fn((key: string) => key.length);
    expect(memo.get(text.slice(11, 39), compute)).toBe(28);
    expect(memo.get(`arn:aws:s3:::${'reports'}/daily/*`, compute)).toBe(28);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(compute).toHaveBeenCalledWith('arn:aws:s3:::reports/daily/*');
  });

  test('starts over when full, so that its size does not follow the corpus', () => {
    const memo = new TextKeyedMemo<string>(2);
    const compute = jest.fn((key: string) => key.toUpperCase());
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) memo.get(key, compute);
    // a, b computed; c found it full and started over; a again; b computed again
    expect(compute.mock.calls.map(([key]) => key)).toEqual(['a', 'b', 'c', 'a', 'b']);
  });
});
