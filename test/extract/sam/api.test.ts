import { extractTemplate, policiesOf, summary } from '../extract-template';

describe('AWS::Serverless::Api resource policy', () => {
  it('reads CustomStatements and the statements SAM generates from account and IP lists, on the routes of the API\'s events', () => {
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
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: 'def handler(e, c): pass'
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref PartnerApi, Path: '/orders/{id}/', Method: get}}
        Any: {Type: Api, Properties: {RestApiId: !Ref PartnerApi, Path: /orders, Method: ANY}}
        Elsewhere: {Type: Api, Properties: {Path: /health, Method: get}}
`);
    expect(extraction.errors).toEqual([]);
    const [policy] = policiesOf(extraction, 'PartnerApi');
    expect(policy.kind).toBe('resource');
    expect(policy.resources).toEqual([{ resourceType: 'AWS::Serverless::Api', logicalId: 'PartnerApi' }]);
    expect(policy.source.pointer).toBe('/Resources/PartnerApi/Properties/Auth/ResourcePolicy');
    // The event of the implicit API (no RestApiId) is not this API's route.
    const routes = 'execute-api:/prod/GET/orders/*,execute-api:/prod/*/orders';
    expect(summary(policy)).toEqual([
      `Allow actions=execute-api:Invoke resources=${routes} principals=account:444455556666`,
      `Allow actions=execute-api:Invoke resources=${routes} principals=*`,
      `Deny actions=execute-api:Invoke resources=${routes} principals=* conditions=NotIpAddress:aws:SourceIp=203.0.113.0/24`,
      'Deny actions=execute-api:Invoke resources=execute-api:/*/DELETE/* principals=*',
    ]);
    expect(policy.statements[0].principals?.[0].at).toBe('/Resources/PartnerApi/Properties/Auth/ResourcePolicy/AwsAccountWhitelist');
    expect(policy.problems).toEqual([]);
  });

  it('folds a list\'s Deny into its Allow on every route when the routes are not known, and writes nothing without events', () => {
    const template = (path: string) => `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Prefix: {Type: String}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref AWS::StackName
      Auth:
        ResourcePolicy:
          IpRangeWhitelist: ['203.0.113.0/24']
          AwsAccountBlacklist: ['444455556666']
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: 'def handler(e, c): pass'
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: ${path}, Method: get}}
`;
    // A Deny on every route would narrow custom statements SAM's Deny never reaches: the condition goes on the Allow.
    expect(summary(policiesOf(extractTemplate(template("!Sub '/${Prefix}/items'")).extraction, 'Api')[0])).toEqual([
      'Allow actions=execute-api:Invoke resources=execute-api:/* principals=* conditions=IpAddress:aws:SourceIp=203.0.113.0/24',
    ]);
    // A stage not known statically is any stage.
    expect(summary(policiesOf(extractTemplate(template('/items')).extraction, 'Api')[0])).toEqual([
      'Allow actions=execute-api:Invoke resources=execute-api:/*/GET/items principals=*',
      'Deny actions=execute-api:Invoke resources=execute-api:/*/GET/items principals=* conditions=NotIpAddress:aws:SourceIp=203.0.113.0/24',
      'Deny actions=execute-api:Invoke resources=execute-api:/*/GET/items principals=account:444455556666',
    ]);
    const withoutEvents = template('/items').replace(/ {6}Events:\n.*\n/, '');
    expect(summary(policiesOf(extractTemplate(withoutEvents).extraction, 'Api')[0])).toEqual([]);
  });

  it('scopes the lists to the paths of a DefinitionBody too, and to every route when the definition is elsewhere', () => {
    const template = (definition: string) => `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      ${definition}
      Auth:
        ResourcePolicy:
          SourceVpcWhitelist: [vpc-0123]
