import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConditionClause } from '../../src/extract/types';
import { accessFacts, describeFactResource } from '../../src/analysis/access-facts';
import { diffVersions, type AccessChange, type StackVersion } from '../../src/analysis/access-diff';
import { stackIdentity } from '../../src/analysis/access-diff-pairing';
import { clauseImplies } from '../../src/analysis/access-diff-conditions';
import { analyze } from './helpers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'diff', name), 'utf8');

function version(text: string): StackVersion {
  const { input, template } = analyze(text);
  const facts = accessFacts(input);
  return { stack: template.stackName, facts, identity: stackIdentity(template.body, facts) };
}

const diffTexts = (older: string, newer: string) => diffVersions([{ older: version(older), newer: version(newer) }])[0]!;
const diff = (older: string, newer: string) => diffTexts(fixture(older), fixture(newer));

const names = (change: AccessChange) => change.actions.map((a) => (a.kind === 'action' ? a.name : a.shown)).sort();

/** `principal | kind | resource` per change. */
const summary = (changes: readonly AccessChange[]) => changes.map((c) => `${c.principal.id} | ${c.kind} | ${describeFactResource(c.resource)}`);

const FIXTURES = [
  'worker-old.yaml',
  'worker-put-object.yaml',
  'worker-get-star.yaml',
  'worker-s3-star.yaml',
  'worker-any-resource.yaml',
  'worker-renamed.yaml',
  'worker-reordered.yaml',
  'shared-old.yaml',
  'shared-new-account.yaml',
  'shared-public.yaml',
  'shared-source-arn-removed.yaml',
  'shared-org-weakened.yaml',
  'shared-if-condition.yaml',
  'cdk-role-old.json',
  'cdk-role-moved.json',
];

describe('access diff: what a role gains', () => {
  it('a new statement granting s3:PutObject is a new action on its resource, and nothing else', () => {
    const { changes } = diff('worker-old.yaml', 'worker-put-object.yaml');
    expect(summary(changes)).toEqual(['WorkerRole | new-action | arn:${AWS::Partition}:s3:::${Uploads}/thumbnails/*']);
    expect(names(changes[0]!)).toEqual(['s3:PutObject']);
    expect(changes[0]!.grants.map((g) => g.statement.sid)).toEqual(['WriteThumbnails']);
  });

  it('s3:Get* widened to s3:* names the actions the wildcard adds, after expansion', () => {
    const { changes } = diff('worker-get-star.yaml', 'worker-s3-star.yaml');
    expect(summary(changes)).toEqual(['WorkerRole | new-action | arn:${AWS::Partition}:s3:::${Uploads}/incoming/*']);
    const added = names(changes[0]!);
    expect(added).toEqual(expect.arrayContaining(['s3:PutObject', 's3:DeleteObject', 's3:PutObjectAcl']));
    // Whatever s3:Get* granted on objects was there before.
    expect(added.filter((a) => a.startsWith('s3:Get'))).toEqual([]);
    expect(changes[0]!.actions.find((a) => a.kind === 'action' && a.name === 's3:PutObjectAcl')).toMatchObject({ level: 'Permissions management' });
  });

  it('a bucket ARN widened to "*" is a broader resource, naming what it was', () => {
    const { changes } = diff('worker-old.yaml', 'worker-any-resource.yaml');
    expect(summary(changes)).toEqual(['WorkerRole | broader-resource | *']);
    expect(names(changes[0]!)).toEqual(['s3:GetObject', 's3:GetObjectTagging']);
    expect(changes[0]!.was).toEqual(['arn:${AWS::Partition}:s3:::${Uploads}/incoming/*']);
    expect(changes[0]!.previous.map((g) => g.statement.sid)).toEqual(['ReadUploads']);
  });

  it('taking access away is no new access', () => {
    expect(diff('worker-put-object.yaml', 'worker-old.yaml').changes).toEqual([]);
    expect(diff('worker-s3-star.yaml', 'worker-get-star.yaml').changes).toEqual([]);
    expect(diff('worker-any-resource.yaml', 'worker-old.yaml').changes).toEqual([]);
  });

  it.each(FIXTURES)('%s compared with itself grants nothing new', (name) => {
    expect(diff(name, name).changes).toEqual([]);
  });
});

