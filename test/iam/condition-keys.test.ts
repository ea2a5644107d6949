import { actionsLackingConditionKey, conditionKeyInfo, getAction, isConditionKeyValidFor, isMultiValuedKey } from '../../src/iam';

const action = (name: string) => getAction(name)!;

describe('conditionKeyInfo', () => {
  it('knows global keys, case-insensitively', () => {
    expect(conditionKeyInfo('aws:SourceArn')).toMatchObject({ key: 'aws:SourceArn', type: 'ARN', global: true, multiValued: false });
    expect(conditionKeyInfo('AWS:sourceowner')).toMatchObject({ key: 'aws:SourceOwner', type: 'String' });
    expect(conditionKeyInfo('aws:SecureTransport')?.type).toBe('Bool');
    expect(conditionKeyInfo('aws:SourceIp')?.type).toBe('IPAddress');
  });

  it('matches concrete tag keys to templated keys', () => {
    expect(conditionKeyInfo('aws:ResourceTag/team')).toMatchObject({ key: 'aws:ResourceTag/${TagKey}', type: 'String' });
    expect(conditionKeyInfo('aws:PrincipalTag/cost-center')).toMatchObject({ key: 'aws:PrincipalTag/${TagKey}', global: true });
    expect(conditionKeyInfo('s3:ExistingObjectTag/classification')?.key).toBe('s3:ExistingObjectTag/<key>');
    // A template needs its variable filled in.
    expect(conditionKeyInfo('aws:ResourceTag/')).toBeUndefined();
  });

  it('knows service keys', () => {
    expect(conditionKeyInfo('s3:prefix')).toMatchObject({ key: 's3:prefix', type: 'String', global: false });
    expect(conditionKeyInfo('kms:ResourceAliases')).toMatchObject({ type: 'ArrayOfString', multiValued: true });
    expect(conditionKeyInfo('iam:PassedToService')?.type).toBe('String');
  });

  it('knows keys whose prefix is not a service (identity providers, SAML)', () => {
    expect(conditionKeyInfo('saml:aud')?.type).toBe('String');
    expect(conditionKeyInfo('token.actions.githubusercontent.com:repository')?.type).toBe('String');
  });

  it('knows the OIDC claims of any web-identity provider', () => {
    expect(conditionKeyInfo('token.actions.githubusercontent.com:sub')?.type).toBe('String');
    expect(conditionKeyInfo('oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud')?.type).toBe('String');
    expect(conditionKeyInfo('cognito-identity.amazonaws.com:amr')).toMatchObject({ type: 'ArrayOfString', multiValued: true });
  });

  it('returns undefined for keys IAM does not define', () => {
    expect(conditionKeyInfo('s3:nosuchkey')).toBeUndefined();
    expect(conditionKeyInfo('aws:SourceArnn')).toBeUndefined();
    expect(conditionKeyInfo('nosuchservice:key')).toBeUndefined();
    expect(conditionKeyInfo('noprefix')).toBeUndefined();
  });
});

describe('isMultiValuedKey', () => {
  it('is true for ArrayOf keys, false for single-valued ones, undefined when unknown', () => {
    expect(isMultiValuedKey('aws:TagKeys')).toBe(true);
    expect(isMultiValuedKey('aws:CalledVia')).toBe(true);
    expect(isMultiValuedKey('aws:SourceArn')).toBe(false);
    expect(isMultiValuedKey('s3:prefix')).toBe(false);
    expect(isMultiValuedKey('s3:nosuchkey')).toBeUndefined();
  });
});

describe('isConditionKeyValidFor', () => {
  it('accepts global keys for every action', () => {
    expect(isConditionKeyValidFor('aws:SourceArn', [action('s3:GetObject'), action('sqs:SendMessage')])).toBe(true);
    expect(isConditionKeyValidFor('aws:PrincipalOrgID', [action('kms:Decrypt')])).toBe(true);
  });

  it('accepts a service key only for the actions that list it', () => {
    expect(isConditionKeyValidFor('s3:prefix', [action('s3:ListBucket')])).toBe(true);
    expect(isConditionKeyValidFor('s3:prefix', [action('s3:GetObject')])).toBe(false);
    expect(actionsLackingConditionKey('s3:prefix', [action('s3:ListBucket'), action('s3:GetObject')]).map((a) => a.name)).toEqual([
      'GetObject',
    ]);
  });

  it('decides tag keys per action, as the reference lists them', () => {
    expect(isConditionKeyValidFor('aws:ResourceTag/team', [action('iam:PassRole')])).toBe(true);
    expect(isConditionKeyValidFor('aws:ResourceTag/team', [action('ec2:DescribeInstances')])).toBe(false);
    expect(isConditionKeyValidFor('aws:ResourceTag/team', [action('sts:GetCallerIdentity')])).toBe(false);
    expect(isConditionKeyValidFor('aws:RequestTag/team', [action('sqs:CreateQueue')])).toBe(true);
  });

  it('accepts keys offered through the resource type (kms:ResourceAliases on kms:Decrypt)', () => {
    expect(isConditionKeyValidFor('kms:ResourceAliases', [action('kms:Decrypt'), action('kms:GenerateDataKey')])).toBe(true);
  });

  it('accepts web-identity claims for AssumeRoleWithWebIdentity only', () => {
    const key = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub';
    expect(isConditionKeyValidFor(key, [action('sts:AssumeRoleWithWebIdentity')])).toBe(true);
    expect(isConditionKeyValidFor(key, [action('s3:GetObject')])).toBe(false);
  });

  it('rejects unknown keys', () => {
    expect(isConditionKeyValidFor('s3:nosuchkey', [action('s3:GetObject')])).toBe(false);
  });
});
