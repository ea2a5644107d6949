import type { ResolvedNode, SymbolicNode } from '../../src/resolve/types';
import { readDocument, type DocumentInput } from '../../src/extract/document';
import { literalNode } from '../../src/resolve/json-text';
import type { DecidedNode } from '../../src/extract/variants';
import { ExtractFailure } from '../../src/extract/errors';

const AT = '/Resources/Role/Properties/Policies/0/PolicyDocument';

function read(node: ResolvedNode, overrides: Partial<DocumentInput> = {}) {
  return readDocument({ node: node as DecidedNode, when: [], kind: 'identity', format: 'object', property: 'PolicyDocument', ...overrides });
}

describe('readDocument', () => {
  it('reads a single-object Statement as statement 0 and a list statement by statement', () => {
    const single = read(literalNode({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' } }, AT));
    expect(single.problems).toEqual([]);
    expect(single.statements).toEqual([
      { index: 0, effect: 'Deny', actions: [{ value: 's3:DeleteBucket', at: AT }], resources: [{ value: '*', at: AT }], conditions: [], at: AT, when: [] },
    ]);
    const many = read(literalNode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }, { Sid: 'Logs', Effect: 'Allow', NotAction: ['iam:*'], NotResource: 'arn:aws:iam::*:*' }] }, AT));
    expect(many.statements.map((s) => [s.index, s.sid, s.actions?.length, s.notActions?.length, s.notResources?.length])).toEqual([
      [0, undefined, 1, undefined, undefined],
      [1, 'Logs', undefined, 1, 1],
    ]);
  });

  it('checks Version', () => {
    const wrong = read(literalNode({ Version: '2012-10-18', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, AT));
    expect(wrong.problems.map((p) => p.message)).toEqual([expect.stringContaining('Version "2012-10-18"')]);
    expect(read(literalNode({ Version: '2008-10-17', Statement: [] }, AT)).problems).toEqual([]);
  });

  it('reports policy variables in a document without Version (IAM would not substitute them)', () => {
    const document = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' }] };
    expect(read(literalNode(document, AT)).problems).toEqual([{ message: expect.stringContaining('no Version but uses policy variables'), at: AT }]);
    expect(read(literalNode({ Version: '2012-10-17', ...document }, AT)).problems).toEqual([]);
    expect(read(literalNode({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/*' }] }, AT)).problems).toEqual([]);
  });

  it('keeps what can be read of a malformed document, with a problem for each fault', () => {
    const result = read(
      literalNode(
        {
          Version: 'blah',
          BadProperty: 'test',
          Statement: [
            'not a statement',
            { Effect: 'NotAllow', Resource: '*', Principal: [123456789012] },
            { Effect: 'Deny', Action: 'iam:*', NotAction: 's3:*', Resource: '*', Extra: true },
          ],
        },
        AT,
      ),
    );
    expect(result.problems.map((p) => p.message)).toEqual([
      'PolicyDocument has an unknown key "BadProperty"',
      expect.stringContaining('Version "blah"'),
      'Statement 0 must be an object, not a string',
      expect.stringContaining('Statement 1 has Effect "NotAllow"'),
      'Statement 1 has neither Action nor NotAction',
      expect.stringContaining('Principal must be "*" or a map'),
      expect.stringContaining('written as a number'),
      'Statement 2 has an unknown key "Extra"',
      'Statement 2 has both Action and NotAction',
    ]);
    // Statement 1 counts as Allow (worst case), statement 2 keeps its Deny.
    expect(result.statements.map((s) => [s.index, s.effect])).toEqual([
      [1, 'Allow'],
      [2, 'Deny'],
    ]);
  });

  it('reports a Statement that is a string and a document without Statement', () => {
    expect(read(literalNode({ Version: '2012-10-17', Statement: 'Test' }, AT)).problems).toEqual([
      { message: 'Statement must be a list or an object, not a string', at: AT },
    ]);
    expect(read(literalNode({}, AT)).problems).toEqual([{ message: 'PolicyDocument has no Statement', at: AT }]);
  });

  it('reads each element of a document written as a list', () => {
    const result = read(literalNode([{ Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } }, { Statement: [] }], AT));
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringContaining('must be an object, not a list')]);
    expect(result.statements.map((s) => s.actions?.[0].value)).toEqual(['ec2:*']);
  });

  it('counts an Effect that cannot be known as Allow', () => {
    const node = literalNode({ Version: '2012-10-17', Statement: [{ Action: 's3:GetObject', Resource: '*' }] }, AT);
    const statement = (node as Extract<ResolvedNode, { kind: 'map' }>).entries.get('Statement') as Extract<ResolvedNode, { kind: 'list' }>;
    (statement.items[0] as Extract<ResolvedNode, { kind: 'map' }>).entries.set('Effect', { kind: 'unknown', reason: 'parameter Effect has no default', at: `${AT}/Statement/0/Effect` });
    const result = read(node);
    expect(result.statements[0].effect).toBe('Allow');
    expect(result.problems).toEqual([{ message: 'Statement 0 has an Effect that is not known statically (parameter Effect has no default); it is read as Allow', at: `${AT}/Statement/0/Effect` }]);
  });

  it('turns a document that cannot be known into an unknown grant, never into nothing', () => {
    const result = read({ kind: 'unknown', reason: 'parameter PolicyJson has no default', at: AT }, { kind: 'resource' });
    expect(result.problems).toEqual([{ message: 'PolicyDocument cannot be known statically: parameter PolicyJson has no default', at: AT }]);
    expect(result.statements).toEqual([
      {
        index: 0,
        effect: 'Allow',
        actions: [{ value: { kind: 'unknown', reason: 'parameter PolicyJson has no default' }, at: AT }],
        resources: [{ value: { kind: 'unknown', reason: 'parameter PolicyJson has no default' }, at: AT }],
        principals: [{ value: { type: 'unknown', value: { kind: 'unknown', reason: 'parameter PolicyJson has no default' } }, at: AT }],
        conditions: [],
        at: AT,
        when: [],
      },
    ]);
  });

  it('parses a literal JSON string and a string built with Fn::Sub, keeping its references', () => {
    const literal = read(
      { kind: 'scalar', value: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"es.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"*"}]}', at: AT },
      { format: 'json-string', kind: 'resource' },
    );
    expect(literal.problems).toEqual([]);
    expect(literal.statements[0].principals).toEqual([{ value: { type: 'service', service: 'es.amazonaws.com' }, at: AT }]);

    const logGroup = { kind: 'resource' as const, logicalId: 'AppLogs', resourceType: 'AWS::Logs::LogGroup', attribute: 'Ref' };
    const built: SymbolicNode = {
      kind: 'symbolic',
      at: AT,
      parts: ['{"Statement":[{"Effect":"Allow","Principal":{"AWS":"', { kind: 'pseudo', name: 'AWS::AccountId' }, '"},"Action":"logs:*","Resource":"arn:aws:logs:*:*:log-group:', logGroup, ':*"}]}'],
    };
    const symbolic = read(built, { format: 'json-string', kind: 'resource' });
    expect(symbolic.problems).toEqual([]);
    expect(symbolic.statements[0].principals).toEqual([
      { value: { type: 'account', account: { kind: 'symbolic', parts: [{ kind: 'pseudo', name: 'AWS::AccountId' }] } }, at: AT },
    ]);
    expect(symbolic.statements[0].resources).toEqual([{ value: { kind: 'symbolic', parts: ['arn:aws:logs:*:*:log-group:', logGroup, ':*'] }, at: AT }]);
  });

  it('says CloudFormation expects a string where the property is a JSON string, but still reads the object', () => {
    const result = read(literalNode({ Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] }, AT), { format: 'json-string' });
    expect(result.problems.map((p) => p.message)).toEqual(['CloudFormation expects PolicyDocument as a JSON string, not an object']);
    expect(result.statements).toHaveLength(1);
  });

  it('fails the resource when a JSON string is not JSON, naming the property', () => {
    expect(() => read({ kind: 'scalar', value: '{"Statement": [', at: AT })).toThrow(ExtractFailure);
    expect(() => read({ kind: 'scalar', value: '{"Statement": [', at: AT })).toThrow(/PolicyDocument is a string that is not valid JSON/);
  });
});
