import {
  actionPatternMatches,
  expandActionPattern,
  expandActionPatternAcrossServices,
  loadedServices,
  type ActionPatternExpansion,
} from '../../src/iam';

function names(expansion: ActionPatternExpansion): string[] {
  if (expansion.kind !== 'actions') throw new Error(`expected actions, got ${JSON.stringify(expansion)}`);
  return expansion.actions.map((action) => action.qualifiedName);
}

describe('expandActionPattern', () => {
  it('expands s3:Get* to the s3 actions starting with Get, sorted', () => {
    const actions = names(expandActionPattern('s3:Get*'));
    expect(actions).toContain('s3:GetObject');
    expect(actions).toContain('s3:GetBucketPolicy');
    expect(actions).not.toContain('s3:PutObject');
    expect(actions.every((name) => name.startsWith('s3:Get'))).toBe(true);
    expect(actions).toEqual([...actions].sort());
  });

  it('matches * anywhere in the name: iam:*Policy*', () => {
    const actions = names(expandActionPattern('iam:*Policy*'));
    expect(actions).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy', 'iam:GetPolicy']));
    expect(actions).not.toContain('iam:PassRole');
  });

  it('matches ? as exactly one character: ec2:Describe?nstances', () => {
    expect(names(expandActionPattern('ec2:Describe?nstances'))).toEqual(['ec2:DescribeInstances']);
    expect(expandActionPattern('ec2:Describe?Instances').kind).toBe('no-match');
  });

  it('expands s3:* to every s3 action', () => {
    const actions = names(expandActionPattern('s3:*'));
    expect(actions.length).toBeGreaterThan(100);
    expect(actions.every((name) => name.startsWith('s3:'))).toBe(true);
  });

  it('is case-insensitive in the service and the action, and returns canonical names', () => {
    expect(names(expandActionPattern('S3:getobject'))).toEqual(['s3:GetObject']);
    expect(names(expandActionPattern('SNS:publish'))).toEqual(['sns:Publish']);
    expect(names(expandActionPattern('IAM:passrole*'))).toEqual(['iam:PassRole']);
  });

  it('tells an unknown service from an action that matches nothing', () => {
    expect(expandActionPattern('s4:GetObject')).toEqual({ kind: 'unknown-service', service: 's4' });
    expect(expandActionPattern('s3:GetObjct')).toEqual({ kind: 'no-match', service: 's3', actionPattern: 'GetObjct' });
    // Real templates contain API operation names that are not IAM actions.
    expect(expandActionPattern('sqs:DeleteMessageBatch').kind).toBe('no-match');
  });

  it('answers * and *:* with a marker instead of loading every service', () => {
    expect(expandActionPattern('*')).toEqual({ kind: 'all-actions' });
    expect(expandActionPattern('*:*')).toEqual({ kind: 'all-actions' });
    expect(expandActionPattern('*:Get*')).toEqual({ kind: 'cross-service', servicePattern: '*', actionPattern: 'Get*' });
  });

  it('reports malformed patterns', () => {
    expect(expandActionPattern('s3GetObject').kind).toBe('malformed');
    expect(expandActionPattern('s3:').kind).toBe('malformed');
    expect(expandActionPattern('s3:Get:Object').kind).toBe('malformed');
  });
});

describe('expandActionPatternAcrossServices', () => {
  it('loads only the services whose prefix matches', () => {
    const before = new Set(loadedServices());
    const actions = names(expandActionPatternAcrossServices('s?s:SendMessage'));
    expect(actions).toEqual(['sms:SendMessage', 'sqs:SendMessage']);
    const loadedNow = loadedServices().filter((prefix) => !before.has(prefix));
    expect(loadedNow).toContain('sms');
    expect(loadedNow.every((prefix) => /^s.s$/.test(prefix))).toBe(true);
  });

  it('expands cross-service patterns, sorted by qualified name', () => {
    const actions = names(expandActionPatternAcrossServices('s3*:GetObject'));
    expect(actions).toContain('s3:GetObject');
    expect(actions).toEqual([...actions].sort());
    expect(expandActionPatternAcrossServices('zz*:Get*')).toEqual({ kind: 'unknown-service', service: 'zz*' });
  });
});

describe('actionPatternMatches', () => {
  it('tests one action against a pattern as written, case-insensitively', () => {
    expect(actionPatternMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionPatternMatches('S3:GET*', 's3:GetObject')).toBe(true);
    expect(actionPatternMatches('s3:Put*', 's3:GetObject')).toBe(false);
    expect(actionPatternMatches('*', 'iam:PassRole')).toBe(true);
    expect(actionPatternMatches('iam:Pass?ole', 'iam:PassRole')).toBe(true);
    // A dot is literal, not a regular-expression wildcard.
    expect(actionPatternMatches('s3:Get.bject', 's3:GetObject')).toBe(false);
  });
});
