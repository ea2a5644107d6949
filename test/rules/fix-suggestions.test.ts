/**
 * Every over-privilege finding names the narrower alternative for its own template: the actions
 * behind a wildcard, the template's resources a `*` could be narrowed to, the condition that
 * closes a public or confused-deputy grant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanTemplate } from '../../src/engine/scan';
import { builtinRules } from '../../src/rules/registry';
import { actionPatternMatches, getAction } from '../../src/iam';
import { formatJson } from '../../src/report/json';
import { formatText } from '../../src/report/text';
import type { Finding } from '../../src/rules/types';
import type { EngineConfig } from '../../src/engine/config';
import { FIX_FIXTURES } from '../fix/helpers';

function findings(name: string, config: Partial<EngineConfig> = {}): Finding[] {
  const result = scanTemplate(readFileSync(join(FIX_FIXTURES, name), 'utf8'), { file: name, config });
  expect(result.errors).toEqual([]);
  return result.findings;
}

const byRule = (list: readonly Finding[], ruleId: string) => list.filter((f) => f.ruleId === ruleId);
const only = (list: readonly Finding[], ruleId: string) => {
  const found = byRule(list, ruleId);
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** A role `service` assumes, with one inline policy of these statements (a YAML list at any indentation), as template text. */
function serviceRole(id: string, service: string, statements: string): string {
  return `
  ${id}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: ${service} }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: ${id}
          PolicyDocument:
            Version: '2012-10-17'
            Statement: ${statements.trim().startsWith('[') ? statements.trim() : `\n${statements}`}`;
}

describe('wildcard actions', () => {
  const wildcard = only(findings('orders-service.yaml'), 'action-wildcard');

  it('lists the actions the wildcard allows on the table at the levels a workload means, and what it leaves out', () => {
    expect(wildcard.fix).toMatch(/^Replace "dynamodb:\*" with the \d+ Read, List, Write and Tagging actions it allows on these resources: dynamodb:Scan, dynamodb:Query, dynamodb:GetItem, /);
    expect(wildcard.fix).toContain('more; `iamgate generate` lists the actions of each access level)');
    expect(wildcard.fix).toContain('It leaves out 2 Permissions management actions');
    expect(wildcard.fix).toContain('`iamgate fix --accept action-wildcard` writes the list.');
  });

  it('carries the whole list as the exact replacement, behind --accept', () => {
    const { edit, needsAcceptance, snippet } = wildcard.suggestion!;
    expect(needsAcceptance).toBe(true);
    if (edit?.kind !== 'expand-action') throw new Error('expected an expansion');
    expect(edit).toMatchObject({ at: wildcard.location.jsonPointer, pattern: 'dynamodb:*' });
    expect(edit.actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']));
    expect(edit.actions).not.toContain('dynamodb:PutResourcePolicy');
    for (const name of edit.actions) {
      expect(actionPatternMatches('dynamodb:*', name)).toBe(true);
      // Only actions that act on a table: ListTables (which takes only "*") does nothing on this statement.
      expect(getAction(name)!.acceptsOnlyStar).toBe(false);
    }
    expect(snippet!.split('\n')).toEqual(['Action:', ...edit.actions.map((a) => `  - ${a}`)]);
  });
});

describe('escalation paths', () => {
  it('asks for iam:PassedToService only when the pass does not name the service already', () => {
    const template = (condition: string) => `
Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
${serviceRole(
  'DevRole',
  'lambda.amazonaws.com',
  `
              - { Effect: Allow, Action: [codebuild:CreateProject, codebuild:StartBuild], Resource: '*' }
              - { Effect: Allow, Action: iam:PassRole, Resource: !GetAtt AdminRole.Arn${condition} }`,
)}
`;
    const fixOf = (text: string) => scanTemplate(text, { file: 'build.yaml' }).findings.find((f) => f.ruleId === 'escalation-path')!.fix;
    expect(fixOf(template(''))).toBe("Limit DevRole's iam:PassRole to roles it needs (not AdminRole) and add iam:PassedToService, or narrow AdminRole's permissions.");
    expect(fixOf(template(', Condition: { StringEquals: { iam:PassedToService: codebuild.amazonaws.com } }'))).toBe(
      "Limit DevRole's iam:PassRole to roles it needs (not AdminRole), or narrow AdminRole's permissions.",
    );
  });
});

describe('resources no action acts on', () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'rules', 'invalid-resource', 'bad', 'wrong-resource-types.yaml'), 'utf8');
  const fixes = scanTemplate(text, { file: 'wrong-resource-types.yaml' })
    .findings.filter((f) => f.ruleId === 'invalid-resource')
    .map((f) => f.fix);

  it('moves a key prefix of a listing into its s3:prefix condition', () => {
    expect(fixes).toContain('List the bucket, !GetAtt Reports.Arn, and give the prefix as a condition: Condition: {StringLike: {s3:prefix: "daily/*"}}.');
  });

  it("names what the ARN holds when that is what the actions act on: a bucket's objects, a log group's streams", () => {
    expect(fixes).toContain('Use arn:aws:s3:::audit-logs/*: the actions act on what the ARN holds, not on the ARN itself.');
    // ':*', not '/*', which would name the streams of other log groups under /app/orders/.
    expect(fixes).toContain(
      "Use !Sub 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/app/orders:*': the actions act on what the ARN holds, not on the ARN itself.",
    );
  });
});

