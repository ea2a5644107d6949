import type { Policy, Statement } from '../../src/extract/types';
import type { Extraction } from '../../src/extract/types';
import { scanTemplate } from '../../src/engine/scan';
import { getAction } from '../../src/iam';
import { statementNarrowing, type DenyStatement } from '../../src/analysis/statement-narrowing';

/** The extraction of a template, through the real pipeline without rules. */
function extract(text: string): Extraction {
  let extraction: Extraction | undefined;
  const result = scanTemplate(text, { file: 'stack.yaml', rules: [], onTemplate: (analysis) => (extraction = analysis.extraction) });
  if (!extraction || result.errors.length > 0) throw new Error(`template did not analyze: ${JSON.stringify(result.errors)}`);
  return extraction;
}

/** A role whose one inline policy holds the given statements (YAML list items at 14 spaces). */
function role(statements: string, parameters = ''): string {
  return `
Parameters:
  Env:
    Type: String
${parameters}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${statements}`;
}

function identityPolicy(extraction: Extraction): Policy {
  const policy = extraction.policies.find((p) => p.kind === 'identity');
  if (!policy) throw new Error('no identity policy');
  return policy;
}

/** The narrowing of the first Allow statement, with the policy's own Denies. */
function narrowingOf(text: string, actionNames: string[] | 'all') {
  const policy = identityPolicy(extract(text));
  const statement = policy.statements.find((s) => s.effect === 'Allow') as Statement;
  const denies: DenyStatement[] = policy.statements.filter((s) => s.effect === 'Deny').map((s) => ({ statement: s, policy }));
  const actions = actionNames === 'all' ? 'all' : actionNames.map((name) => getAction(name)!);
  return statementNarrowing({ statement, policy, actions, denies });
}

const terminate = (condition: string) => `
              - Effect: Allow
                Action: ec2:TerminateInstances
                Resource: '*'
                Condition:
${condition}`;

describe('statementNarrowing: conditions of the statement', () => {
  it('is open without conditions or Denies', () => {
    expect(narrowingOf(role(terminate('                  {}')), ['ec2:TerminateInstances'])).toEqual({ verdict: 'open', weighed: [] });
  });

  it('weighs a fixed resource tag and says which condition it was', () => {
    const n = narrowingOf(role(terminate('                  StringEquals: { aws:ResourceTag/team: web }')), ['ec2:TerminateInstances']);
    expect(n).toEqual({ verdict: 'narrowed', weighed: ['Condition StringEquals aws:ResourceTag/team'] });
  });

  it('weighs an attribute of the resource acted on (ec2:InstanceType of an instance)', () => {
    const n = narrowingOf(role(terminate('                  StringEquals: { ec2:InstanceType: t3.micro }')), ['ec2:TerminateInstances']);
    expect(n.verdict).toBe('narrowed');
  });

  it.each([
    ['a wildcard value', 'StringLike: { aws:ResourceTag/team: "*" }'],
    ['a negated operator', 'StringNotEquals: { aws:ResourceTag/team: web }'],
    ['IfExists on a key the request may lack', 'StringEqualsIfExists: { aws:ResourceTag/team: web }'],
    ['ForAllValues (true when the key is absent)', 'ForAllValues:StringEquals: { aws:TagKeys: [team] }'],
    ['Null', 'Null: { aws:ResourceTag/team: "false" }'],
    ['a key about how the request travels', 'IpAddress: { aws:SourceIp: 10.0.0.0/8 }'],
    ['the caller organization in an identity policy', 'StringEquals: { aws:PrincipalOrgID: o-a1b2c3d4e5 }'],
    ['calls through CloudFormation, which makes any call', 'StringEquals: { aws:CalledViaFirst: cloudformation.amazonaws.com }'],
    ['a pattern CloudFormation matches', 'StringLike: { aws:CalledViaLast: "cloudformation.*" }'],
  ])('does not count %s', (_what, condition) => {
    expect(narrowingOf(role(terminate(`                  ${condition}`)), ['ec2:TerminateInstances']).verdict).toBe('open');
  });

  it('cannot prove a value not known statically narrow, and says so', () => {
    const text = role(terminate('                  StringEquals: { aws:ResourceTag/team: !Ref Team }'), '  Team:\n    Type: String');
    const n = narrowingOf(text, ['ec2:TerminateInstances']);
    expect(n.verdict).toBe('unknown');
    expect(n.weighed[0]).toContain('Condition StringEquals aws:ResourceTag/team (a value not known statically');
  });

  it('counts the EFS access point a client must mount through (elasticfilesystem:AccessPointArn)', () => {
    const mount = role(`
              - Effect: Allow
                Action: elasticfilesystem:ClientMount
                Resource: '*'
                Condition:
                  StringEquals: { elasticfilesystem:AccessPointArn: arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-0123456789abcdef0 }`);
    expect(narrowingOf(mount, ['elasticfilesystem:ClientMount']).verdict).toBe('narrowed');
  });

  it('counts tagging only while creating (ec2:CreateAction)', () => {
    const tagOnCreate = role(`
              - Effect: Allow
                Action: ec2:CreateTags
                Resource: arn:aws:ec2:*:*:instance/*
                Condition:
                  StringEquals: { ec2:CreateAction: RunInstances }`);
    expect(narrowingOf(tagOnCreate, ['ec2:CreateTags']).verdict).toBe('narrowed');
  });

  it('counts calls through a service that acts on its own resources (aws:CalledVia athena)', () => {
    expect(narrowingOf(role(terminate('                  ForAnyValue:StringEquals: { aws:CalledVia: athena.amazonaws.com }')), ['ec2:TerminateInstances']).verdict).toBe('narrowed');
  });

  it('counts aws:ViaAWSService only when it requires true', () => {
    const via = (value: string) => narrowingOf(role(terminate(`                  Bool: { aws:ViaAWSService: "${value}" }`)), ['ec2:TerminateInstances']);
    expect(via('true').verdict).toBe('narrowed');
    expect(via('false').verdict).toBe('open');
  });
});

