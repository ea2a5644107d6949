/**
 * Policy documents written as JSON strings: literal, built with `Fn::Sub` or `Fn::Join`, or
 * serialized by `Fn::ToJsonString`. References inside survive the round trip.
 */
import { extractTemplate, onlyPolicy, policiesOf, refsIn, summary } from './extract-template';

describe('JSON-string policy documents', () => {
  it('parses a Logs::ResourcePolicy built with Fn::Sub, keeping the log group reference', () => {
    const { extraction } = extractTemplate(`
Resources:
  AppLogs: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: /app/search}}
  SearchLogs:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: search-logs
      PolicyDocument: !Sub |
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Sid": "SearchToLogs",
            "Effect": "Allow",
            "Principal": {"Service": "es.amazonaws.com"},
            "Action": ["logs:PutLogEvents", "logs:CreateLogStream"],
            "Resource": "\${AppLogs.Arn}",
            "Condition": {"StringEquals": {"aws:SourceAccount": "\${AWS::AccountId}"}}
          }]
        }
`);
    expect(extraction.errors).toEqual([]);
    const policy = onlyPolicy(extraction, 'SearchLogs');
    expect(policy.name).toBe('search-logs');
    expect(policy.problems).toEqual([]);
    const [statement] = policy.statements;
    expect(statement.sid).toBe('SearchToLogs');
    expect(refsIn(statement.resources![0].value)).toEqual(['AppLogs']);
    expect(statement.conditions[0].values[0].value).toEqual({ kind: 'symbolic', parts: [{ kind: 'pseudo', name: 'AWS::AccountId' }] });
    // A string has no inner positions: every element points at the property.
    expect(statement.actions!.map((a) => a.at)).toEqual(['/Resources/SearchLogs/Properties/PolicyDocument', '/Resources/SearchLogs/Properties/PolicyDocument']);
  });

  it('parses a key policy built with Fn::Join', () => {
    const { extraction } = extractTemplate(`
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !Join
        - ''
        - - '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::'
          - !Ref AWS::AccountId
          - ':root"},"Action":"kms:*","Resource":"*"}]}'
`);
    expect(summary(onlyPolicy(extraction, 'Key'))).toEqual(['Allow actions=kms:* resources=* principals=account:{AWS::AccountId}']);
  });

  it('reads a document serialized by Fn::ToJsonString', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::LanguageExtensions
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Destination:
    Type: AWS::Logs::Destination
    Properties:
      DestinationName: central
      RoleArn: arn:aws:iam::111122223333:role/cwl
      TargetArn: !GetAtt Queue.Arn
      DestinationPolicy:
        Fn::ToJsonString:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal: {AWS: '444455556666'}
              Action: logs:PutSubscriptionFilter
              Resource: !Sub 'arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:destination:central'
`);
    expect(extraction.errors).toEqual([]);
    expect(summary(onlyPolicy(extraction, 'Destination'))).toEqual([
      'Allow actions=logs:PutSubscriptionFilter resources=arn:aws:logs:{AWS::Region}:{AWS::AccountId}:destination:central principals=account:444455556666',
    ]);
  });

  it('turns Fn::If inside a built string into one policy per branch', () => {
    const { extraction } = extractTemplate(`
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  SearchLogs:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: search-logs
      PolicyDocument: !Sub
        - '{"Statement":[{"Effect":"Allow","Principal":{"Service":"es.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"\${Target}"}]}'
        - Target: !If [IsProd, 'arn:aws:logs:*:*:log-group:/prod/*', '*']
`);
    const policies = policiesOf(extraction, 'SearchLogs');
    expect(policies.map((p) => [p.when, summary(p)])).toEqual([
      [[{ condition: 'IsProd', value: true }], ['Allow actions=logs:PutLogEvents resources=arn:aws:logs:*:*:log-group:/prod/* principals=service:es.amazonaws.com']],
      [[{ condition: 'IsProd', value: false }], ['Allow actions=logs:PutLogEvents resources=* principals=service:es.amazonaws.com']],
    ]);
  });

  it('fails the resource with the property position when the string is not JSON', () => {
    const { extraction } = extractTemplate(`
Resources:
  Broken:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: broken
      PolicyDocument: '{"Statement": [{"Effect": "Allow",}]}'
  Fine:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: fine
      PolicyDocument: '{"Statement": []}'
`);
    expect(extraction.errors).toEqual([
      { logicalId: 'Broken', at: '/Resources/Broken/Properties/PolicyDocument', message: expect.stringContaining('PolicyDocument is a string that is not valid JSON') },
    ]);
    expect(extraction.policies.map((p) => p.source.logicalId)).toEqual(['Fine']);
  });
});