describe('resources that are not ARNs', () => {
  it("name the resource's ARN, or what it holds when the actions act on that", () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'rules', 'invalid-resource', 'bad', 'not-arns.yaml'), 'utf8');
    const fixes = scanTemplate(text, { file: 'not-arns.yaml' })
      .findings.filter((f) => f.ruleId === 'invalid-resource')
      .map((f) => f.fix);
    expect(fixes).toEqual(
      expect.arrayContaining(["Use !GetAtt Jobs.Arn, the ARN of Jobs.", "Use !Sub '${Reports.Arn}/*', the ARN of what Reports holds."]),
    );
  });
});

describe('wildcard actions on every resource', () => {
  it('names what to scope Resource "*" to as well: the action list alone still reaches every resource', () => {
    const template = `
Resources:
  Reports: { Type: AWS::S3::Bucket }${serviceRole('Worker', 'lambda.amazonaws.com', "[{ Effect: Allow, Action: 's3:Put*', Resource: '*' }]")}
`;
    const finding = scanTemplate(template, { file: 'reports.yaml' }).findings.find((f) => f.ruleId === 'action-wildcard')!;
    expect(finding.fix).toMatch(/^Replace "s3:Put\*" with the \d+ /);
    // s3:Put* also reaches access points and Object Lambda: the template's bucket alone would deny those.
    expect(finding.fix).toContain(`Then scope Resource "*" to the resources of a matching type this template names (!GetAtt Reports.Arn, !Sub '\${Reports.Arn}/*') together with ARNs of the form `);
  });
});

