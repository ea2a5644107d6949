import { extractTemplate, onlyPolicy, summary, text } from './extract-template';

describe('AWS::Lambda::Permission', () => {
  const { extraction } = extractTemplate(`
Resources:
  Resize:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/resize
      Code: {ZipFile: 'exports.handler = async () => {}'}
  Uploads:
    Type: AWS::S3::Bucket
  AllowS3:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Resize
      Principal: s3.amazonaws.com
      SourceArn: !GetAtt Uploads.Arn
      SourceAccount: !Ref AWS::AccountId
  AllowPartner:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Resize.Arn
      Principal: '444455556666'
      PrincipalOrgID: o-a1b2c3d4e5
  AllowUrl:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunctionUrl
      FunctionName: arn:aws:lambda:us-east-1:111122223333:function:resize:live
      Principal: '*'
      FunctionUrlAuthType: NONE
  AllowAlexa:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: resize
      Principal: alexa-appkit.amazon.com
      EventSourceToken: amzn1.ask.skill.12345678-1234-1234-1234-123456789012
`);

  it('becomes a one-statement permission grant on the function, conditions from its properties', () => {
    expect(extraction.errors).toEqual([]);
    const policy = onlyPolicy(extraction, 'AllowS3');
    expect(policy.kind).toBe('permission-grant');
    expect(policy.resources).toMatchObject([{ resourceType: 'AWS::Lambda::Function', logicalId: 'Resize' }]);
    expect(summary(policy)).toEqual([
      'Allow actions=lambda:InvokeFunction resources={Resize} principals=service:s3.amazonaws.com conditions=ArnLike:aws:SourceArn=arn:{AWS::Partition}:s3:::{Uploads};StringEquals:aws:SourceAccount={AWS::AccountId}',
    ]);
  });

  it('points each element at the property it came from', () => {
    const [statement] = onlyPolicy(extraction, 'AllowS3').statements;
    const at = (key: string) => `/Resources/AllowS3/Properties/${key}`;
    expect(statement.at).toBe('/Resources/AllowS3/Properties');
    expect(statement.actions?.[0].at).toBe(at('Action'));
    expect(statement.principals?.[0].at).toBe(at('Principal'));
    expect(statement.resources?.[0].at).toBe(at('FunctionName'));
    expect(statement.conditions.map((c) => [c.key, c.at, c.values[0].at])).toEqual([
      ['aws:SourceArn', at('SourceArn'), at('SourceArn')],
      ['aws:SourceAccount', at('SourceAccount'), at('SourceAccount')],
    ]);
  });

  it('reads account principals, organization, function URL and event source token conditions', () => {
    expect(summary(onlyPolicy(extraction, 'AllowPartner'))).toEqual([
      `Allow actions=lambda:InvokeFunction resources=${text(onlyPolicy(extraction, 'AllowPartner').statements[0].resources![0].value)} principals=account:444455556666 conditions=StringEquals:aws:PrincipalOrgID=o-a1b2c3d4e5`,
    ]);
    expect(onlyPolicy(extraction, 'AllowPartner').resources[0]?.logicalId).toBe('Resize');
    expect(summary(onlyPolicy(extraction, 'AllowUrl'))).toEqual([
      'Allow actions=lambda:InvokeFunctionUrl resources=arn:aws:lambda:us-east-1:111122223333:function:resize:live principals=* conditions=StringEquals:lambda:FunctionUrlAuthType=NONE',
    ]);
    expect(onlyPolicy(extraction, 'AllowUrl').resources).toEqual([{ resourceType: 'AWS::Lambda::Function', arn: 'arn:aws:lambda:us-east-1:111122223333:function:resize:live' }]);
    expect(summary(onlyPolicy(extraction, 'AllowAlexa'))).toEqual([
      'Allow actions=lambda:InvokeFunction resources=resize principals=service:alexa-appkit.amazon.com conditions=StringEquals:lambda:EventSourceToken=amzn1.ask.skill.12345678-1234-1234-1234-123456789012',
    ]);
  });

  it('keeps a conditional SourceArn as variants, the unconditioned one included', () => {
    const { extraction: conditional } = extractTemplate(`
Parameters:
  Restrict: {Type: String, AllowedValues: ['yes', 'no']}
Conditions:
  Restricted: !Equals [!Ref Restrict, 'yes']
Resources:
  Allow:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: resize
      Principal: events.amazonaws.com
      SourceArn: !If [Restricted, !Sub 'arn:aws:events:\${AWS::Region}:\${AWS::AccountId}:rule/nightly', !Ref AWS::NoValue]
`);
    expect(summary(onlyPolicy(conditional, 'Allow'))).toEqual([
      'Allow actions=lambda:InvokeFunction resources=resize principals=service:events.amazonaws.com conditions=ArnLike:aws:SourceArn=arn:aws:events:{AWS::Region}:{AWS::AccountId}:rule/nightly when=Restricted',
      'Allow actions=lambda:InvokeFunction resources=resize principals=service:events.amazonaws.com when=!Restricted',
    ]);
  });

  it('reads an account id written as a YAML number, with a problem', () => {
    const { extraction: numeric } = extractTemplate(`
Resources:
  AllowAccount:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: TestFunction
      Principal: 901234567812
`);
    const policy = onlyPolicy(numeric, 'AllowAccount');
    expect(policy.statements[0].principals?.map((p) => p.value)).toEqual([{ type: 'account', account: '901234567812' }]);
    expect(policy.problems.map((p) => p.message)).toEqual([expect.stringContaining('901234567812 in Principal is written as a number')]);
  });

  it('reports missing required properties and still grants to an unknown principal', () => {
    const { extraction: broken } = extractTemplate(`
Resources:
  Incomplete:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: resize
`);
    const policy = onlyPolicy(broken, 'Incomplete');
    expect(policy.problems.map((p) => p.message)).toEqual(['Principal is missing']);
    expect(policy.statements[0].principals?.[0].value.type).toBe('unknown');
  });
});

