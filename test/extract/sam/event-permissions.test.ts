/**
 * The Lambda permissions SAM writes for push events, tied to their sources as SAM ties them
 * (checked against aws-sam-translator 1.110's output for the same events).
 */
import { extractTemplate, policiesOf, summary } from '../extract-template';
import { scanTemplate } from '../../../src/engine/scan';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads: {Type: AWS::S3::Bucket}
  Alerts: {Type: AWS::SNS::Topic}
  Users: {Type: AWS::Cognito::UserPool}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Upload: {Type: S3, Properties: {Bucket: !Ref Uploads, Events: 's3:ObjectCreated:*'}}
        Alert: {Type: SNS, Properties: {Topic: !Ref Alerts}}
        Nightly: {Type: Schedule, Properties: {Schedule: 'rate(1 day)'}}
        SignUp: {Type: Cognito, Properties: {UserPool: !Ref Users, Trigger: PreSignUp}}
        Get: {Type: Api, Properties: {Path: '/orders/{id}', Method: get}}
        Skill: {Type: AlexaSkill}
`;

describe('SAM push events', () => {
  const { extraction } = extractTemplate(TEMPLATE);

  it('give the delivering service lambda:InvokeFunction on the function, tied to the source', () => {
    expect(extraction.errors).toEqual([]);
    const permissions = policiesOf(extraction, 'Fn').filter((p) => p.kind === 'permission-grant');
    expect(permissions.map((p) => [p.source.pointer, summary(p)[0]!.replace(/^Allow actions=lambda:InvokeFunction resources=\S+ /, '')])).toEqual([
      ['/Resources/Fn/Properties/Events/Upload', 'principals=service:s3.amazonaws.com conditions=StringEquals:aws:SourceAccount={AWS::AccountId}'],
      ['/Resources/Fn/Properties/Events/Alert', 'principals=service:sns.amazonaws.com conditions=ArnLike:aws:SourceArn=arn:{AWS::Partition}:sns:{AWS::Region}:{AWS::AccountId}:{Alerts}'],
      ['/Resources/Fn/Properties/Events/Nightly', 'principals=service:events.amazonaws.com conditions=ArnLike:aws:SourceArn=arn:{AWS::Partition}:events:{AWS::Region}:{AWS::AccountId}:rule/{FnNightly}'],
      ['/Resources/Fn/Properties/Events/SignUp', 'principals=service:cognito-idp.amazonaws.com conditions=ArnLike:aws:SourceArn=arn:{AWS::Partition}:cognito-idp:{AWS::Region}:{AWS::AccountId}:userpool/{Users}'],
      ['/Resources/Fn/Properties/Events/Get', 'principals=service:apigateway.amazonaws.com conditions=ArnLike:aws:SourceArn=arn:{AWS::Partition}:execute-api:{AWS::Region}:{AWS::AccountId}:{ServerlessRestApi}/*/GET/orders/*'],
      ['/Resources/Fn/Properties/Events/Skill', 'principals=service:alexa-appkit.amazon.com'],
    ]);
  });

  it('let an Alexa skill without SkillId invoke the function for any skill: a confused deputy', () => {
    const findings = scanTemplate(TEMPLATE, { file: 'skill.yaml' }).findings.filter((f) => f.ruleId === 'confused-deputy');
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['error', 'lets alexa-appkit.amazon.com lambda:InvokeFunction on AWS::Serverless::Function Fn for any Alexa skill: no EventSourceToken (the skill id)'],
    ]);
  });
});
