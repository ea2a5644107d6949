import type { ResolvedString, StringPart } from '../../src/resolve/types';
import type { PolicyProblem } from '../../src/extract/types';
import { awsPrincipal, bareValuePrincipal, normalizePrincipals } from '../../src/extract/principals';
import { literalNode } from '../../src/resolve/json-text';
import { expandChoices, type FixedNode } from '../../src/extract/variants';

const partition: StringPart = { kind: 'pseudo', name: 'AWS::Partition' };
const accountId: StringPart = { kind: 'pseudo', name: 'AWS::AccountId' };
const symbolic = (...parts: StringPart[]): ResolvedString => ({ kind: 'symbolic', parts });

function fixed(value: Parameters<typeof literalNode>[0], at = '/Principal'): FixedNode {
  return expandChoices(literalNode(value, at), [])[0].value!;
}

describe('awsPrincipal', () => {
  it('reads "*" as public', () => {
    expect(awsPrincipal('*')).toEqual({ type: 'public' });
  });

  it('reads a 12-digit id, a root ARN and this account as accounts', () => {
    expect(awsPrincipal('111122223333')).toEqual({ type: 'account', account: '111122223333' });
    expect(awsPrincipal('arn:aws:iam::111122223333:root')).toEqual({ type: 'account', account: '111122223333' });
    expect(awsPrincipal('arn:aws-us-gov:iam::111122223333:root')).toEqual({ type: 'account', account: '111122223333' });
    expect(awsPrincipal(symbolic(accountId))).toEqual({ type: 'account', account: symbolic(accountId) });
    // !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
    expect(awsPrincipal(symbolic('arn:', partition, ':iam::', accountId, ':root'))).toEqual({ type: 'account', account: symbolic(accountId) });
  });

  it('reads other IAM ARNs with the account parsed from them', () => {
    expect(awsPrincipal('arn:aws:iam::111122223333:role/deployer')).toEqual({
      type: 'iam-arn',
      arn: 'arn:aws:iam::111122223333:role/deployer',
      account: '111122223333',
    });
    expect(awsPrincipal('arn:aws:sts::444455556666:assumed-role/admin/jane')).toMatchObject({ type: 'iam-arn', account: '444455556666' });
  });

  it('keeps the in-template role a GetAtt Arn refers to', () => {
    const role = { kind: 'resource' as const, logicalId: 'BuildRole', resourceType: 'AWS::IAM::Role', attribute: 'Ref' };
    const arn = symbolic('arn:', partition, ':iam::', accountId, ':role/', role);
    expect(awsPrincipal(arn)).toEqual({ type: 'iam-arn', arn, account: symbolic(accountId), ref: role });
  });

  it('keeps an unknown value unknown, never public', () => {
    const unknown: ResolvedString = { kind: 'unknown', reason: 'parameter TrustedPrincipal has no default and no value was given' };
    expect(awsPrincipal(unknown)).toEqual({ type: 'unknown', value: unknown });
  });
});

describe('bareValuePrincipal (Lambda::Permission Principal)', () => {
  it('tells services from accounts and ARNs', () => {
    expect(bareValuePrincipal('s3.amazonaws.com')).toEqual({ type: 'service', service: 's3.amazonaws.com' });
    expect(bareValuePrincipal('alexa-appkit.amazon.com')).toEqual({ type: 'service', service: 'alexa-appkit.amazon.com' });
    const regional = symbolic('logs.', { kind: 'pseudo', name: 'AWS::Region' }, '.amazonaws.com');
    expect(bareValuePrincipal(regional)).toEqual({ type: 'service', service: regional });
    expect(bareValuePrincipal('123456789012')).toEqual({ type: 'account', account: '123456789012' });
    expect(bareValuePrincipal(symbolic(accountId))).toEqual({ type: 'account', account: symbolic(accountId) });
    expect(bareValuePrincipal('*')).toEqual({ type: 'public' });
    expect(bareValuePrincipal('arn:aws:iam::123456789012:role/caller.v2')).toMatchObject({ type: 'iam-arn', account: '123456789012' });
  });
});

