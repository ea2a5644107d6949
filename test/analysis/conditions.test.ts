import { allowRequirements, denyRequirement, keyMayBeAbsent } from '../../src/analysis/conditions';
import type { ConditionClause, Statement } from '../../src/extract/types';

const clause = (operator: string, key: string, ...values: (string | boolean)[]): ConditionClause => ({
  operator,
  key,
  values: values.map((value) => ({ value, at: '/x' })),
  at: '/x',
});

const statement = (...conditions: ConditionClause[]): Statement => ({ index: 0, effect: 'Allow', conditions, at: '/s', when: [] });

const required = (...conditions: ConditionClause[]) => allowRequirements(statement(...conditions)).map((r) => `${r.key}:${r.verdict}`);

describe('what an Allow condition requires', () => {
  it("the endpoint's account or organization pins the network, as the endpoint itself does", () => {
    expect(required(clause('StringEquals', 'aws:VpceAccount', '111122223333'))).toEqual(['aws:vpceaccount:narrow']);
    expect(required(clause('StringEquals', 'aws:VpceOrgID', 'o-a1b2c3d4e5'))).toEqual(['aws:vpceorgid:narrow']);
    expect(required(clause('StringLike', 'aws:VpceAccount', '1111*'))).toEqual([]);
  });

  it('fixed values of a key pin it', () => {
    expect(required(clause('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toEqual(['aws:principalorgid:narrow']);
    expect(required(clause('ArnEquals', 'aws:SourceArn', 'arn:aws:sns:eu-west-1:111122223333:orders'))).toEqual(['aws:sourcearn:narrow']);
  });

  it('"*" values, StringLike on "*" and wildcard identifiers do not', () => {
    expect(required(clause('StringEquals', 'aws:PrincipalOrgID', '*'))).toEqual([]);
    expect(required(clause('StringLike', 'aws:SourceArn', '*'))).toEqual([]);
    expect(required(clause('StringLike', 'aws:PrincipalOrgID', 'o-*'))).toEqual([]);
    expect(required(clause('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:*:orders'))).toEqual([]);
    // A bucket name pattern: anyone can create a bucket whose name matches.
    expect(required(clause('ArnLike', 'aws:SourceArn', 'arn:aws:s3:::logs-*'))).toEqual([]);
  });

  it('the policy a request attaches must be named: a wildcard in its name admits AdministratorAccess', () => {
    expect(required(clause('ArnLike', 'iam:PolicyARN', 'arn:aws:iam::aws:policy/*'))).toEqual([]);
    expect(required(clause('ArnEquals', 'iam:PolicyARN', 'arn:aws:iam::aws:policy/ReadOnlyAccess'))).toEqual(['iam:policyarn:narrow']);
    expect(required(clause('ArnLike', 'iam:PermissionsBoundary', 'arn:aws:iam::111122223333:policy/boundary-*'))).toEqual([]);
  });

  it('an ARN cut short by a wildcard leaves the account to it (StringLike * also matches colons)', () => {
    expect(required(clause('StringLike', 'aws:SourceArn', 'arn:aws:sns:*'))).toEqual([]);
    expect(required(clause('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*'))).toEqual([]);
    // Not an ARN: a key prefix with a wildcard still narrows what it names.
    expect(required(clause('StringLike', 'aws:userid', 'AROAEXAMPLEID:*'))).toEqual(['aws:userid:narrow']);
  });

  it('an address range that spans the internet pins no network; an organization-sized one does', () => {
    expect(required(clause('IpAddress', 'aws:SourceIp', '0.0.0.0/1', '128.0.0.0/1'))).toEqual([]);
    expect(required(clause('IpAddress', 'aws:SourceIp', '::/0'))).toEqual([]);
    expect(required(clause('IpAddress', 'aws:SourceIp', '2000::/3'))).toEqual([]);
    expect(required(clause('IpAddress', 'aws:SourceIp', '17.0.0.0/8', '2001:db8::/32'))).toEqual(['aws:sourceip:narrow']);
  });

  it('a wildcard after a named account or organization still pins', () => {
    expect(required(clause('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:111122223333:*'))).toEqual(['aws:sourcearn:narrow']);
    expect(required(clause('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/*'))).toEqual(['aws:principalorgpaths:narrow']);
  });

  it('IfExists restricts only keys every request carries', () => {
    expect(keyMayBeAbsent('aws:PrincipalOrgID')).toBe(true);
    expect(required(clause('StringEqualsIfExists', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toEqual([]);
    expect(required(clause('StringEqualsIfExists', 'aws:PrincipalAccount', '111122223333'))).toEqual(['aws:principalaccount:narrow']);
  });

  it('ForAllValues is true when the key is absent, unless a Null clause requires it', () => {
    const forAll = clause('ForAllValues:StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5');
    expect(required(forAll)).toEqual([]);
    expect(required(forAll, clause('Null', 'aws:PrincipalOrgID', 'false'))).toEqual(['aws:principalorgid:narrow']);
  });

  it('ForAnyValue on a single-valued key restricts like the plain operator (false when the key is absent)', () => {
    expect(required(clause('ForAnyValue:StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toEqual(['aws:principalorgid:narrow']);
  });

  it('negated operators and Null pin nothing in an Allow; unknown values are uncertain', () => {
    expect(required(clause('StringNotEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toEqual([]);
    expect(required(clause('Null', 'aws:SourceArn', 'false'))).toEqual([]);
    const unknown: ConditionClause = { operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: [{ value: { kind: 'unknown', reason: 'parameter' }, at: '/x' }], at: '/x' };
    expect(required(unknown)).toEqual(['aws:principalorgid:unknown']);
  });
});

describe('what a Deny condition leaves allowed', () => {
  it('a negated clause leaves the listed values', () => {
    expect(denyRequirement(clause('StringNotEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))?.key).toBe('aws:principalorgid');
    expect(denyRequirement(clause('StringNotEqualsIfExists', 'aws:SourceVpce', 'vpce-0123456789abcdef0'))?.key).toBe('aws:sourcevpce');
  });

  it('Bool false leaves true only where absent requests are denied too', () => {
    expect(denyRequirement(clause('Bool', 'aws:SecureTransport', 'false'))?.values.map((v) => v.value)).toEqual([true]);
    expect(denyRequirement(clause('Bool', 'aws:MultiFactorAuthPresent', 'false'))).toBeUndefined();
    expect(denyRequirement(clause('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false'))?.key).toBe('aws:multifactorauthpresent');
  });

  it('set qualifiers: ForAllValues negated on a single-valued key fires also without the key; ForAnyValue never does', () => {
    expect(denyRequirement(clause('ForAllValues:StringNotEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))?.key).toBe('aws:principalorgid');
    expect(denyRequirement(clause('ForAnyValue:StringNotEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toBeUndefined();
    expect(denyRequirement(clause('ForAllValues:StringNotEquals', 'aws:TagKeys', 'team'))).toBeUndefined();
  });

  it('a positive clause or a wildcard says nothing about what is left', () => {
    expect(denyRequirement(clause('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toBeUndefined();
    expect(denyRequirement(clause('StringNotLike', 'aws:PrincipalOrgID', '*'))).toBeUndefined();
  });
});