describe('AWS::Lambda::LayerVersionPermission', () => {
  it('grants the layer to an account or everyone, with the organization as a condition', () => {
    const { extraction } = extractTemplate(`
Resources:
  SharedLayer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: {S3Bucket: layers, S3Key: shared.zip}
  OrgCanUse:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      Action: lambda:GetLayerVersion
      LayerVersionArn: !Ref SharedLayer
      Principal: '*'
      OrganizationId: o-a1b2c3d4e5
`);
    const policy = onlyPolicy(extraction, 'OrgCanUse');
    expect(policy.kind).toBe('permission-grant');
    expect(policy.resources).toMatchObject([{ resourceType: 'AWS::Lambda::LayerVersion', logicalId: 'SharedLayer' }]);
    expect(summary(policy)).toEqual([
      `Allow actions=lambda:GetLayerVersion resources=${text(policy.statements[0].resources![0].value)} principals=* conditions=StringEquals:aws:PrincipalOrgID=o-a1b2c3d4e5`,
    ]);
  });
});

describe('AWS::Lambda::Url', () => {
  it('with AuthType NONE is a public grant of lambda:InvokeFunctionUrl; with AWS_IAM it grants nothing', () => {
    const { extraction } = extractTemplate(`
Resources:
  PublicUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:resize
  IamUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: AWS_IAM
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:resize
`);
    expect(extraction.policies.map((p) => p.source.logicalId)).toEqual(['PublicUrl']);
    expect(summary(extraction.policies[0])).toEqual([
      'Allow actions=lambda:InvokeFunctionUrl resources=arn:aws:lambda:us-east-1:111122223333:function:resize principals=* conditions=StringEquals:lambda:FunctionUrlAuthType=NONE',
    ]);
    expect(extraction.policies[0].statements[0].principals?.[0].at).toBe('/Resources/PublicUrl/Properties/AuthType');
  });
});