describe('unconstrained resources', () => {
  const list = findings('orders-service.yaml');

  it('names the table the template defines for writes on "*"', () => {
    const finding = byRule(list, 'resource-wildcard').find((f) => f.location.logicalId === 'ApiRole')!;
    expect(finding.fix).toBe('Replace the unconstrained resource with the resources of a matching type this template names: !GetAtt OrdersTable.Arn.');
    expect(finding.suggestion?.snippet).toBe('Resource: !GetAtt OrdersTable.Arn');
  });

  it('names the objects of the template\'s buckets for object reads on "*"', () => {
    const finding = byRule(list, 'data-exfiltration').find((f) => f.actions.includes('s3:GetObject'))!;
    expect(finding.fix).toContain("!Sub '${ReportsBucket.Arn}/*', !Sub '${SiteBucket.Arn}/*'");
    expect(finding.suggestion?.snippet).toBe("Resource:\n  - !Sub '${ReportsBucket.Arn}/*'\n  - !Sub '${SiteBucket.Arn}/*'");
  });

  it("names what a resource holds only as another kind of resource: a bucket's objects, never a role's or a function's ARN followed by /*", () => {
    const template = `
Resources:
  Reports: { Type: AWS::S3::Bucket }
  Handler:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.12, Handler: index.handler, Role: !GetAtt Deployer.Arn, Code: { ZipFile: 'pass' } }
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: [iam:PassRole, lambda:UpdateFunctionCode, s3:GetObject], Resource: '*' }
`;
    const list = scanTemplate(template, { file: 'deploy.yaml' }).findings;
    const advice = list.map((f) => `${f.fix}\n${f.suggestion?.snippet ?? ''}`).join('\n');
    // The role is the principal of the policy: never its own narrower resource.
    expect(advice).not.toContain('!GetAtt Deployer.Arn');
    expect(advice).toContain('!GetAtt Handler.Arn');
    expect(advice).toContain("!Sub '${Reports.Arn}/*'");
    // A role ARN followed by /* names other roles (by path); a function has nothing under its ARN.
    expect(advice).not.toContain('${Deployer.Arn}/*');
    expect(advice).not.toContain('${Handler.Arn}/*');
  });

  it('offers the template\'s resources as the replacement only when every action keeps a resource it acts on', () => {
    // An instance's role that manages network interfaces (Lambda's and CodeBuild's, whose service
    // creates them, are documented on "*"): the security group the template names is no network
    // interface, and a Resource of only that group would deny every one of these calls.
    const template = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }${serviceRole(
  'InstanceRole',
  'ec2.amazonaws.com',
  `
              - Effect: Allow
                Action: [ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:AssignPrivateIpAddresses]
                Resource: '*'
              - Effect: Allow
                Action: ec2:CreateNetworkInterface
                Resource: !Sub 'arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:security-group/\${Vpc.DefaultSecurityGroup}'`,
)}
`;
    const finding = scanTemplate(template, { file: 'vpc-function.yaml' }).findings.find((f) => f.ruleId === 'resource-wildcard')!;
    expect(finding.fix).toContain('security-group/${Vpc.DefaultSecurityGroup}');
    // ec2:CreateNetworkInterface takes a security group only as an option: it needs a subnet.
    expect(finding.fix).toContain(
      'together with ARNs of the form arn:${Partition}:ec2:${Region}:${Account}:subnet/${SubnetId}, arn:${Partition}:ec2:${Region}:${Account}:network-interface/${NetworkInterfaceId}, ' +
        'which ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:AssignPrivateIpAddresses also need.',
    );
    expect(finding.suggestion).toBeUndefined();
  });

  it('never offers a principal its own ARN as the narrower resource', () => {
    const template = `
Resources:${serviceRole('Deployer', 'codebuild.amazonaws.com', "[{ Effect: Allow, Action: sts:AssumeRole, Resource: '*' }]")}
  Target:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { AWS: !GetAtt Deployer.Arn }, Action: sts:AssumeRole }]
`;
    const fixOf = (text: string) => scanTemplate(text, { file: 'chain.yaml' }).findings.find((f) => f.ruleId === 'credentials-exposure')!;
    // A role assuming itself scopes nothing: the other role is the one to name.
    const finding = fixOf(template);
    expect(finding.fix).toContain('the resources of a matching type this template names: !GetAtt Target.Arn.');
    expect(finding.fix).not.toContain('Deployer.Arn');
    const alone = fixOf(template.slice(0, template.indexOf('  Target:')));
    expect(alone.fix).toContain('(the template defines none of a matching type but the principal itself)');
    expect(alone.suggestion).toBeUndefined();
  });

  it('gives the ARN format when the template defines nothing of the type', () => {
    const finding = byRule(list, 'data-exfiltration').find((f) => f.actions.includes('ssm:GetParameter'))!;
    expect(finding.fix).toContain('ARNs of the form arn:${Partition}:ssm:${Region}:${Account}:parameter/');
  });

  it('scopes full-admin to the template\'s resources and the actions the principal is granted elsewhere', () => {
    const finding = only(list, 'full-admin');
    expect(finding.fix).toContain("this template's resources: !GetAtt OrdersTable.Arn, !GetAtt ReportsBucket.Arn, !GetAtt SiteBucket.Arn");
    expect(finding.fix).toContain('its other statements grant cloudwatch:PutMetricData, ssm:GetParameter: start from those');
  });
  it('names the service that assumes the role when the template has nothing else to go on', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'sample-templates', 'bad', 'admin-role.yaml'), 'utf8');
    const fixes = scanTemplate(text, { file: 'admin-role.yaml' }).findings.filter((f) => f.ruleId === 'full-admin').map((f) => f.fix);
    expect(fixes).toEqual([
      'Replace AdministratorAccess with a policy that lists what codebuild.amazonaws.com calls with this role, scoped to its resources.',
      'List what codebuild.amazonaws.com calls with this role and scope it to the resources it works on (`iamgate generate` writes the statements from access levels); for humans, use SSO permission sets with job-function policies.',
    ]);
  });
});

describe('service principals written with the region', () => {
  it('offers the source condition as an edit for a statement whose one principal is logs.${AWS::Region}.amazonaws.com', () => {
    const template = `Resources:
  LogKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
            Action: kms:*
            Resource: '*'
          - Effect: Allow
            Principal: { Service: !Sub 'logs.\${AWS::Region}.amazonaws.com' }
            Action: [kms:Encrypt, kms:Decrypt, kms:GenerateDataKey]
            Resource: '*'
`;
    const finding = scanTemplate(template, { file: 'logs-key.yaml' }).findings.find((f) => f.ruleId === 'confused-deputy')!;
    expect(finding.fix).toBe('Add Condition StringEquals aws:SourceAccount: !Ref AWS::AccountId. `iamgate fix` adds it.');
    expect(finding.suggestion?.edit).toMatchObject({ kind: 'add-keys' });
  });
});

describe('resources that cover one type', () => {
  it('asks for ARNs of the type the statement names (instance/*), not the shortest of every type the action takes', () => {
    const template = `Resources:${serviceRole('Tagger', 'lambda.amazonaws.com', "[{ Effect: Allow, Action: ec2:CreateTags, Resource: !Sub 'arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:instance/*' }]")}
`;
    const finding = scanTemplate(template, { file: 'tags.yaml' }).findings.find((f) => f.ruleId === 'resource-wildcard')!;
    expect(finding.fix).toBe(
      'Replace the unconstrained resource with ARNs of the form arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId} (the template defines none of a matching type).',
    );
  });
});

describe("a SAM function's own ARN", () => {
  it('is not offered as the scope of what its role may do', () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Deployer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: 'def handler(event, context): pass'
      Policies:
        - Statement: [{ Effect: Allow, Action: [lambda:CreateFunction, lambda:DeleteFunction], Resource: '*' }]
`;
    const finding = scanTemplate(template, { file: 'deployer.yaml' }).findings.find((f) => f.ruleId === 'resource-wildcard')!;
    expect(finding.fix).not.toContain('Deployer.Arn');
    expect(finding.fix).toContain('(the template defines none of a matching type but the principal itself)');
  });
});

