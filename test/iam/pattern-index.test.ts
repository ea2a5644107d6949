import fc from 'fast-check';
import { actionPatternMatches, getAction, PatternIndex, type ActionInfo } from '../../src/iam';

const action = (name: string): ActionInfo => {
  const info = getAction(name);
  if (!info) throw new Error(`${name} is not in the reference`);
  return info;
};

const ACTIONS = ['iam:PassRole', 's3:GetObject', 'lambda:CreateFunction', 'sts:AssumeRole'].map(action);

test('finds the first pattern in the order written, whether it names the service or has a wildcard one', () => {
  const index = new PatternIndex<number>([
    ['s3:Get*', 0],
    ['*:Pass*', 1],
    ['IAM:passrole', 2],
    ['lambda:*', 3],
  ]);
  expect(index.first(action('iam:PassRole'))).toBe(1);
  expect(index.first(action('s3:GetObject'))).toBe(0);
  expect(index.first('lambda:CreateFunction')).toBe(3);
  expect(index.first(action('sts:AssumeRole'))).toBeUndefined();
});

test('answers what a search of the whole list in order answers', () => {
  const pattern = fc.oneof(
    fc.constantFrom('*', 'iam:*', 'IAM:Pass*', 's3:Get*', '*:Get*', 's?:GetObject', 'sts:AssumeRole', ' iam:PassRole ', 'lambda:Create?unction', 'iam', 'iam*'),
    fc.string({ maxLength: 6 }),
  );
  fc.assert(
    fc.property(fc.array(pattern, { maxLength: 12 }), (patterns) => {
      const index = new PatternIndex(patterns.map((p, i) => [p, i] as const));
      for (const a of ACTIONS) {
        const linear = patterns.findIndex((p) => actionPatternMatches(p, a));
        expect(index.first(a)).toBe(linear === -1 ? undefined : linear);
      }
    }),
  );
});
