/**
 * IAM principals and the policies that apply to them: inline, managed, attached by
 * `AWS::IAM::Policy`, boundaries, groups, IAM Identity Center permission sets.
 */
import { parseTemplate } from '../../src/template';
import { createResolver } from '../../src/resolve';
import { extractPolicies } from '../../src/extract';
import { getAwsManagedPolicy } from '../../src/iam';
import { extractTemplate, policiesOf, summary, text } from './extract-template';

const ROLE_TEMPLATE = `
Parameters:
  ExtraPolicyArn:
    Type: String
Resources:
  Worker:
    Type: AWS::IAM::Role
    Metadata:
      aws:cdk:path: App/Worker/Resource
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com]}
            Action: sts:AssumeRole
      PermissionsBoundary: !Ref Boundary
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess
        - !Ref Shared
        - arn:aws:iam::111122223333:policy/team-baseline
        - !Ref ExtraPolicyArn
      Policies:
        - PolicyName: queue-access
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [sqs:ReceiveMessage, sqs:DeleteMessage]
                Resource: !GetAtt Jobs.Arn
  Jobs:
    Type: AWS::SQS::Queue
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ssm:GetParameter
            Resource: !Sub arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/app/*
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ['sqs:*', 'logs:*', 'ssm:Get*']
            Resource: '*'
`;

