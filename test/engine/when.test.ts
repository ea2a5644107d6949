/**
 * A finding seen in several `Fn::If` variants of one statement is one finding, and says only the
 * conditions that decide it: a typo outside every `Fn::If` is reported once, unconditionally.
 */
import { scanTemplate } from '../../src/engine/scan';
import { describeWhen, simplifyWhens } from '../../src/engine/when';
import type { Assumption } from '../../src/resolve/types';

const when = (spec: string): Assumption[] =>
  spec === '' ? [] : spec.split(' ').map((part) => ({ condition: part.replace(/^!/, ''), value: !part.startsWith('!') }));
const described = (branches: Assumption[][]) => branches.map(describeWhen).sort();

describe('simplifyWhens', () => {
  test('a condition seen both ways, all else equal, is dropped; all four branches of two conditions are no condition', () => {
    expect(described(simplifyWhens([when('A B'), when('A !B'), when('!A B'), when('!A !B')]))).toEqual(['']);
    expect(described(simplifyWhens([when('A B'), when('A !B')]))).toEqual(['when A is true']);
  });

  test('branches that do not pair up stay as they are, each once', () => {
    expect(described(simplifyWhens([when('A B'), when('!A !B'), when('A B')]))).toEqual(['when A is false and B is false', 'when A is true and B is true']);
  });

  test('the order in which a branch made its assumptions does not matter', () => {
    expect(described(simplifyWhens([[...when('A B')].reverse(), when('A !B'), when('!A')]))).toEqual(['']);
  });
});

const TEMPLATE = `Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  UsesArchive: !Equals [!Ref Env, archive]
Resources:
  Reports:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - s3:GetObjekt
              - !If [IsProd, sqs:SendMesage, !Ref AWS::NoValue]
            Resource: !If [UsesArchive, 'arn:aws:s3:::archive/*', 'arn:aws:s3:::reports/*']
`;

test('one typo in a statement with two Fn::If: one finding, unconditional; the typo inside an Fn::If says its condition', () => {
  const messages = scanTemplate(TEMPLATE, { file: 'reports.yaml' })
    .findings.filter((f) => f.ruleId === 'invalid-action')
    .map((f) => f.message);
  expect(messages).toEqual([
    expect.stringMatching(/^"s3:GetObjekt" is not an action of s3; did you mean [^(]*\?$/),
    expect.stringMatching(/^"sqs:SendMesage" is not an action of sqs; did you mean .*\? \(when IsProd is true\)$/),
  ]);
});
