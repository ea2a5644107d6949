import { extractTemplate, policiesOf, summary } from '../extract-template';

describe('AWS::Serverless::Api resource policy', () => {
  it('reads CustomStatements and the statements SAM generates from account and IP lists', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  PartnerApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          AwsAccountWhitelist: ['444455556666']
          IpRangeWhitelist: ['203.0.113.0/24']
          CustomStatements:
            - Effect: Deny
              Principal: '*'
              Action: execute-api:Invoke
              Resource: execute-api:/*/DELETE/*
`);
    expect(extraction.errors).toEqual([]);
    const [policy] = policiesOf(extraction, 'PartnerApi');
    expect(policy.kind).toBe('resource');
    expect(policy.resources).toEqual([{ resourceType: 'AWS::Serverless::Api', logicalId: 'PartnerApi' }]);
    expect(policy.source.pointer).toBe('/Resources/PartnerApi/Properties/Auth/ResourcePolicy');
    expect(summary(policy)).toEqual([
      'Allow actions=execute-api:Invoke resources=execute-api:/* principals=account:444455556666',
      'Allow actions=execute-api:Invoke resources=execute-api:/* principals=*',
      'Deny actions=execute-api:Invoke resources=execute-api:/* principals=* conditions=NotIpAddress:aws:SourceIp=203.0.113.0/24',
      'Deny actions=execute-api:Invoke resources=execute-api:/*/DELETE/* principals=*',
    ]);
    expect(policy.statements[0].principals?.[0].at).toBe('/Resources/PartnerApi/Properties/Auth/ResourcePolicy/AwsAccountWhitelist');
    expect(policy.problems).toEqual([]);
  });

  it('takes Auth.ResourcePolicy from Globals, with Fn::If branches, and reads x-amazon-apigateway-policy in the body', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Parameters:
  Open: {Type: String, AllowedValues: ['yes', 'no']}
Conditions:
  IsOpen: !Equals [!Ref Open, 'yes']
Globals:
  Api:
    Auth:
      ResourcePolicy:
        CustomStatements: !If
          - IsOpen
          - {Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/*}
          - {Effect: Allow, Principal: {AWS: '444455556666'}, Action: execute-api:Invoke, Resource: execute-api:/*}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: '3.0.1'
        paths: {}
        x-amazon-apigateway-policy:
          Version: '2012-10-17'
          Statement:
            - {Effect: Deny, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/*, Condition: {StringNotEquals: {aws:SourceVpce: vpce-0123}}}
`);
    const policies = policiesOf(extraction, 'Api');
    expect(policies.map((p) => [p.source.pointer, summary(p)])).toEqual([
      [
        '/Globals/Api/Auth/ResourcePolicy',
        ['Allow actions=execute-api:Invoke resources=execute-api:/* principals=* when=IsOpen', 'Allow actions=execute-api:Invoke resources=execute-api:/* principals=account:444455556666 when=!IsOpen'],
      ],
      ['/Resources/Api/Properties/DefinitionBody/x-amazon-apigateway-policy', ['Deny actions=execute-api:Invoke resources=execute-api:/* principals=* conditions=StringNotEquals:aws:SourceVpce=vpce-0123']],
    ]);
  });

  it('reports a resource policy list it does not model instead of ignoring it', () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          SourceVpcEndpointList: [vpce-0123]
`);
    expect(policiesOf(extraction, 'Api')[0].problems.map((p) => p.message)).toEqual(['Auth.ResourcePolicy SourceVpcEndpointList is not modeled by iamgate']);
  });
});
