/**
 * Permissions boundaries cap what identity policies grant: a principal gets only what both allow.
 * Over-grant findings weigh a boundary the way they weigh a Deny: one that allows none of the
 * actions clears the finding, one that allows them only partly lowers it and says so. A boundary
 * counts only when it is certain: in every `Fn::If` branch, with a document known statically, on
 * every principal the policy applies to.
 */
import { scanTemplate } from '../../src/engine/scan';
import type { Finding } from '../../src/rules/types';

function template(boundary: string, grant: string, extra = ''): string {
  return `
Parameters:
  BoundaryArn: { Type: String, Default: '' }
Conditions:
  HasBoundary: !Not [!Equals [!Ref BoundaryArn, '']]
Resources:
  Ceiling:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: '*' }
  Worker:
    Type: AWS::IAM::Role
    Properties:
      PermissionsBoundary: ${boundary}
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
${grant}
${extra}`;
}

const ADMIN = '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]';
const S3_EVERYTHING = `      Policies:
        - PolicyName: s3
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - { Effect: Allow, Action: 's3:*', Resource: '*' }`;

const findings = (text: string, ruleId: string): Finding[] => {
  const result = scanTemplate(text, { file: 'stack.yaml' });
  expect(result.errors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === ruleId);
};

describe('permissions boundaries in over-grant findings', () => {
  it('lower full-admin to a warning that names the boundary and what it allows', () => {
    const [finding, ...rest] = findings(template('!Ref Ceiling', ADMIN), 'full-admin');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding!.message).toContain('narrowed by the permissions boundary Ceiling, which allows dynamodb:GetItem, dynamodb:Query');
  });

  it('clear a finding on actions the boundary does not allow at all', () => {
    expect(findings(template('!Ref Ceiling', S3_EVERYTHING), 'action-wildcard')).toEqual([]);
    expect(findings(template('arn:aws:iam::aws:policy/AdministratorAccess', S3_EVERYTHING), 'action-wildcard')).toHaveLength(1);
  });

  it('count only when certain: a boundary in one Fn::If branch, or one whose ARN is a parameter, caps nothing', () => {
    const conditional = "!If [HasBoundary, !Ref Ceiling, !Ref 'AWS::NoValue']";
    expect(findings(template(conditional, ADMIN), 'full-admin')).toMatchObject([{ severity: 'error' }]);
    expect(findings(template('!Ref BoundaryArn', ADMIN), 'full-admin')).toMatchObject([{ severity: 'error' }]);
    expect(findings(template(conditional, S3_EVERYTHING), 'action-wildcard')).toHaveLength(1);
  });

  it('take a value not known statically in a boundary as the widest it could be', () => {
    const ceiling = (statement: string) =>
      template('!Ref Ceiling', S3_EVERYTHING).replace("          - { Effect: Allow, Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: '*' }", `          - ${statement}`);
    const finding = (statement: string) => findings(ceiling(statement).replace('BoundaryArn: { Type: String', 'Wide: { Type: String }\n  BoundaryArn: { Type: String'), 'action-wildcard');
    // A resource or an action from a parameter may be "*": the boundary caps nothing.
    expect(finding("{ Effect: Allow, Action: 's3:*', Resource: !Ref Wide }")).toMatchObject([{ severity: 'error' }]);
    expect(finding("{ Effect: Allow, Action: !Ref Wide, Resource: '*' }")).toMatchObject([{ severity: 'error' }]);
    // A boundary that allows the actions on one bucket only leaves them there: lowered, and said.
    const [narrowed] = finding("{ Effect: Allow, Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' }");
    expect(narrowed).toMatchObject({ severity: 'warning' });
    expect(narrowed!.message).toContain('narrowed by the permissions boundary Ceiling, which allows s3:*');
  });

  it('count only when every principal the policy applies to has one', () => {
    const shared = `
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Worker, !Ref Other]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Action: 's3:*', Resource: '*' }
  Other:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]`;
    expect(findings(template('!Ref Ceiling', '', shared), 'action-wildcard')).toHaveLength(1);
  });
});

describe('managed policies that serve as boundaries', () => {
  // The delegated-administrator pattern: a deployer may create roles only with this ceiling.
  const delegated = (attach: string) => `
Resources:
  Ceiling:
    Type: AWS::IAM::ManagedPolicy
    Properties:${attach}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Action: ['s3:GetObject', 'dynamodb:GetItem'], Resource: '*' }
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: delegated-admin
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [iam:CreateRole, iam:AttachRolePolicy]
                Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/app-*'
                Condition: { StringEquals: { iam:PermissionsBoundary: !Ref Ceiling } }
`;

  it('grant nothing when a statement requires them as the boundary of the roles it creates', () => {
    const list = scanTemplate(delegated(''), { file: 'delegated.yaml' }).findings;
    expect(list.filter((f) => f.location.logicalId === 'Ceiling')).toEqual([]);
  });

  it('still grant when a principal holds them too', () => {
    const list = scanTemplate(delegated('\n      Roles: [!Ref Deployer]'), { file: 'delegated.yaml' }).findings;
    expect(list.filter((f) => f.location.logicalId === 'Ceiling').map((f) => f.ruleId)).toEqual(expect.arrayContaining(['data-exfiltration']));
  });
});