describe('AWS::IAM::Role', () => {
  const { extraction } = extractTemplate(ROLE_TEMPLATE);
  const worker = policiesOf(extraction, 'Worker');

  it('extracts every policy of the role, attached to the role by logical id', () => {
    expect(extraction.errors).toEqual([]);
    expect(worker.map((p) => [p.kind, p.source.propertyPath.join('.')])).toEqual([
      ['identity', 'Properties.Policies.0.PolicyDocument'],
      ['managed-policy-reference', 'Properties.ManagedPolicyArns.0'],
      ['managed-policy-reference', 'Properties.ManagedPolicyArns.1'],
      ['managed-policy-reference', 'Properties.ManagedPolicyArns.2'],
      ['managed-policy-reference', 'Properties.ManagedPolicyArns.3'],
      ['managed-policy-reference', 'Properties.ManagedPolicyArns.4'],
      ['boundary', 'Properties.PermissionsBoundary'],
      ['trust', 'Properties.AssumeRolePolicyDocument'],
    ]);
    for (const policy of worker) expect(policy.attachedTo).toEqual([{ kind: 'role', logicalId: 'Worker' }]);
    expect(worker[0].name).toBe('queue-access');
    expect(worker[0].source).toMatchObject({ file: 'template.yaml', stack: 'template', constructPath: 'App/Worker/Resource' });
    expect(worker[0].id).toBe('template/Worker/Properties/Policies/0/PolicyDocument');
  });

  it('gives every element its own pointer', () => {
    const [statement] = worker[0].statements;
    expect(statement.at).toBe('/Resources/Worker/Properties/Policies/0/PolicyDocument/Statement/0');
    expect(statement.actions?.map((a) => a.at)).toEqual([
      '/Resources/Worker/Properties/Policies/0/PolicyDocument/Statement/0/Action/0',
      '/Resources/Worker/Properties/Policies/0/PolicyDocument/Statement/0/Action/1',
    ]);
    expect(text(statement.resources?.[0].value)).toBe('arn:{AWS::Partition}:sqs:{AWS::Region}:{AWS::AccountId}:{Jobs}');
  });

  it('resolves AWS-managed references to their documents, pointing every statement at the reference', () => {
    const [basic, readOnly] = worker.slice(1, 3);
    expect(basic.managed).toEqual({ arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', awsManagedName: 'AWSLambdaBasicExecutionRole', resolved: true });
    expect(summary(basic)).toEqual(['Allow actions=logs:CreateLogGroup,logs:CreateLogStream,logs:PutLogEvents resources=*']);
    expect(basic.statements[0].actions?.map((a) => a.at)).toEqual(Array(3).fill('/Resources/Worker/Properties/ManagedPolicyArns/0'));
    expect(readOnly.managed).toMatchObject({ awsManagedName: 'AmazonS3ReadOnlyAccess', resolved: true });
    expect(readOnly.source.pointer).toBe('/Resources/Worker/Properties/ManagedPolicyArns/1');
  });

  it('links a reference to an in-template managed policy, and keeps others unverified', () => {
    const [, , , shared, customer, parameter] = worker;
    expect(shared.managed).toMatchObject({ logicalId: 'Shared', resolved: true });
    expect(shared.statements).toEqual([]);
    const sharedDocument = policiesOf(extraction, 'Shared')[0];
    expect(sharedDocument.attachedTo).toEqual([{ kind: 'role', logicalId: 'Worker' }]);
    expect(customer.managed).toEqual({ arn: 'arn:aws:iam::111122223333:policy/team-baseline', resolved: false });
    expect(parameter.managed?.resolved).toBe(false);
    expect(parameter.managed?.arn).toMatchObject({ kind: 'unknown' });
  });

  it('copies an in-template boundary document into the boundary policy without attaching it as a grant', () => {
    const boundary = worker[6];
    expect(boundary.managed).toMatchObject({ logicalId: 'Boundary', resolved: true });
    expect(summary(boundary)).toEqual(['Allow actions=sqs:*,logs:*,ssm:Get* resources=*']);
    expect(policiesOf(extraction, 'Boundary')[0].attachedTo).toEqual([]);
  });

  it('reads the trust policy', () => {
    expect(summary(worker[7])).toEqual(['Allow actions=sts:AssumeRole principals=service:lambda.amazonaws.com']);
  });

  it('describes the role as a principal with its boundary', () => {
    expect(extraction.principals).toEqual([
      {
        kind: 'role',
        logicalId: 'Worker',
        stack: 'template',
        file: 'template.yaml',
        resourceType: 'AWS::IAM::Role',
        groups: [],
        permissionsBoundary: expect.objectContaining({ kind: 'symbolic' }),
        constructPath: 'App/Worker/Resource',
      },
    ]);
  });
});

describe('users, groups and policies attached from outside', () => {
  const { extraction } = extractTemplate(`
Resources:
  Developers:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
      Policies:
        - PolicyName: describe
          PolicyDocument:
            Statement: [{Effect: Allow, Action: 'ec2:Describe*', Resource: '*'}]
  Auditors:
    Type: AWS::IAM::Group
  Jane:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Developers, legacy-admins]
      PermissionsBoundary: arn:aws:iam::aws:policy/AdministratorAccess
  Joe:
    Type: AWS::IAM::User
  AddJoeToAuditors:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Auditors
      Users: [!Ref Joe]
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {AWS: arn:aws:iam::444455556666:root}, Action: sts:AssumeRole}]
  DeployPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: deploy
      Roles: [!Ref Deployer, existing-ci-role]
      Users: [!Ref Jane]
      Groups: [!Ref Developers]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'cloudformation:*', Resource: '*'}]
  Baseline:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: baseline
      Roles: [!Ref Deployer]
      PolicyDocument:
        Statement: [{Effect: Deny, Action: 'iam:CreateUser', Resource: '*'}]
  DeployerInline:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref Deployer
      PolicyName: inline
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 's3:PutObject', Resource: 'arn:aws:s3:::artifacts/*'}]
  JaneInline:
    Type: AWS::IAM::UserPolicy
    Properties:
      UserName: !Ref Jane
      PolicyName: inline
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'sqs:SendMessage', Resource: '*'}]
  AuditorsInline:
    Type: AWS::IAM::GroupPolicy
    Properties:
      GroupName: auditors-external
      PolicyName: inline
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'cloudtrail:LookupEvents', Resource: '*'}]
`);

  it('has no errors and one principal per IAM resource', () => {
    expect(extraction.errors).toEqual([]);
    expect(extraction.principals.map((p) => [p.kind, p.logicalId])).toEqual([
      ['group', 'Developers'],
      ['group', 'Auditors'],
      ['user', 'Jane'],
      ['user', 'Joe'],
      ['role', 'Deployer'],
    ]);
  });

  it('records group memberships by logical id or name, including UserToGroupAddition', () => {
    const jane = extraction.principals.find((p) => p.logicalId === 'Jane')!;
    expect(jane.groups).toEqual([{ kind: 'group', logicalId: 'Developers' }, { kind: 'group', name: 'legacy-admins' }]);
    expect(text(jane.permissionsBoundary)).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    const joe = extraction.principals.find((p) => p.logicalId === 'Joe')!;
    expect(joe.groups).toEqual([{ kind: 'group', logicalId: 'Auditors' }]);
  });

  it('attaches AWS::IAM::Policy to roles, users and groups, by logical id or name', () => {
    const [policy] = policiesOf(extraction, 'DeployPolicy');
    expect(policy.kind).toBe('identity');
    expect(policy.name).toBe('deploy');
    expect(policy.attachedTo).toEqual([
      { kind: 'role', logicalId: 'Deployer' },
      { kind: 'role', name: 'existing-ci-role' },
      { kind: 'user', logicalId: 'Jane' },
      { kind: 'group', logicalId: 'Developers' },
    ]);
  });

  it('attaches managed policies and Role/User/Group policies to their principal', () => {
    expect(policiesOf(extraction, 'Baseline').map((p) => [p.name, p.attachedTo])).toEqual([['baseline', [{ kind: 'role', logicalId: 'Deployer' }]]]);
    expect(policiesOf(extraction, 'DeployerInline')[0].attachedTo).toEqual([{ kind: 'role', logicalId: 'Deployer' }]);
    expect(policiesOf(extraction, 'JaneInline')[0].attachedTo).toEqual([{ kind: 'user', logicalId: 'Jane' }]);
    expect(policiesOf(extraction, 'AuditorsInline')[0].attachedTo).toEqual([{ kind: 'group', name: 'auditors-external' }]);
  });

  it('reads group policies and an AWS-managed boundary on a user', () => {
    expect(policiesOf(extraction, 'Developers').map((p) => [p.kind, p.attachedTo])).toEqual([
      ['identity', [{ kind: 'group', logicalId: 'Developers' }]],
      ['managed-policy-reference', [{ kind: 'group', logicalId: 'Developers' }]],
    ]);
    const boundary = policiesOf(extraction, 'Jane').find((p) => p.kind === 'boundary')!;
    expect(boundary.managed).toMatchObject({ awsManagedName: 'AdministratorAccess', resolved: true });
    expect(summary(boundary)).toEqual(['Allow actions=* resources=*']);
  });
});

describe('AWS::SSO::PermissionSet', () => {
  it('reads the inline policy (object or JSON string), managed and customer-managed references and the boundary', () => {
    const { extraction } = extractTemplate(`
Resources:
  ReadOnly:
    Type: AWS::SSO::PermissionSet
    Properties:
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      Name: ReadOnly
      InlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}'
      ManagedPolicies: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
      CustomerManagedPolicyReferences:
        - Name: team-baseline
          Path: /teams/
      PermissionsBoundary:
        ManagedPolicyArn: arn:aws:iam::aws:policy/AdministratorAccess
`);
    expect(extraction.errors).toEqual([]);
    const policies = policiesOf(extraction, 'ReadOnly');
    expect(policies.map((p) => [p.kind, p.source.pointer, p.managed?.resolved])).toEqual([
      ['identity', '/Resources/ReadOnly/Properties/InlinePolicy', undefined],
      ['managed-policy-reference', '/Resources/ReadOnly/Properties/ManagedPolicies/0', true],
      ['managed-policy-reference', '/Resources/ReadOnly/Properties/CustomerManagedPolicyReferences/0', false],
      ['boundary', '/Resources/ReadOnly/Properties/PermissionsBoundary/ManagedPolicyArn', true],
    ]);
    expect(summary(policies[0])).toEqual(['Allow actions=s3:GetObject resources=arn:aws:s3:::reports/*']);
    expect(policies[2].managed?.arn).toBe('/teams/team-baseline');
    for (const policy of policies) expect(policy.attachedTo).toEqual([{ kind: 'role', logicalId: 'ReadOnly' }]);
    expect(extraction.principals.map((p) => [p.kind, p.logicalId, p.permissionsBoundary])).toEqual([
      ['role', 'ReadOnly', 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ]);
  });
});

describe('AWS::IoT::Policy', () => {
  it('is an identity policy for IoT principals outside the template', () => {
    const { extraction } = extractTemplate(`
Resources:
  DevicePolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyName: device
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: iot:Publish
            Resource: !Sub arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:topic/devices/\${!iot:Connection.Thing.ThingName}
`);
    const [policy] = extraction.policies;
    expect(policy).toMatchObject({ kind: 'identity', name: 'device', attachedTo: [] });
    expect(summary(policy)).toEqual(['Allow actions=iot:Publish resources=arn:aws:iot:{AWS::Region}:{AWS::AccountId}:topic/devices/${iot:Connection.Thing.ThingName}']);
    expect(policy.problems).toEqual([]);
  });
});

describe('resource conditions', () => {
  const template = `
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Never: !Equals [a, b]
Resources:
  ProdOnly:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
  Disabled:
    Type: AWS::IAM::Role
    Condition: Never
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: sts:AssumeRole}]
`;

  it('marks the policies of a conditional resource and skips a resource that can never exist', () => {
    const { extraction } = extractTemplate(template);
    expect(extraction.policies.map((p) => [p.source.logicalId, p.when])).toEqual([['ProdOnly', [{ condition: 'IsProd', value: true }]]]);
    expect(extraction.policies[0].statements[0].when).toEqual([]);
  });

  it('drops a resource whose condition a parameter value makes false', () => {
    const { extraction } = extractTemplate(template, 'template.yaml', { parameters: { Env: 'dev' } });
    expect(extraction.policies).toEqual([]);
  });
});

describe('permissions boundaries chosen by Fn::If', () => {
  it('keeps the boundary policy under its condition, but does not count it as certain on the principal', () => {
    const { extraction } = extractTemplate(`
Parameters:
  PermissionsBoundary: {Type: String, Default: ''}
Conditions:
  HasPermissionsBoundary: !Not [!Equals [!Ref PermissionsBoundary, '']]
Resources:
  Task:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
      PermissionsBoundary: !If [HasPermissionsBoundary, !Ref PermissionsBoundary, !Ref AWS::NoValue]
`);
    const boundary = policiesOf(extraction, 'Task').find((p) => p.kind === 'boundary')!;
    expect(boundary.when).toEqual([{ condition: 'HasPermissionsBoundary', value: true }]);
    // The default '' stands for "none"; in the branch that uses it the value is not known.
    expect(boundary.managed).toEqual({ arn: { kind: 'unknown', reason: expect.stringContaining('empty policy ARN') }, resolved: false });
    expect(extraction.principals[0].permissionsBoundary).toBeUndefined();
  });
});

describe('the real AWS-managed policy snapshot', () => {
  it('resolves a ManagedPolicyArns entry with the document from src/iam', () => {
    const { extraction } = extractTemplate(
      `
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
        - !Join ['', ['arn:', !Ref AWS::Partition, ':iam::aws:policy/AdministratorAccess']]
`,
      'template.yaml',
      { awsManagedPolicy: getAwsManagedPolicy },
    );
    const [reference, joined] = policiesOf(extraction, 'Reader').filter((p) => p.kind === 'managed-policy-reference');
    expect(joined.managed).toEqual({ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', awsManagedName: 'AdministratorAccess', resolved: true });
    expect(summary(joined)).toEqual(['Allow actions=* resources=*']);
    expect(reference.managed).toEqual({ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', awsManagedName: 'ReadOnlyAccess', resolved: true });
    expect(reference.statements.length).toBeGreaterThan(0);
    const actions = reference.statements.flatMap((s) => s.actions ?? []);
    expect(actions.length).toBeGreaterThan(100);
    expect(actions.every((a) => a.at === '/Resources/Reader/Properties/ManagedPolicyArns/0')).toBe(true);
  });
});

describe('CDK construct paths', () => {
  it('come from the cdk.out manifest when the resource has no aws:cdk:path metadata', () => {
    const loaded = parseTemplate(
      `{"Resources": {"BucketPolicy1A2B3C": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "logs", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"}]}}}}}`,
      'App.template.json',
      { explicit: true, stackName: 'App', constructPaths: new Map([['BucketPolicy1A2B3C', 'App/Logs/Policy/Resource']]) },
    );
    if (loaded.status !== 'loaded') throw new Error('not loaded');
    const extraction = extractPolicies(loaded.template, createResolver(loaded.template), { awsManagedPolicy: getAwsManagedPolicy });
    expect(extraction.policies[0].source).toMatchObject({ stack: 'App', file: 'App.template.json', constructPath: 'App/Logs/Policy/Resource' });
    expect(extraction.policies[0].id).toBe('App/BucketPolicy1A2B3C/Properties/PolicyDocument');
  });
});