describe('access diff: resource policies', () => {
  it('a new account in a bucket policy is a new principal; the account already there is not reported', () => {
    const { changes } = diff('shared-old.yaml', 'shared-new-account.yaml');
    expect(summary(changes)).toEqual(['AWS:444455556666 | new-principal | arn:${AWS::Partition}:s3:::${Reports}/shared/*']);
    expect(names(changes[0]!)).toEqual(['s3:GetObject']);
  });

  it('a statement for "*" is a new principal', () => {
    const { changes } = diff('shared-old.yaml', 'shared-public.yaml');
    expect(summary(changes)).toEqual(['* | new-principal | arn:${AWS::Partition}:s3:::${Reports}/index.html']);
  });

  it('dropping aws:SourceArn from a topic policy weakens the conditions of the service grant', () => {
    const { changes } = diff('shared-old.yaml', 'shared-source-arn-removed.yaml');
    expect(summary(changes)).toEqual(['Service:s3.amazonaws.com | weaker-conditions | arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${ReportEvents.TopicName}']);
    expect(changes[0]!.was).toEqual(['condition removed: ArnLike aws:SourceArn arn:${AWS::Partition}:s3:::${Reports}']);
  });

  it('aws:PrincipalOrgID from StringEquals to StringLike o-* is weakened; the other way round is tightened, not reported', () => {
    const { changes } = diff('shared-old.yaml', 'shared-org-weakened.yaml');
    expect(summary(changes)).toEqual(['AWS:111122223333 | weaker-conditions | arn:${AWS::Partition}:s3:::${Reports}/shared/*']);
    expect(changes[0]!.was).toEqual(['condition weakened: StringEquals aws:PrincipalOrgID o-a1b2c3d4e5 → StringLike aws:PrincipalOrgID o-*']);
    expect(diff('shared-org-weakened.yaml', 'shared-old.yaml').changes).toEqual([]);
  });

  it('a condition that Fn::If leaves out in one branch is weakened in that branch', () => {
    const { changes } = diff('shared-old.yaml', 'shared-if-condition.yaml');
    expect(summary(changes)).toEqual(['AWS:111122223333 | weaker-conditions | arn:${AWS::Partition}:s3:::${Reports}/shared/*']);
    expect(changes[0]!.was).toEqual(['condition removed: StringEquals aws:PrincipalOrgID o-a1b2c3d4e5']);
    expect(changes[0]!.grants.map((g) => g.when)).toEqual([[{ condition: 'IsProduction', value: false }]]);
  });

  it('a condition kept in every Fn::If branch is no change, even when one branch of the older version had none', () => {
    expect(diff('shared-if-condition.yaml', 'shared-old.yaml').changes).toEqual([]);
  });

  it('a grant that existed in one Fn::If branch only and now exists in all is new in the other branch', () => {
    const site = (statement: string) => `
Parameters:
  Stage: { Type: String, AllowedValues: [dev, prod] }
Conditions:
  IsProduction: !Equals [!Ref Stage, prod]
Resources:
  Site:
    Type: AWS::S3::Bucket
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Sid: Owner, Effect: Allow, Principal: { AWS: !Ref AWS::AccountId }, Action: 's3:*', Resource: !Sub '\${Site.Arn}/*' }
${statement}`;
    const preview = `          - { Sid: Preview, Effect: Allow, Principal: '*', Action: s3:GetObject, Resource: !Sub '\${Site.Arn}/*' }`;
    const devOnly = `          - !If [IsProduction, !Ref AWS::NoValue, { Sid: Preview, Effect: Allow, Principal: '*', Action: s3:GetObject, Resource: !Sub '\${Site.Arn}/*' }]`;
    const { changes } = diffTexts(site(devOnly), site(preview));
    expect(summary(changes)).toEqual(['* | weaker-conditions | arn:${AWS::Partition}:s3:::${Site}/*']);
    expect(changes[0]!.was).toEqual(['granted only when IsProduction is false']);
    expect(diffTexts(site(preview), site(devOnly)).changes).toEqual([]);
  });
});

