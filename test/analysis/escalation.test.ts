import { escalationPaths, roleEdges } from '../../src/analysis/escalation';
import { analyze } from './helpers';

const role = (name: string, trusted: string, policy: string, extra = '') => `
  ${name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: ${trusted}
            Action: sts:AssumeRole
${extra}      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${policy}`;

const allow = (actions: string, resource = "'*'") => `              - Effect: Allow
                Action: ${actions}
                Resource: ${resource}
`;

describe('escalation across roles', () => {
  it('passing a role counts only with the rest of a method, for a service the role trusts', () => {
    const template = `Resources:${role('Admin', '{ Service: lambda.amazonaws.com }', allow("'*'"))}${role(
      'Deployer',
      '{ Service: codebuild.amazonaws.com }',
      allow('[iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]'),
    )}${role('Passer', '{ Service: codebuild.amazonaws.com }', allow('iam:PassRole'))}${role(
      'Ec2Only',
      '{ Service: codebuild.amazonaws.com }',
      allow('[iam:PassRole, ec2:RunInstances]', '!GetAtt Admin.Arn'),
    )}`;
    const { input } = analyze(template);
    // Admin, an administrator, can pass every role; of the others only Deployer holds a whole method.
    const edges = roleEdges(input).filter((e) => e.via === 'pass' && e.from !== 'Admin');
    expect(edges.map((e) => `${e.from}->${e.to} ${e.passTo?.service}`)).toEqual(['Deployer->Admin lambda.amazonaws.com']);
    const paths = escalationPaths(input);
    expect(paths.map((p) => `${p.from}: ${p.steps.map((s) => s.to).join('>')} ${p.power.kind}`)).toEqual(['Deployer: Admin administrator']);
  });

  it('follows assume-role chains and stops at the first role with power', () => {
    const template = `Resources:${role('Ops', '{ AWS: !GetAtt Dev.Arn }', allow('iam:PutRolePolicy'))}${role(
      'Dev',
      "{ AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }",
      allow('logs:GetLogEvents'),
    )}${role('Intern', '{ Service: ec2.amazonaws.com }', allow('sts:AssumeRole', '!GetAtt Dev.Arn'))}`;
    const paths = escalationPaths(analyze(template).input);
    expect(paths.map((p) => `${p.from}: ${p.steps.map((s) => `${s.via} ${s.to}`).join(', ')} (${p.power.detail})`).sort()).toEqual([
      'Dev: assume Ops (Write an inline policy on a role)',
      'Intern: assume Dev, assume Ops (Write an inline policy on a role)',
    ]);
  });
});