describe('iam:PassRole already limited to services', () => {
  it('asks only for the roles, and does not ask again for the iam:PassedToService condition it has', () => {
    const template = `Resources:${serviceRole(
      'Pipeline',
      'codepipeline.amazonaws.com',
      `
              - Effect: Allow
                Action: iam:PassRole
                Resource: '*'
                Condition: { StringEqualsIfExists: { iam:PassedToService: [cloudformation.amazonaws.com, ec2.amazonaws.com] } }
              - { Effect: Allow, Action: ec2:RunInstances, Resource: '*' }`,
    )}
`;
    const list = scanTemplate(template, { file: 'pipeline.yaml' }).findings;
    expect(list.find((f) => f.ruleId === 'pass-role-unrestricted')).toMatchObject({
      severity: 'warning',
      fix: 'Name the roles the workload passes: its iam:PassedToService condition limits the services, not which roles go to them.',
    });
    expect(list.find((f) => f.ruleId === 'privilege-escalation' && f.message.includes('together'))!.fix).toBe(
      'Scope iam:PassRole to the roles this principal must pass (its iam:PassedToService condition already admits ec2.amazonaws.com), or split ec2:RunInstances into another principal.',
    );
  });
});

describe('a managed policy named where roles belong', () => {
  it('moves the policy to iam:PolicyARN, and never offers the principal itself as the role', () => {
    const template = `Resources:${serviceRole(
      'Operator',
      'lambda.amazonaws.com',
      "[{ Effect: Allow, Action: [iam:AttachRolePolicy, iam:DetachRolePolicy], Resource: 'arn:aws:iam::aws:policy/AmazonEC2FullAccess' }]",
    )}
`;
    const finding = scanTemplate(template, { file: 'operator.yaml' }).findings.find((f) => f.ruleId === 'invalid-resource')!;
    expect(finding.fix).toBe(
      'Name the roles, users or groups in Resource, and the policy in a condition: Condition: {ArnEquals: {iam:PolicyARN: "arn:aws:iam::aws:policy/AmazonEC2FullAccess"}}.',
    );
    expect(finding.fix).not.toContain('Operator.Arn');
  });
});