describe('normalizePrincipals', () => {
  it('types every value of every principal key, each at its own pointer', () => {
    const problems: PolicyProblem[] = [];
    const node: FixedNode = {
      kind: 'map',
      at: '/P',
      entries: new Map<string, FixedNode>([
        ['AWS', { kind: 'list', at: '/P/AWS', items: [{ kind: 'scalar', value: '*', at: '/P/AWS/0' }, { kind: 'scalar', value: 'arn:aws:iam::111122223333:root', at: '/P/AWS/1' }] }],
        ['Service', { kind: 'scalar', value: 'lambda.amazonaws.com', at: '/P/Service' }],
        ['Federated', { kind: 'scalar', value: 'cognito-identity.amazonaws.com', at: '/P/Federated' }],
        ['CanonicalUser', { kind: 'scalar', value: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', at: '/P/CanonicalUser' }],
      ]),
    };
    expect(normalizePrincipals(node, 'Principal', problems)).toEqual([
      { value: { type: 'public' }, at: '/P/AWS/0' },
      { value: { type: 'account', account: '111122223333' }, at: '/P/AWS/1' },
      { value: { type: 'service', service: 'lambda.amazonaws.com' }, at: '/P/Service' },
      { value: { type: 'federated', provider: 'cognito-identity.amazonaws.com' }, at: '/P/Federated' },
      { value: { type: 'canonical-user', id: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }, at: '/P/CanonicalUser' },
    ]);
    expect(problems).toEqual([]);
  });

  it('reads "*" and {AWS: "*"} as public', () => {
    expect(normalizePrincipals(fixed('*'), 'Principal', []).map((p) => p.value)).toEqual([{ type: 'public' }]);
    expect(normalizePrincipals(fixed({ AWS: '*' }), 'Principal', []).map((p) => p.value)).toEqual([{ type: 'public' }]);
  });

  it('formats an account id written as a YAML number as 12 digits, with a problem', () => {
    const problems: PolicyProblem[] = [];
    const principals = normalizePrincipals(fixed({ AWS: [12345678901] }), 'Principal', problems);
    expect(principals.map((p) => p.value)).toEqual([{ type: 'account', account: '012345678901' }]);
    expect(problems).toEqual([{ message: expect.stringContaining('012345678901 in Principal is written as a number'), at: '/Principal' }]);
  });

  it('reports a wildcard inside an account ARN or a service name, which IAM refuses; "*" alone is everyone', () => {
    const problems: PolicyProblem[] = [];
    normalizePrincipals(fixed({ AWS: ['arn:aws:iam::*:root', 'arn:aws:iam::123456789012:role/app-?', '*'], Service: '*.amazonaws.com', Federated: 'cognito-identity.amazonaws.com' }), 'Principal', problems);
    expect(problems.map((p) => p.message)).toEqual([
      'Principal arn:aws:iam::*:root has a wildcard inside it: IAM takes "*" alone for everyone, and no wildcard within a principal',
      'Principal arn:aws:iam::123456789012:role/app-? has a wildcard inside it: IAM takes "*" alone for everyone, and no wildcard within a principal',
      'Principal *.amazonaws.com has a wildcard inside it: IAM takes "*" alone for everyone, and no wildcard within a principal',
    ]);
  });

  it('reports an unknown principal type and a principal that is neither "*" nor a map', () => {
    const problems: PolicyProblem[] = [];
    expect(normalizePrincipals(fixed({ Users: 'jane' }), 'Principal', problems).map((p) => p.value.type)).toEqual(['unknown']);
    expect(normalizePrincipals(fixed('123456789012'), 'NotPrincipal', problems).map((p) => p.value)).toEqual([{ type: 'account', account: '123456789012' }]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown principal type "Users"'),
      expect.stringContaining('NotPrincipal must be "*" or a map'),
    ]);
  });
});