describe('statementNarrowing: Deny statements', () => {
  const allowTerminate = `
              - Effect: Allow
                Action: ec2:TerminateInstances
                Resource: '*'`;

  it('is denied by an unconditional Deny of the action on every resource', () => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:Terminate*
                Resource: '*'`);
    expect(narrowingOf(text, ['ec2:TerminateInstances']).verdict).toBe('denied');
  });

  it.each([
    ['another account', 'arn:aws:ec2:*:999999999999:instance/*'],
    ['one region', 'arn:aws:ec2:eu-west-1:*:instance/*'],
  ])('is not denied by a Deny of the instances of %s: the rest stay allowed', (_where, denied) => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:TerminateInstances
                Resource: ${denied}`);
    expect(narrowingOf(text, ['ec2:TerminateInstances']).verdict).toBe('open');
  });

  it("is denied by a Deny of this account's instances in this region", () => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:TerminateInstances
                Resource: !Sub 'arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:instance/*'`);
    expect(narrowingOf(text, ['ec2:TerminateInstances']).verdict).toBe('denied');
  });

  it('is not narrowed by a Deny of every resource but ones that take in all it reaches', () => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:TerminateInstances
                NotResource: '*'`);
    expect(narrowingOf(text, ['ec2:TerminateInstances']).verdict).toBe('open');
  });

  it('is narrowed by a Deny of every resource but some', () => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:TerminateInstances
                NotResource: arn:aws:ec2:us-east-1:111122223333:instance/i-0abc`);
    const n = narrowingOf(text, ['ec2:TerminateInstances']);
    expect(n.verdict).toBe('narrowed');
    expect(n.weighed[0]).toMatch(/^a Deny \(statement 1 of app\) of every resource but arn:aws:ec2/);
  });

  it('is not narrowed by a Deny that ForAnyValue keeps from firing on untagged resources', () => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:TerminateInstances
                Resource: '*'
                Condition:
                  ForAnyValue:StringNotEquals: { aws:ResourceTag/team: web }`);
    expect(narrowingOf(text, ['ec2:TerminateInstances']).verdict).toBe('open');
  });

  it('is narrowed by a Deny unless a resource tag matches', () => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:TerminateInstances
                Resource: '*'
                Condition:
                  StringNotEquals: { aws:ResourceTag/team: web }`);
    expect(narrowingOf(text, ['ec2:TerminateInstances'])).toEqual({
      verdict: 'narrowed',
      weighed: ['a Deny (statement 1 of app) unless aws:ResourceTag/team matches'],
    });
  });

  it('ignores a Deny that exists only in one Fn::If branch', () => {
    const text = role(`${allowTerminate}
              - !If
                - IsProd
                - Effect: Deny
                  Action: ec2:TerminateInstances
                  Resource: '*'
                - !Ref AWS::NoValue`);
    expect(narrowingOf(text, ['ec2:TerminateInstances']).verdict).toBe('open');
  });

  it('ignores a Deny of other actions', () => {
    const text = role(`${allowTerminate}
              - Effect: Deny
                Action: ec2:StopInstances
                Resource: '*'`);
    expect(narrowingOf(text, ['ec2:TerminateInstances']).verdict).toBe('open');
  });

  it('judges "every action" cut by a Deny of everything but some actions as a grant of those on every resource', () => {
    const deny = (left: string) =>
      narrowingOf(
        role(`
              - Effect: Allow
                Action: '*'
                Resource: '*'
              - Effect: Deny
                NotAction: ${left}
                Resource: '*'`),
        'all',
      );
    // s3:* and sqs:* on every resource are no narrower a grant: named, not lowered.
    expect(deny('[s3:*, sqs:*]')).toEqual({ verdict: 'open', weighed: [expect.stringContaining('of every action but s3:*, sqs:*, which leaves those on every resource')] });
    // Listings and configuration reads are all that is left: nothing worth reporting.
    expect(deny('[s3:ListAllMyBuckets, ec2:DescribeInstances]').verdict).toBe('denied');
    // Actions that are no over-grant on every resource (they act on none, or read data no catalogue holds) lower it.
    expect(deny('[xray:PutTraceSegments, sqs:ReceiveMessage]').verdict).toBe('narrowed');
    expect(deny('iam:Get*').verdict).toBe('narrowed');
    // One that is (a change to every instance, a read of every object) leaves it as broad as it reads.
    expect(deny('ec2:StartInstances').verdict).toBe('open');
    expect(deny('s3:GetObject').verdict).toBe('open');
  });

  it('judges "every action" cut by a Deny of every resource but some as every action on those', () => {
    const n = narrowingOf(
      role(`
              - Effect: Allow
                Action: '*'
                Resource: '*'
              - Effect: Deny
                Action: '*'
                NotResource: arn:aws:iam::*:role/*`),
      'all',
    );
    expect(n).toEqual({ verdict: 'open', weighed: [expect.stringContaining('of every resource but arn:aws:iam::*:role/*, which leaves every action on those')] });
  });
});