describe('resources written with policy variables', () => {
  it('escapes a policy variable in Fn::Sub text as ${!...}, so that CloudFormation leaves it to IAM', () => {
    const template = `Resources:
  Media: { Type: AWS::S3::Bucket }${serviceRole(
      'SignedIn',
      'lambda.amazonaws.com',
      "[{ Effect: Allow, Action: s3:GetObject, Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Media}/private/\${!cognito-identity.amazonaws.com:sub}/*' }]",
    )}${serviceRole('Guest', 'lambda.amazonaws.com', "[{ Effect: Allow, Action: s3:GetObject, Resource: '*' }]")}
`;
    const finding = scanTemplate(template, { file: 'media.yaml' }).findings.find((f) => f.ruleId === 'data-exfiltration')!;
    expect(finding.fix).toContain("!Sub 'arn:${AWS::Partition}:s3:::${Media}/private/${!cognito-identity.amazonaws.com:sub}/*'");
    expect(finding.suggestion?.snippet).toContain('${!cognito-identity.amazonaws.com:sub}');
  });
});

describe('conditions that close a grant', () => {
  it('offers CloudFront origin access for a public bucket that a distribution of the template serves', () => {
    const finding = only(findings('orders-service.yaml'), 'public-access');
    expect(finding.fix).toContain('Serve the bucket through distribution SiteDistribution only');
    expect(finding.suggestion?.snippet).toBe(
      [
        'Principal:',
        '  Service: cloudfront.amazonaws.com',
        'Condition:',
        '  StringEquals:',
        "    AWS:SourceArn: !Sub 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}'",
      ].join('\n'),
    );
  });

  it('limits a public resource policy to the configured organization, or to this account', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'sample-templates', 'bad', 'logs-resource-policy.yaml'), 'utf8');
    const open = scanTemplate(text, { file: 'logs.yaml' }).findings.find((f) => f.ruleId === 'public-access')!;
    expect(open.suggestion?.snippet).toBe('Condition:\n  StringEquals:\n    aws:PrincipalAccount: !Ref AWS::AccountId');
    const org = scanTemplate(text, { file: 'logs.yaml', config: { trustedOrganizations: ['o-a1b2c3d4e5'] } }).findings.find((f) => f.ruleId === 'public-access')!;
    expect(org.fix).toContain('add Condition StringEquals aws:PrincipalOrgID: o-a1b2c3d4e5');
  });

  it('ties a service to the source resource the template links to the protected one', () => {
    const list = findings('queue-and-function.yaml');
    const [queue, permission] = [...byRule(list, 'confused-deputy')].sort((a, b) => a.location.line - b.location.line);
    expect(queue!.fix).toBe(
      'Add Condition StringEquals aws:SourceAccount: !Ref AWS::AccountId and ArnLike aws:SourceArn: !Ref Orders (topic Orders, the sns.amazonaws.com source linked to it). `iamgate fix` adds it.',
    );
    expect(queue!.suggestion?.edit).toEqual({
      kind: 'add-keys',
      at: '/Resources/InboxPolicy/Properties/PolicyDocument/Statement/0',
      value: { Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': { Ref: 'Orders' } } } },
    });
    expect(permission!.suggestion?.edit).toEqual({
      kind: 'add-keys',
      at: '/Resources/NightlyInvoke/Properties',
      value: { SourceAccount: { Ref: 'AWS::AccountId' }, SourceArn: { 'Fn::GetAtt': ['Nightly', 'Arn'] } },
    });
  });

  it('names no source it cannot tell apart: this account only, with the candidates named', () => {
    const text = readFileSync(join(FIX_FIXTURES, 'queue-and-function.yaml'), 'utf8').replace(
      '  Inbox:\n',
      '  Audit:\n    Type: AWS::SNS::Topic\n  Inbox:\n',
    ).replace('      TopicArn: !Ref Orders\n', '      TopicArn: !Ref Orders\n      FilterPolicy: { audit: [!Ref Audit] }\n');
    const finding = scanTemplate(text, { file: 'q.yaml' }).findings.find((f) => f.ruleId === 'confused-deputy' && f.location.logicalId === 'InboxPolicy')!;
    expect(finding.fix).toBe(
      'Add Condition StringEquals aws:SourceAccount: !Ref AWS::AccountId; to also name the source, add aws:SourceArn of the one that acts here (topic Orders, topic Audit). `iamgate fix` adds it.',
    );
  });

  it("finds a key's source through what the key encrypts, and takes no IAM policy that names both for a link", () => {
    const template = `
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  Orders:
    Type: AWS::SNS::Topic
  QueueKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
            Action: kms:*
            Resource: '*'
          - Effect: Allow
            Principal: { Service: sns.amazonaws.com }
            Action: [kms:Decrypt, kms:GenerateDataKey]
            Resource: '*'
  Inbox:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref QueueKey
  InboxSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      Protocol: sqs
      TopicArn: !Ref Orders
      Endpoint: !GetAtt Inbox.Arn
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: work
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [sns:Publish, kms:GenerateDataKey]
                Resource: [!Ref Alerts, !GetAtt QueueKey.Arn]
`;
    const finding = scanTemplate(template, { file: 'key.yaml' }).findings.find((f) => f.ruleId === 'confused-deputy')!;
    expect(finding.fix).toContain('ArnLike aws:SourceArn: !Ref Orders (topic Orders, the sns.amazonaws.com source linked to it)');
  });

  it('writes the TLS-only Deny for every queue a queue policy serves', () => {
    const text = readFileSync(join(FIX_FIXTURES, 'conditional-grants.yaml'), 'utf8')
      .replace('  Work:\n', '  Retry:\n    Type: AWS::SQS::Queue\n  Work:\n')
      .replace('Queues: [!Ref Work]', 'Queues: [!Ref Work, !Ref Retry]');
    const finding = scanTemplate(text, { file: 'c.yaml' }).findings.find((f) => f.ruleId === 'transport-not-enforced')!;
    expect(finding.fix).toBe('Add a statement that denies sqs:* to "*" on !GetAtt Work.Arn, !GetAtt Retry.Arn when aws:SecureTransport is false. `iamgate fix` adds it.');
    expect(finding.suggestion?.edit).toMatchObject({ kind: 'append', at: '/Resources/WorkPolicy/Properties/PolicyDocument/Statement' });
  });
});

