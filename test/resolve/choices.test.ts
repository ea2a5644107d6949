import { createResolver, MAX_ALTERNATIVES, ResolveError } from '../../src/resolve';
import type { AbsentNode, ResolvedNode } from '../../src/resolve';
import type { TemplateObject } from '../../src/template/types';
import { show, templateOf, yamlTemplate } from './helpers';

const template = yamlTemplate(`
Parameters:
  Env:
    Type: String
    Default: dev
  UseLogs:
    Type: String
    Default: 'false'
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  HasLogs: !Equals [!Ref UseLogs, 'true']
Resources:
  Data:
    Type: AWS::S3::Bucket
  Logs:
    Type: AWS::S3::Bucket
  P:
    Type: AWS::IAM::Policy
    Properties:
      JoinLifted: !Join ['', ['arn:aws:s3:::', !If [IsProd, prod-data, dev-data], '/*']]
      SubLifted:
        Fn::Sub:
          - 'arn:aws:s3:::\${Name}/*'
          - Name: !If [IsProd, !Ref Data, !Ref Logs]
      SelectLifted: !Select [1, [!If [HasLogs, logs, !Ref AWS::NoValue], first, second]]
      TwoChoices: !Join [',', [!If [IsProd, a, b], !If [HasLogs, c, d]]]
      SameConditionTwice: !Join [',', [!If [IsProd, a, b], !If [IsProd, c, d]]]
      JoinDropsItem: !Join [',', [x, !If [HasLogs, y, !Ref AWS::NoValue]]]
      InMap:
        Keep: yes
        Maybe: !If [HasLogs, on, !Ref AWS::NoValue]
        Gone: !If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]
      InList:
        - plain
        - !If [IsProd, prod-only, !Ref AWS::NoValue]
        - !Ref AWS::NoValue
      WholeNoValue: !If [IsProd, !Ref AWS::NoValue, kept]
`);

const resolver = createResolver(template);
const value = show(resolver.resolveAt('/Resources/P/Properties')) as Record<string, unknown>;

test('an Fn::If inside Fn::Join makes a choice of the whole join', () => {
  expect(value.JoinLifted).toEqual({ 'if IsProd': ['arn:aws:s3:::prod-data/*', 'arn:aws:s3:::dev-data/*'] });
});

test('an Fn::If among Fn::Sub variables makes a choice of the whole string', () => {
  expect(value.SubLifted).toEqual({ 'if IsProd': ['arn:aws:s3:::${Data}/*', 'arn:aws:s3:::${Logs}/*'] });
});

test('Fn::Select sees the list each branch leaves: a removed item moves the others', () => {
  expect(value.SelectLifted).toEqual({ 'if HasLogs': ['first', 'second'] });
});

test('two open conditions give every combination; one condition is never both true and false', () => {
  expect(value.TwoChoices).toEqual({ 'if IsProd': [{ 'if HasLogs': ['a,c', 'a,d'] }, { 'if HasLogs': ['b,c', 'b,d'] }] });
  expect(value.SameConditionTwice).toEqual({ 'if IsProd': ['a,c', 'b,d'] });
  expect(value.JoinDropsItem).toEqual({ 'if HasLogs': ['x,y', 'x'] });
});

test('in maps and lists a choice stays where it is; AWS::NoValue removes the key or element', () => {
  expect(value.InMap).toEqual({ Keep: 'yes', Maybe: { 'if HasLogs': ['on', '<absent>'] } });
  expect(value.InList).toEqual(['plain', { 'if IsProd': ['prod-only', '<absent>'] }]);
  expect(value.WholeNoValue).toEqual({ 'if IsProd': ['<absent>', 'kept'] });
});

test(`more than ${MAX_ALTERNATIVES} combinations in one value is a ResolveError, not a guess`, () => {
  const names = Array.from({ length: 7 }, (_, i) => `C${i}`);
  const body: TemplateObject = {
    Parameters: { Flag: { Type: 'String' } },
    Conditions: Object.fromEntries(names.map((n) => [n, { 'Fn::Equals': [{ Ref: 'Flag' }, n] }])),
    Resources: {
      P: {
        Type: 'AWS::IAM::Policy',
        Properties: { Six: { 'Fn::Join': ['', names.slice(0, 6).map((n) => ({ 'Fn::If': [n, 'a', 'b'] }))] }, Seven: { 'Fn::Join': ['', names.map((n) => ({ 'Fn::If': [n, 'a', 'b'] }))] } },
      },
    },
  };
  const many = createResolver(templateOf(body));
  const leaves = (node: ResolvedNode | AbsentNode): number => (node.kind === 'choice' ? leaves(node.whenTrue) + leaves(node.whenFalse) : 1);
  const six = many.resolveAt('/Resources/P/Properties/Six');
  expect(six && leaves(six)).toBe(MAX_ALTERNATIVES);
  expect(() => many.resolveAt('/Resources/P/Properties/Seven')).toThrow(ResolveError);
  expect(() => many.resolveAt('/Resources/P/Properties/Seven')).toThrow(/too many Fn::If combinations/);
});