`;
    const written = template(`DefinitionBody:
        openapi: '3.0.1'
        paths:
          /reports/{year}:
            parameters: []
            get: {}
            x-amazon-apigateway-any-method: {}`);
    expect(summary(policiesOf(extractTemplate(written).extraction, 'Api')[0])).toEqual([
      'Allow actions=execute-api:Invoke resources=execute-api:/v1/GET/reports/*,execute-api:/v1/*/reports/* principals=*',
      'Deny actions=execute-api:Invoke resources=execute-api:/v1/GET/reports/*,execute-api:/v1/*/reports/* principals=* conditions=StringNotEquals:aws:SourceVpc=vpc-0123',
    ]);
    const included = template(`DefinitionBody: {'Fn::Transform': {Name: AWS::Include, Parameters: {Location: s3://bucket/api.yaml}}}`);
    expect(summary(policiesOf(extractTemplate(included).extraction, 'Api')[0])).toEqual([
      'Allow actions=execute-api:Invoke resources=execute-api:/* principals=* conditions=StringEquals:aws:SourceVpc=vpc-0123',
    ]);
  });

  it("reads an Api event's own Auth.ResourcePolicy as a policy of the API it names, on the event's route", () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: live}
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: 'def handler(e, c): pass'
      Events:
        Upload:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /uploads/{name}
            Method: put
            Auth:
              ResourcePolicy:
                IpRangeBlacklist: [198.51.100.7/32]
        Status:
          Type: Api
          Properties:
            Path: /status
            Method: get
            Auth:
              ResourcePolicy:
                CustomStatements: [{Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/*/GET/status}]
  Workflow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {StartAt: Done, States: {Done: {Type: Succeed}}}
      Events:
        Start:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /runs
            Method: post
            Auth: {ResourcePolicy: {AwsAccountWhitelist: ['444455556666']}}
`);
    expect(extraction.errors).toEqual([]);
    const events = policiesOf(extraction, 'Handler').filter((p) => p.kind === 'resource');
    expect(events.map((p) => [p.source.pointer, p.resources, summary(p)])).toEqual([
      [
        '/Resources/Handler/Properties/Events/Upload/Properties/Auth/ResourcePolicy',
        [{ resourceType: 'AWS::Serverless::Api', logicalId: 'Api' }],
        [
          'Allow actions=execute-api:Invoke resources=execute-api:/live/PUT/uploads/* principals=*',
          'Deny actions=execute-api:Invoke resources=execute-api:/live/PUT/uploads/* principals=* conditions=IpAddress:aws:SourceIp=198.51.100.7/32',
        ],
      ],
      // No RestApiId: the API SAM creates for the template's events.
      [
        '/Resources/Handler/Properties/Events/Status/Properties/Auth/ResourcePolicy',
        [{ resourceType: 'AWS::Serverless::Api', logicalId: 'ServerlessRestApi' }],
        ['Allow actions=execute-api:Invoke resources=execute-api:/*/GET/status principals=*'],
      ],
    ]);
    const [workflow] = policiesOf(extraction, 'Workflow').filter((p) => p.kind === 'resource');
    expect(summary(workflow)).toEqual(['Allow actions=execute-api:Invoke resources=execute-api:/live/POST/runs principals=account:444455556666']);
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

  it("gives the API SAM creates for the events (ServerlessRestApi) the Globals policy, on those events' routes", () => {
    const { extraction } = extractTemplate(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      ResourcePolicy:
        AwsAccountWhitelist: ['444455556666']
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        List: {Type: Api, Properties: {Path: /orders, Method: get}}
  Workflow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: sm.json
      Events:
        Start: {Type: Api, Properties: {Path: /start, Method: post}}
`);
    expect(extraction.errors).toEqual([]);
    const [policy] = policiesOf(extraction, 'ServerlessRestApi');
    expect(policy).toMatchObject({ kind: 'resource', resources: [{ resourceType: 'AWS::Serverless::Api', logicalId: 'ServerlessRestApi' }] });
    expect(summary(policy!)).toEqual(['Allow actions=execute-api:Invoke resources=execute-api:/*/GET/orders,execute-api:/*/POST/start principals=account:444455556666']);
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
