import { extractTemplate, onlyPolicy, summary } from './extract-template';

describe('AWS::Events::EventBusPolicy', () => {
  it('reads the Statement form as a resource policy on the named bus', () => {
    const { extraction } = extractTemplate(`
Resources:
  Orders:
    Type: AWS::Events::EventBus
    Properties: {Name: orders}
  PartnerPut:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: !Ref Orders
      StatementId: partner-put
      Statement:
        Effect: Allow
        Principal: {AWS: arn:aws:iam::444455556666:root}
        Action: events:PutEvents
        Resource: !GetAtt Orders.Arn
`);
    expect(extraction.errors).toEqual([]);
    const policy = onlyPolicy(extraction, 'PartnerPut');
    expect(policy.kind).toBe('resource');
    expect(policy.resources).toMatchObject([{ resourceType: 'AWS::Events::EventBus', logicalId: 'Orders' }]);
    expect(policy.source.pointer).toBe('/Resources/PartnerPut/Properties/Statement');
    expect(policy.statements).toHaveLength(1);
    expect(policy.statements[0].at).toBe('/Resources/PartnerPut/Properties/Statement');
    expect(policy.statements[0].principals?.[0].value).toEqual({ type: 'account', account: '444455556666' });
    expect(policy.problems).toEqual([]);
  });

  it('reads the legacy form: Action, Principal and a {Type, Key, Value} condition, on the default bus', () => {
    const { extraction } = extractTemplate(`
Resources:
  OrgPut:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: org-put
      Action: events:PutEvents
      Principal: '*'
      Condition:
        Type: StringEquals
        Key: aws:PrincipalOrgID
        Value: o-a1b2c3d4e5
`);
    const policy = onlyPolicy(extraction, 'OrgPut');
    expect(policy.resources).toEqual([{ resourceType: 'AWS::Events::EventBus', arn: 'default' }]);
    expect(summary(policy)).toEqual([
      'Allow actions=events:PutEvents resources=arn:{AWS::Partition}:events:{AWS::Region}:{AWS::AccountId}:event-bus/default principals=* conditions=StringEquals:aws:PrincipalOrgID=o-a1b2c3d4e5',
    ]);
    expect(policy.statements[0].conditions[0].at).toBe('/Resources/OrgPut/Properties/Condition/Value');
    expect(policy.problems).toEqual([]);
  });

  it('reports a legacy condition it cannot read, keeping it as an unreadable clause', () => {
    const { extraction } = extractTemplate(`
Resources:
  OrgPut:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: org-put
      Action: events:PutEvents
      Principal: '*'
      Condition: {Type: StringEquals, Value: o-a1b2c3d4e5}
`);
    const policy = onlyPolicy(extraction, 'OrgPut');
    expect(policy.problems.map((p) => p.message)).toEqual(['Condition must have Type, Key and Value (literal Type and Key)']);
    expect(policy.statements[0].conditions.map((c) => [c.operator, c.key])).toEqual([['StringEquals', '(unknown)']]);
  });
});