describe('every over-privilege finding is concrete', () => {
  const OVER_PRIVILEGE = ['full-admin', 'action-wildcard', 'resource-wildcard', 'data-exfiltration', 'public-access', 'confused-deputy', 'transport-not-enforced'];
  const generic = new Map(builtinRules.map((rule) => [rule.meta.id, rule.meta.fix]));

  it.each(['orders-service.yaml', 'queue-and-function.yaml', 'alerts.json', 'conditional-grants.yaml'])('%s', (name) => {
    const relevant = findings(name).filter((f) => OVER_PRIVILEGE.includes(f.ruleId));
    expect(relevant.length).toBeGreaterThan(0);
    for (const finding of relevant) {
      expect({ rule: finding.ruleId, fix: finding.fix }).not.toEqual({ rule: finding.ruleId, fix: generic.get(finding.ruleId) });
      // It names something of this template or of IAM: a resource, an action, a condition key or an ARN format.
      expect(finding.fix).toMatch(/!Ref|!GetAtt|!Sub|[a-z0-9-]+:[A-Z]|aws:|arn:\$\{Partition\}/);
    }
  });
});

describe('in the reports', () => {
  const result = scanTemplate(readFileSync(join(FIX_FIXTURES, 'alerts.json'), 'utf8'), { file: 'alerts.json' });

  it('JSON carries the fix and its suggestion: snippet and exact edit', () => {
    const report = JSON.parse(formatJson(result));
    const deputy = report.findings.find((f: { ruleId: string }) => f.ruleId === 'confused-deputy');
    expect(deputy.fix).toContain('aws:SourceArn: !GetAtt Digest.Arn');
    expect(deputy.suggestion).toEqual({
      snippet: 'Condition:\n  StringEquals:\n    aws:SourceAccount: !Ref AWS::AccountId\n  ArnLike:\n    aws:SourceArn: !GetAtt Digest.Arn',
      edit: expect.objectContaining({ kind: 'add-keys', at: '/Resources/AlertsPolicy/Properties/PolicyDocument/Statement/0' }),
    });
  });

  it('text shows the snippet under the fix', () => {
    const text = formatText(result, { color: false });
    expect(text).toContain(
      [
        '                    fix: Add Condition StringEquals aws:SourceAccount: !Ref AWS::AccountId and ArnLike aws:SourceArn: !GetAtt Digest.Arn (rule Digest, the events.amazonaws.com source linked to it). `iamgate fix` adds it.',
        '                         Condition:',
        '                           StringEquals:',
        '                             aws:SourceAccount: !Ref AWS::AccountId',
      ].join('\n'),
    );
  });
});

describe('Allow with NotAction or NotResource', () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'rules', 'allow-with-not', 'bad', 'not-elements.yaml'), 'utf8');
  const list = byRule(scanTemplate(text, { file: 'not-elements.yaml' }).findings, 'allow-with-not');

  it('keeps the exclusion as a Deny guardrail and asks for the list of actions on the template resources', () => {
    const notAction = list.find((f) => f.location.line === 20)!;
    expect(notAction.fix).toBe(
      "Keep iam:* out with a Deny statement (the snippet), and replace this Allow with the actions the principal needs on this template's resources: !GetAtt Bucket.Arn (`iamgate generate` writes them from access levels).",
    );
    expect(notAction.suggestion?.snippet).toBe("- Effect: Deny\n  Action: iam:*\n  Resource: '*'");
  });

  it('names the resources a NotResource could become', () => {
    const notResource = list.find((f) => f.location.line === 28)!;
    expect(notResource.fix).toContain("Replace NotResource with the resources the principal works on, e.g. this template's resources: !GetAtt Bucket.Arn");
    expect(notResource.suggestion?.snippet).toBe('Resource: !GetAtt Bucket.Arn');
  });
});