describe('access diff: pairing across versions', () => {
  it('renamed logical ids with the same policies grant nothing new, and the pairing says why', () => {
    const { changes, renamed } = diff('worker-old.yaml', 'worker-renamed.yaml');
    expect(changes).toEqual([]);
    expect(renamed).toEqual([
      { type: 'AWS::S3::Bucket', from: 'Uploads', to: 'UploadBucket', by: 'access' },
      { type: 'AWS::IAM::Role', from: 'WorkerRole', to: 'ThumbnailerRole', by: 'access' },
    ]);
  });

  it('reordered statements, and one statement split in two, grant nothing new', () => {
    expect(diff('worker-old.yaml', 'worker-reordered.yaml').changes).toEqual([]);
    expect(diff('worker-reordered.yaml', 'worker-old.yaml').changes).toEqual([]);
  });

  it('a CDK role moved into another construct keeps its identity through its unchanged definition; its new policy actions show', () => {
    const { changes, renamed } = diff('cdk-role-old.json', 'cdk-role-moved.json');
    expect(renamed).toEqual([
      { type: 'AWS::IAM::Role', from: 'HandlerServiceRoleFCDC14AE', to: 'ApiHandlerServiceRole5B0B3F5C', by: 'definition' },
      { type: 'AWS::Lambda::Function', from: 'Handler886CB40B', to: 'ApiHandler1D4A2C3B', by: 'definition' },
    ]);
    expect(summary(changes)).toEqual(['ApiHandlerServiceRole5B0B3F5C | new-action | arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable315BB997}']);
    expect(names(changes[0]!)).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('a role with the same physical name is the same role, whatever its logical id', () => {
    const role = (id: string, action: string) => `
Resources:
  ${id}:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deploy-bot
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: ${action}, Resource: '*' }
`;
    const { changes, renamed } = diffTexts(role('DeployRole', 'cloudformation:DescribeStacks'), role('DeployBotRole', '[cloudformation:DescribeStacks, cloudformation:UpdateStack]'));
    expect(renamed).toEqual([{ type: 'AWS::IAM::Role', from: 'DeployRole', to: 'DeployBotRole', by: 'name' }]);
    expect(summary(changes)).toEqual(['DeployBotRole | new-action | *']);
    expect(names(changes[0]!)).toEqual(['cloudformation:UpdateStack']);
  });

  it('a "?" widened to "*" in a resource is a broader resource: one character is not any number of them', () => {
    const role = (resource: string) => `
Resources:
  ReaderRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: s3:GetObject, Resource: '${resource}' }
`;
    expect(summary(diffTexts(role('arn:aws:s3:::logs-?/daily/*'), role('arn:aws:s3:::logs-*/daily/*')).changes)).toEqual([
      'ReaderRole | broader-resource | arn:aws:s3:::logs-*/daily/*',
    ]);
    // Narrowing is no new access, and "?" still covers "?" and any single character.
    expect(diffTexts(role('arn:aws:s3:::logs-*/daily/*'), role('arn:aws:s3:::logs-?/daily/*')).changes).toEqual([]);
    expect(diffTexts(role('arn:aws:s3:::logs-?/daily/*'), role('arn:aws:s3:::logs-a/daily/?')).changes).toEqual([]);
  });

  it('a role renamed while its trust and policies both change is not guessed: all its access is new', () => {
    const renamed = fixture('worker-old.yaml')
      .replace(/WorkerRole/g, 'ResizerRole')
      .replace('lambda.amazonaws.com', 'ecs-tasks.amazonaws.com')
      .replace('- s3:GetObjectTagging', '- s3:GetObjectVersion');
    const result = diffTexts(fixture('worker-old.yaml'), renamed);
    expect(result.renamed.filter((r) => r.type === 'AWS::IAM::Role')).toEqual([]);
    expect(summary(result.changes)).toEqual([
      'ResizerRole | new-principal | arn:${AWS::Partition}:s3:::${Uploads}/incoming/*',
      'ResizerRole | new-principal | arn:${AWS::Partition}:s3:::${Uploads}',
      'ResizerRole | new-principal | *',
      'Service:ecs-tasks.amazonaws.com | new-principal | ${ResizerRole}',
    ]);
  });
});

describe('access diff: Denies, boundaries and principals without access', () => {
  const stack = (statements: string, extra = '') => `
Resources:
  Archive:
    Type: AWS::S3::Bucket
  Operator:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: archive
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${statements}
${extra}`;
  const allowAll = `              - { Effect: Allow, Action: 's3:*', Resource: !Sub '\${Archive.Arn}/*' }`;
  const denyDelete = `              - { Effect: Deny, Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'], Resource: '*' }`;

  it('access a removed Deny no longer takes away is reported, with the Deny it was', () => {
    const { changes } = diffTexts(stack(`${allowAll}\n${denyDelete}`), stack(allowAll));
    expect(summary(changes)).toEqual(['Operator | no-longer-denied | arn:${AWS::Partition}:s3:::${Archive}/*']);
    expect(names(changes[0]!)).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion']);
    expect(changes[0]!.was).toEqual(['was denied by a Deny statement']);
    expect(changes[0]!.previous.map((g) => g.statement.effect)).toEqual(['Deny']);
  });

  it('an existing principal that had no access gets new actions; a principal the old version lacked is new', () => {
    const auditor = `
  Auditor:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: s3:GetObject, Resource: !Sub '\${Archive.Arn}/*' }`;
    const idle = stack(`              - { Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*' }`).replace(/Policies:[\s\S]*$/, 'Path: /ops/\n');
    const { changes } = diffTexts(idle, stack(allowAll, auditor));
    expect(changes.map((c) => `${c.principal.id} ${c.kind}`)).toEqual(['Operator new-action', 'Auditor new-principal']);
  });

  it('Action "*" is one pattern, new against any narrower grant', () => {
    const { changes } = diffTexts(stack(allowAll), stack(`              - { Effect: Allow, Action: '*', Resource: '*' }`));
    expect(summary(changes)).toEqual(['Operator | new-action | *']);
    expect(names(changes[0]!)).toEqual(['*']);
    expect(diffTexts(stack(`              - { Effect: Allow, Action: '*', Resource: '*' }`), stack(allowAll)).changes).toEqual([]);
  });
});

describe('conditions: newer clause implies the older one', () => {
  const clause = (operator: string, key: string, ...values: (string | number | boolean)[]): ConditionClause => ({
    operator,
    key,
    values: values.map((value, i) => ({ value, at: `/Condition/${operator}/${key}/${i}` })),
    at: `/Condition/${operator}`,
  });

  it.each<[string, ConditionClause, ConditionClause, boolean]>([
    ['the same clause', clause('StringEquals', 'aws:SourceAccount', '111122223333'), clause('StringEquals', 'aws:SourceAccount', '111122223333'), true],
    ['key names are case-insensitive', clause('StringEquals', 'AWS:SourceAccount', '111122223333'), clause('stringequals', 'aws:sourceaccount', '111122223333'), true],
    ['fewer allowed values', clause('StringEquals', 'aws:PrincipalAccount', '111122223333'), clause('StringEquals', 'aws:PrincipalAccount', '111122223333', '444455556666'), true],
    ['a value added', clause('StringEquals', 'aws:PrincipalAccount', '111122223333', '444455556666'), clause('StringEquals', 'aws:PrincipalAccount', '111122223333'), false],
    ['StringEquals → StringLike with a wildcard', clause('StringLike', 'aws:PrincipalOrgID', 'o-*'), clause('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'), false],
    ['StringLike → StringEquals of a value it matched', clause('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'), clause('StringLike', 'aws:PrincipalOrgID', 'o-a1b2*'), true],
    ['StringLike without a wildcard is StringEquals', clause('StringLike', 'aws:SourceVpc', 'vpc-0a1b2c3d'), clause('StringEquals', 'aws:SourceVpc', 'vpc-0a1b2c3d'), true],
    ['a narrower ARN pattern', clause('ArnLike', 'aws:SourceArn', 'arn:aws:s3:::reports-*'), clause('ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*'), true],
    ['a broader ARN pattern', clause('ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*'), clause('ArnEquals', 'aws:SourceArn', 'arn:aws:s3:::reports-2026'), false],
    ['"?" does not take in "*"', clause('StringLike', 's3:prefix', 'home/*'), clause('StringLike', 's3:prefix', 'home/?'), false],
    ['"?" takes in "?" and one character', clause('StringLike', 's3:prefix', 'home/a?'), clause('StringLike', 's3:prefix', 'home/??'), true],
    ['...IfExists added', clause('StringEqualsIfExists', 'aws:SourceAccount', '111122223333'), clause('StringEquals', 'aws:SourceAccount', '111122223333'), false],
    ['...IfExists dropped', clause('StringEquals', 'aws:SourceAccount', '111122223333'), clause('StringEqualsIfExists', 'aws:SourceAccount', '111122223333'), true],
    ['a negated list that excludes more', clause('StringNotEquals', 'aws:PrincipalTag/team', 'contractors', 'guests'), clause('StringNotEquals', 'aws:PrincipalTag/team', 'guests'), true],
    ['a negated list that excludes less', clause('StringNotEquals', 'aws:PrincipalTag/team', 'guests'), clause('StringNotEquals', 'aws:PrincipalTag/team', 'contractors', 'guests'), false],
    ['a lower upper bound', clause('NumericLessThan', 's3:max-keys', 10), clause('NumericLessThanEquals', 's3:max-keys', 100), true],
    ['a higher upper bound', clause('NumericLessThan', 's3:max-keys', 1000), clause('NumericLessThan', 's3:max-keys', 100), false],
    ['Bool true → false', clause('Bool', 'aws:SecureTransport', 'false'), clause('Bool', 'aws:SecureTransport', 'true'), false],
    ['another set qualifier', clause('ForAnyValue:StringEquals', 'aws:TagKeys', 'env'), clause('ForAllValues:StringEquals', 'aws:TagKeys', 'env'), false],
    ['another key', clause('StringEquals', 'aws:SourceOwner', '111122223333'), clause('StringEquals', 'aws:SourceAccount', '111122223333'), false],
    ['an operator IAM does not define, written the same', clause('StringSortOf', 'aws:SourceAccount', '1'), clause('StringSortOf', 'aws:SourceAccount', '1'), true],
  ])('%s', (_, newer, older, implied) => {
    expect(clauseImplies(newer, older)).toBe(implied);
  });
});
