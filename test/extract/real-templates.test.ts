/**
 * Real templates from public repositories (see test/fixtures/extract/README.md), including
 * deliberately broken ones: extraction reads what it can and reports the rest.
 */
import { extractFixture, onlyPolicy, policiesOf, summary } from './extract-template';

describe('malformed IAM (checkov cfn_bad_iam.yaml)', () => {
  const { extraction } = extractFixture('cfn_bad_iam.yaml');

  it('does not throw, and reports each fault with a pointer', () => {
    expect(extraction.errors).toEqual([]);
    const inline = policiesOf(extraction, 'rIamRole').find((p) => p.kind === 'identity')!;
    expect(inline.problems).toEqual([
      { message: 'PolicyDocument has an unknown key "BadProperty"', at: '/Resources/rIamRole/Properties/Policies/0/PolicyDocument/BadProperty' },
      { message: expect.stringContaining('Version "blah"'), at: '/Resources/rIamRole/Properties/Policies/0/PolicyDocument/Version' },
      { message: 'Statement must be a list or an object, not a string', at: '/Resources/rIamRole/Properties/Policies/0/PolicyDocument/Statement' },
    ]);
    const trust = policiesOf(extraction, 'rIamRole').find((p) => p.kind === 'trust')!;
    expect(trust.problems).toEqual([{ message: 'AssumeRolePolicyDocument has no Statement', at: '/Resources/rIamRole/Properties/AssumeRolePolicyDocument' }]);
  });

  it('reads the statement of a managed policy with a bad Effect as Allow, its numeric principal as an account', () => {
    const policy = onlyPolicy(extraction, 'rIamUser');
    expect(summary(policy)).toEqual(['Allow resources=* principals=account:123456789012']);
    expect(policy.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('Version "blah"'),
      expect.stringContaining('Effect "NotAllow"'),
      'Statement 0 has neither Action nor NotAction',
      expect.stringContaining('Principal must be "*" or a map'),
      expect.stringContaining('written as a number'),
    ]);
  });

  it('reads a document written as a list of Fn::If branches', () => {
    const policies = policiesOf(extraction, 'rIamPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) expect(policy.problems.map((p) => p.message)).toContain('PolicyDocument must be an object, not a list; each element is read as a document');
  });
});

describe('checkov cfn_bad_iam_pass.yaml', () => {
  it('does not throw on a list-shaped document with an empty statement, which grants nothing', () => {
    const { extraction } = extractFixture('cfn_bad_iam_pass.yaml');
    expect(extraction.errors).toEqual([]);
    const statements = extraction.policies.flatMap((p) => p.statements);
    expect(statements.map((s) => [s.actions, s.notActions, s.resources, s.when])).toEqual([[undefined, undefined, undefined, [{ condition: 'cCondition', value: true }]]]);
    expect(extraction.policies.flatMap((p) => p.problems.map((problem) => problem.message))).toEqual([
      'PolicyDocument must be an object, not a list; each element is read as a document',
      'Statement 0 has no Effect; it is read as Allow',
      'Statement 0 has neither Action nor NotAction',
    ]);
  });
});

describe('iam-policy-validator test_file_2.yml', () => {
  const { extraction } = extractFixture('iam-policy-validator-test_file_2.yml');

  it('extracts every policy-bearing resource', () => {
    expect(extraction.errors).toEqual([]);
    expect([...new Set(extraction.policies.map((p) => `${p.source.resourceType} ${p.kind}`))].sort()).toEqual([
      'AWS::IAM::Group identity',
      'AWS::IAM::Group managed-policy-reference',
      'AWS::IAM::ManagedPolicy identity',
      'AWS::IAM::Role identity',
      'AWS::IAM::Role managed-policy-reference',
      'AWS::IAM::Role trust',
      'AWS::IAM::User identity',
      'AWS::IAM::User managed-policy-reference',
      'AWS::S3::AccessPoint resource',
      'AWS::S3::BucketPolicy resource',
      'AWS::S3::MultiRegionAccessPointPolicy resource',
      'AWS::SQS::QueuePolicy resource',
      'AWS::SSO::PermissionSet identity',
      'AWS::SSO::PermissionSet managed-policy-reference',
      'AWS::SecretsManager::ResourcePolicy resource',
    ]);
  });

  it('ties the bucket policy to its bucket and reads both cross-account role principals', () => {
    const policy = onlyPolicy(extraction, 'ArtifactBucketPolicy');
    expect(policy.resources).toMatchObject([{ resourceType: 'AWS::S3::Bucket', logicalId: 'ArtifactBucket' }]);
    expect(policy.statements[0].principals?.map((p) => p.value)).toEqual([
      { type: 'iam-arn', arn: 'arn:aws:iam::111222333444:role/MyOtherRole', account: '111222333444' },
      { type: 'iam-arn', arn: 'arn:aws:iam::123456789123:role/MyOtherRole', account: '123456789123' },
    ]);
  });

  it('links the permission set to the in-template managed policy it names', () => {
    const references = policiesOf(extraction, 'MyPermissionSet').filter((p) => p.kind === 'managed-policy-reference');
    expect(references.map((p) => [p.managed?.logicalId, p.managed?.awsManagedName])).toEqual([
      ['MyManagedPolicy', undefined],
      [undefined, 'AWSLambdaBasicExecutionRole'],
    ]);
    expect(policiesOf(extraction, 'MyManagedPolicy')[0].attachedTo).toContainEqual({ kind: 'role', logicalId: 'MyPermissionSet' });
  });
});

describe('iam-policy-validator public_access_test.yml', () => {
  it('extracts the key, bucket, table bucket, API, CloudTrail, S3 Express, CodeArtifact and backup vault policies', () => {
    const { extraction } = extractFixture('iam-policy-validator-public_access_test.yml');
    expect(extraction.errors).toEqual([]);
    const resourceTypes = extraction.policies.filter((p) => p.kind === 'resource').map((p) => p.source.resourceType);
    expect([...new Set(resourceTypes)].sort()).toEqual([
      'AWS::ApiGateway::RestApi',
      'AWS::Backup::BackupVault',
      'AWS::CloudTrail::ResourcePolicy',
      'AWS::CodeArtifact::Domain',
      'AWS::KMS::Key',
      'AWS::S3::BucketPolicy',
      'AWS::S3Express::AccessPoint',
      'AWS::S3Tables::TableBucketPolicy',
    ]);
    for (const policy of extraction.policies.filter((p) => p.kind === 'resource')) expect(policy.statements.length).toBeGreaterThan(0);
  });
});
