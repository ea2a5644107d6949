/**
 * Statement elements end to end: unknown values stay unknown (never `*`, never dropped),
 * lists from parameters keep the pointer of the reference that supplied them.
 */
import { extractTemplate, onlyPolicy, text } from './extract-template';

describe('statement elements from parameters', () => {
  const template = `
Parameters:
  AllowedActions: {Type: CommaDelimitedList}
  Buckets: {Type: CommaDelimitedList, Default: 'arn:aws:s3:::a/*,arn:aws:s3:::b/*'}
  Effect: {Type: String}
Resources:
  FromParameters:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: !Ref AllowedActions
            Resource: !Ref Buckets
          - Effect: !Ref Effect
            Action: [s3:GetObject, !Select [0, !Ref AllowedActions]]
            Resource: '*'
`;

  it('keeps an unknown list as one unknown entry and splits a known default, each at the reference', () => {
    const { extraction } = extractTemplate(template);
    const [first, second] = onlyPolicy(extraction, 'FromParameters').statements;
    const at = '/Resources/FromParameters/Properties/PolicyDocument/Statement/0';
    expect(first.actions).toEqual([{ value: { kind: 'unknown', reason: expect.stringContaining('AllowedActions') }, at: `${at}/Action` }]);
    expect(first.resources).toEqual([
      { value: 'arn:aws:s3:::a/*', at: `${at}/Resource` },
      { value: 'arn:aws:s3:::b/*', at: `${at}/Resource` },
    ]);
    expect(second.actions?.map((a) => text(a.value))).toEqual(['s3:GetObject', '?']);
  });

  it('reads an effect that cannot be known as Allow, with a problem at the Effect', () => {
    const { extraction } = extractTemplate(template);
    const policy = onlyPolicy(extraction, 'FromParameters');
    expect(policy.statements[1].effect).toBe('Allow');
    expect(policy.problems).toEqual([
      { message: expect.stringContaining('Statement 1 has an Effect that is not known statically'), at: '/Resources/FromParameters/Properties/PolicyDocument/Statement/1/Effect' },
    ]);
  });

  it('uses the value the user gives', () => {
    const { extraction } = extractTemplate(template, 'template.yaml', { parameters: { AllowedActions: 'sqs:SendMessage,sqs:GetQueueUrl', Effect: 'Deny' } });
    const [first, second] = onlyPolicy(extraction, 'FromParameters').statements;
    expect(first.actions?.map((a) => a.value)).toEqual(['sqs:SendMessage', 'sqs:GetQueueUrl']);
    expect(second.effect).toBe('Deny');
  });
});

describe('trust policy principals end to end', () => {
  it('classifies accounts, this account, in-template roles and federated providers', () => {
    const { extraction } = extractTemplate(`
Resources:
  Builder:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: codebuild.amazonaws.com}, Action: sts:AssumeRole}]
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS:
                - !GetAtt Builder.Arn
                - !Ref AWS::AccountId
                - !Sub arn:\${AWS::Partition}:iam::444455556666:root
                - 123456789012
            Action: sts:AssumeRole
          - Effect: Allow
            Principal: {Federated: !Sub 'arn:aws:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com'}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringLike: {token.actions.githubusercontent.com:sub: 'repo:example/app:*'}
`);
    const trust = extraction.policies.find((p) => p.source.logicalId === 'Deployer' && p.kind === 'trust')!;
    const [aws, federated] = trust.statements;
    expect(aws.principals?.map((p) => p.value.type)).toEqual(['iam-arn', 'account', 'account', 'account']);
    expect(aws.principals?.[0].value).toMatchObject({ type: 'iam-arn', ref: { logicalId: 'Builder', resourceType: 'AWS::IAM::Role' } });
    expect(aws.principals?.map((p) => (p.value.type === 'account' ? text(p.value.account) : 'role'))).toEqual(['role', '{AWS::AccountId}', '444455556666', '123456789012']);
    expect(aws.principals?.map((p) => p.at.split('/').pop())).toEqual(['0', '1', '2', '3']);
    expect(federated.principals?.[0].value.type).toBe('federated');
    expect(federated.conditions.map((c) => [c.operator, c.key, c.values.map((v) => v.value)])).toEqual([
      ['StringLike', 'token.actions.githubusercontent.com:sub', ['repo:example/app:*']],
    ]);
    expect(trust.problems.map((p) => p.message)).toEqual([expect.stringContaining('written as a number')]);
  });
});
