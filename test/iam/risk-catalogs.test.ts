import {
  actionRisks,
  credentialsExposureCatalog,
  dataExfiltrationCatalog,
  getAction,
  isResourceExposureAction,
  privilegeEscalationCatalog,
  readsOnlyMetadata,
  resourceExposureCatalog,
} from '../../src/iam';

const catalogs = () => [privilegeEscalationCatalog(), credentialsExposureCatalog(), dataExfiltrationCatalog(), resourceExposureCatalog()];

describe('risk catalogues', () => {
  it('load, and each cites sources with titles and URLs', () => {
    for (const catalog of catalogs()) {
      expect(catalog.sources.length).toBeGreaterThan(0);
      for (const source of catalog.sources) {
        expect(source.title).not.toBe('');
        expect(source.url).toMatch(/^https:\/\//);
      }
    }
  });

  it('name only actions that exist in the IAM reference, in canonical case', () => {
    const named = [
      ...privilegeEscalationCatalog().methods.flatMap((method) => method.actions),
      ...credentialsExposureCatalog().actions.map((entry) => entry.action),
      ...dataExfiltrationCatalog().actions.map((entry) => entry.action),
    ];
    const problems = named.filter((name) => getAction(name)?.qualifiedName !== name);
    expect(problems).toEqual([]);
  });

  it('give a reason for every action a source lists but the catalogue leaves out', () => {
    const excluded = [...credentialsExposureCatalog().excluded, ...dataExfiltrationCatalog().excluded];
    expect(excluded.map((entry) => entry.action)).toEqual(expect.arrayContaining(['sts:GetSessionToken', 'ecr:GetAuthorizationToken', 'kms:Decrypt']));
    for (const entry of excluded) expect(entry.explanation.length).toBeGreaterThan(20);
  });

  it('have unique escalation method ids, and pass-role methods say which service gets the role', () => {
    const methods = privilegeEscalationCatalog().methods;
    expect(new Set(methods.map((method) => method.id)).size).toBe(methods.length);
    for (const method of methods.filter((m) => m.actions.includes('iam:PassRole'))) {
      expect(method.passRoleTo).toMatch(/\.amazonaws\.com$/);
      expect(method.actions.length).toBeGreaterThan(1);
    }
  });

  it('cover the single-action escalations and the pass-role combinations', () => {
    const byActions = new Map(privilegeEscalationCatalog().methods.map((method) => [method.actions.join(' + '), method]));
    for (const single of [
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:CreateAccessKey',
      'iam:AddUserToGroup',
      'lambda:UpdateFunctionCode',
    ]) {
      expect(byActions.has(single)).toBe(true);
    }
    expect(byActions.get('iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction')?.passRoleTo).toBe('lambda.amazonaws.com');
    expect(byActions.get('iam:PassRole + ec2:RunInstances')?.passRoleTo).toBe('ec2.amazonaws.com');
    expect(byActions.get('iam:PassRole + codebuild:CreateProject + codebuild:StartBuild')?.category).toBe('pass-role-to-new-resource');
  });
});

describe('resource exposure', () => {
  it('is derived from the Permissions management access level', () => {
    expect(resourceExposureCatalog().accessLevel).toBe('Permissions management');
    expect(isResourceExposureAction(getAction('s3:PutBucketPolicy')!)).toBe(true);
    expect(isResourceExposureAction(getAction('sqs:AddPermission')!)).toBe(true);
    expect(isResourceExposureAction(getAction('s3:GetObject')!)).toBe(false);
  });
});

describe('actionRisks', () => {
  it('collects every catalogue entry that concerns an action', () => {
    const risks = actionRisks('iam:CreateAccessKey');
    expect(risks).toEqual([
      { catalog: 'privilege-escalation', method: expect.objectContaining({ id: 'iam-create-access-key', category: 'credentials-of-other-principals' }) },
      { catalog: 'credentials-exposure', entry: expect.objectContaining({ action: 'iam:CreateAccessKey' }) },
    ]);
  });

  it('lists the escalation methods iam:PassRole takes part in', () => {
    const methods = actionRisks(getAction('iam:PassRole')!).flatMap((risk) => (risk.catalog === 'privilege-escalation' ? [risk.method.id] : []));
    expect(methods).toEqual(expect.arrayContaining(['pass-role-lambda-invoke', 'pass-role-ec2-run-instances', 'pass-role-glue-dev-endpoint']));
  });

  it('finds data exfiltration and resource exposure, case-insensitively', () => {
    expect(actionRisks('SECRETSMANAGER:getsecretvalue').map((risk) => risk.catalog)).toEqual(['data-exfiltration']);
    expect(actionRisks('iam:PutRolePolicy').map((risk) => risk.catalog)).toEqual(['privilege-escalation', 'resource-exposure']);
  });

  it('finds nothing for harmless and unknown actions', () => {
    expect(actionRisks('sqs:GetQueueUrl')).toEqual([]);
    expect(actionRisks('s3:NoSuchAction')).toEqual([]);
  });
});

describe('reads of configuration only', () => {
  const metadata = (name: string) => readsOnlyMetadata(getAction(name)!);

  it('are listings and reads named for configuration', () => {
    expect(metadata('s3:ListBucket')).toBe(true);
    expect(metadata('s3:GetBucketAcl')).toBe(true);
    expect(metadata('sqs:GetQueueAttributes')).toBe(true);
    expect(metadata('kms:GetKeyPolicy')).toBe(true);
    expect(metadata('ec2:DescribeInstances')).toBe(true);
  });

  it('are not reads of what a resource stores, catalogued or not, nor changes', () => {
    expect(metadata('s3:GetObject')).toBe(false);
    expect(metadata('sqs:ReceiveMessage')).toBe(false);
    expect(metadata('dynamodb:GetItem')).toBe(false);
    expect(metadata('kinesis:GetRecords')).toBe(false);
    expect(metadata('sqs:DeleteMessage')).toBe(false);
  });
});
