/**
 * `Fn::If` (and region-keyed `Fn::FindInMap`) in policies: variants with the assumptions that
 * select them, at every level a choice can stand (DESIGN.md §2).
 */
import { extractTemplate, policiesOf, summary } from './extract-template';

const HEADER = `
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
  Audit: {Type: String, AllowedValues: ['on', 'off']}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Audited: !Equals [!Ref Audit, 'on']
Resources:
`;

describe('Fn::If in policies', () => {
  it('keeps a statement chosen by Fn::If with its condition, and drops it where the branch is NoValue', () => {
    const { extraction } = extractTemplate(`${HEADER}
  Bucket: {Type: AWS::S3::Bucket}
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111122223333:root}
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
          - !If
            - IsProd
            - Effect: Deny
              Principal: '*'
              Action: 's3:*'
              Resource: !Sub '\${Bucket.Arn}/*'
              Condition: {Bool: {aws:SecureTransport: 'false'}}
            - !Ref AWS::NoValue
`);
    const [policy] = policiesOf(extraction, 'BucketPolicy');
    expect(policy.when).toEqual([]);
    expect(policy.statements.map((s) => [s.index, s.effect, s.when, s.at])).toEqual([
      [0, 'Allow', [], '/Resources/BucketPolicy/Properties/PolicyDocument/Statement/0'],
      [1, 'Deny', [{ condition: 'IsProd', value: true }], '/Resources/BucketPolicy/Properties/PolicyDocument/Statement/1/Fn::If/1'],
    ]);
  });

  it('expands choices inside a statement (an action, a resource list, a condition block) into consistent variants', () => {
    const { extraction } = extractTemplate(`${HEADER}
  Writer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - s3:GetObject
                  - !If [IsProd, !Ref AWS::NoValue, s3:DeleteObject]
                Resource: !If [IsProd, ['arn:aws:s3:::prod-data/*'], ['arn:aws:s3:::dev-data/*', 'arn:aws:s3:::scratch/*']]
                Condition: !If [Audited, {StringEquals: {aws:RequestedRegion: eu-west-1}}, !Ref AWS::NoValue]
`);
    const [inline] = policiesOf(extraction, 'Writer').filter((p) => p.kind === 'identity');
    expect(summary(inline)).toEqual([
      'Allow actions=s3:GetObject resources=arn:aws:s3:::prod-data/* conditions=StringEquals:aws:RequestedRegion=eu-west-1 when=IsProd&Audited',
      'Allow actions=s3:GetObject resources=arn:aws:s3:::prod-data/* when=IsProd&!Audited',
      'Allow actions=s3:GetObject,s3:DeleteObject resources=arn:aws:s3:::dev-data/*,arn:aws:s3:::scratch/* conditions=StringEquals:aws:RequestedRegion=eu-west-1 when=!IsProd&Audited',
      'Allow actions=s3:GetObject,s3:DeleteObject resources=arn:aws:s3:::dev-data/*,arn:aws:s3:::scratch/* when=!IsProd&!Audited',
    ]);
    expect(inline.statements.every((s) => s.index === 0)).toBe(true);
  });

  it('sets Policy.when for a choice around a whole policy, one policy per branch', () => {
    const { extraction } = extractTemplate(`${HEADER}
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - !If
          - IsProd
          - PolicyName: prod-only
            PolicyDocument:
              Statement: [{Effect: Allow, Action: 'sqs:SendMessage', Resource: '*'}]
          - !Ref AWS::NoValue
        - PolicyName: by-env
          PolicyDocument: !If
            - IsProd
            - Statement: [{Effect: Allow, Action: 'dynamodb:GetItem', Resource: '*'}]
            - Statement: [{Effect: Allow, Action: 'dynamodb:*', Resource: '*'}]
`);
    const identities = policiesOf(extraction, 'Worker').filter((p) => p.kind === 'identity');
    expect(identities.map((p) => [p.id, p.name, p.when, summary(p)])).toEqual([
      ['template/Worker/Properties/Policies/0/PolicyDocument?IsProd', 'prod-only', [{ condition: 'IsProd', value: true }], ['Allow actions=sqs:SendMessage resources=*']],
      ['template/Worker/Properties/Policies/1/PolicyDocument?IsProd', 'by-env', [{ condition: 'IsProd', value: true }], ['Allow actions=dynamodb:GetItem resources=*']],
      ['template/Worker/Properties/Policies/1/PolicyDocument?!IsProd', 'by-env', [{ condition: 'IsProd', value: false }], ['Allow actions=dynamodb:* resources=*']],
    ]);
  });

  it('chooses between whole Statement lists', () => {
    const { extraction } = extractTemplate(`${HEADER}
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement: !If
          - IsProd
          - - {Effect: Allow, Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}, Action: 'kms:*', Resource: '*'}
          - - {Effect: Allow, Principal: {AWS: '*'}, Action: 'kms:*', Resource: '*'}
            - {Effect: Deny, Principal: {AWS: '*'}, Action: 'kms:ScheduleKeyDeletion', Resource: '*'}
`);
    expect(summary(policiesOf(extraction, 'Key')[0])).toEqual([
      'Allow actions=kms:* resources=* principals=account:{AWS::AccountId} when=IsProd',
      'Allow actions=kms:* resources=* principals=* when=!IsProd',
      'Deny actions=kms:ScheduleKeyDeletion resources=* principals=* when=!IsProd',
    ]);
  });

  it('never combines contradicting assumptions of one condition used twice', () => {
    const { extraction } = extractTemplate(`${HEADER}
  Topic: {Type: AWS::SNS::Topic}
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: !If [IsProd, {AWS: arn:aws:iam::111122223333:root}, '*']
            Action: !If [IsProd, sns:Publish, 'sns:*']
            Resource: !Ref Topic
`);
    expect(summary(policiesOf(extraction, 'TopicPolicy')[0]).map((s) => s.replace(/ resources=\S+/, ''))).toEqual([
      'Allow actions=sns:Publish principals=account:111122223333 when=IsProd',
      'Allow actions=sns:* principals=* when=!IsProd',
    ]);
  });

  it('honours a user-given parameter value: the condition is constant and only one branch is kept', () => {
    const text = `${HEADER}
  Topic: {Type: AWS::SNS::Topic}
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: !If [IsProd, {AWS: arn:aws:iam::111122223333:root}, '*']
            Action: sns:Publish
            Resource: !Ref Topic
`;
    const { extraction } = extractTemplate(text, 'template.yaml', { parameters: { Env: 'prod', Audit: 'off' } });
    expect(summary(policiesOf(extraction, 'TopicPolicy')[0]).map((s) => s.replace(/ resources=\S+/, ''))).toEqual([
      'Allow actions=sns:Publish principals=account:111122223333',
    ]);
  });

  it('sees every candidate of a region-keyed FindInMap, each under its synthetic condition, consistently', () => {
    const { extraction } = extractTemplate(`
Mappings:
  Buckets:
    us-east-1: {Logs: logs-use1, Keys: key-use1}
    eu-west-1: {Logs: logs-euw1, Keys: key-euw1}
Resources:
  Shipper:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:PutObject
            Resource:
              - !Sub ['arn:aws:s3:::\${Name}/*', {Name: !FindInMap [Buckets, !Ref AWS::Region, Logs]}]
              - !Sub ['arn:aws:s3:::\${Name}/*', {Name: !FindInMap [Buckets, !Ref AWS::Region, Keys]}]
`);
    const [policy] = policiesOf(extraction, 'Shipper');
    // Two regions, two variants: the same region is never both us-east-1 and eu-west-1 in one statement.
    expect(policy.statements.map((s) => s.resources?.map((r) => r.value)).sort()).toEqual([
      ['arn:aws:s3:::logs-euw1/*', 'arn:aws:s3:::key-euw1/*'],
      ['arn:aws:s3:::logs-use1/*', 'arn:aws:s3:::key-use1/*'],
    ]);
    expect(policy.statements.every((s) => s.when.length > 0)).toBe(true);
  });

  it('fails only the resource whose statement has too many combinations', () => {
    const conditions = Array.from({ length: 7 }, (_, i) => `  C${i}: !Equals [!Ref P${i}, 'yes']`).join('\n');
    const parameters = Array.from({ length: 7 }, (_, i) => `  P${i}: {Type: String}`).join('\n');
    const actions = Array.from({ length: 7 }, (_, i) => `            - !If [C${i}, 's3:Get${i}', 's3:Put${i}']`).join('\n');
    const { extraction } = extractTemplate(`
Parameters:
${parameters}
Conditions:
${conditions}
Resources:
  TooMany:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Resource: '*'
            Action:
${actions}
  Fine:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'}]
`);
    expect(extraction.errors).toEqual([
      { logicalId: 'TooMany', at: expect.stringContaining('/Resources/TooMany/Properties/PolicyDocument/Statement/0'), message: expect.stringContaining('more than 64 Fn::If combinations') },
    ]);
    expect(extraction.policies.map((p) => p.source.logicalId)).toEqual(['Fine']);
  });
});

describe('resolution errors', () => {
  it('turn into an error for that resource while the others are still extracted', () => {
    const { extraction } = extractTemplate(`
Conditions:
  A: !Condition B
  B: !Condition A
Resources:
  Looping:
    Type: AWS::IAM::ManagedPolicy
    Condition: A
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'}]
  Fine:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'}]
`);
    expect(extraction.errors).toEqual([{ logicalId: 'Looping', at: expect.stringMatching(/^\/Conditions|^\/Resources\/Looping/), message: expect.stringMatching(/circular|cycle/i) }]);
    expect(extraction.policies.map((p) => p.source.logicalId)).toEqual(['Fine']);
  });
});
