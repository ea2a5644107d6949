/**
 * `Fn::ForEach` loops among the resources (`AWS::LanguageExtensions`) are expanded as the
 * transform expands them; a loop that cannot be is an error with its position, never skipped.
 */
import { parseTemplate } from '../../src/template';
import { scanTemplate } from '../../src/engine/scan';
import { loadError, loaded } from './helpers';

const template = (resources: string, parameters = '') =>
  ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::LanguageExtensions', parameters, 'Resources:', resources, ''].join('\n');

describe('Fn::ForEach among the resources', () => {
  test('makes one resource per item and output key, with the item in keys, Ref, Fn::Sub, Fn::GetAtt and DependsOn', () => {
    const text = template(`
  Fn::ForEach::Queues:
    - Name
    - [orders, refund-requests]
    - '&{Name}Queue':
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub 'app-\${Name}'
          Tags: [{ Key: name, Value: !Ref Name }]
      '&{Name}Policy':
        Type: AWS::SQS::QueuePolicy
        DependsOn: '&{Name}Queue'
        Properties:
          Queues: [!Ref '&{Name}Queue']
          PolicyDocument:
            Statement: [{ Effect: Allow, Principal: '*', Action: sqs:SendMessage, Resource: !GetAtt '&{Name}Queue.Arn' }]
  Topic:
    Type: AWS::SNS::Topic`);
    const { body } = loaded(parseTemplate(text, 'queues.yaml'));
    expect(Object.keys(body.Resources as object)).toEqual(['ordersQueue', 'ordersPolicy', 'refundrequestsQueue', 'refundrequestsPolicy', 'Topic']);
    expect(body.Resources).toMatchObject({
      refundrequestsQueue: { Properties: { QueueName: { 'Fn::Sub': 'app-refund-requests' }, Tags: [{ Key: 'name', Value: 'refund-requests' }] } },
      refundrequestsPolicy: {
        DependsOn: 'refundrequestsQueue',
        Properties: {
          Queues: [{ Ref: 'refundrequestsQueue' }],
          PolicyDocument: { Statement: [{ Resource: { 'Fn::GetAtt': ['refundrequestsQueue', 'Arn'] } }] },
        },
      },
    });
  });

  test('reads the items of a list parameter from its Default, and expands loops inside loops', () => {
    const text = template(
      `
  Fn::ForEach::Envs:
    - Env
    - !Ref Envs
    - Fn::ForEach::Apps:
        - App
        - [api, web]
        - '\${App}\${Env}Role':
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }`,
      "Parameters:\n  Envs: { Type: CommaDelimitedList, Default: 'dev, prod' }",
    );
    const { body } = loaded(parseTemplate(text, 'roles.yaml'));
    expect(Object.keys(body.Resources as object)).toEqual(['apidevRole', 'webdevRole', 'apiprodRole', 'webprodRole']);
  });

  test("findings in a resource the loop makes point into the loop's fragment", () => {
    const text = template(`
  Fn::ForEach::Roles:
    - Name
    - [Alpha, Beta]
    - '\${Name}Role':
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
          Policies:
            - PolicyName: admin
              PolicyDocument: { Statement: [{ Effect: Allow, Action: '*', Resource: '*' }] }`);
    const admins = scanTemplate(text, { file: 'roles.yaml' }).findings.filter((f) => f.ruleId === 'full-admin');
    expect(admins.map((f) => [f.location.logicalId, f.location.line]).sort()).toEqual([
      ['AlphaRole', 15],
      ['BetaRole', 15],
    ]);
  });

  test('takes the value given for a list parameter (--parameter, the config) before its Default, as a deployment does', () => {
    const text = template(
      `
  Fn::ForEach::Buckets:
    - Team
    - !Ref Teams
    - '\${Team}Reader':
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
          Policies:
            - PolicyName: read
              PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: !Sub 'arn:aws:s3:::\${Team}/*' }] }`,
      'Parameters:\n  Teams: { Type: CommaDelimitedList }',
    );
    expect(loadError(parseTemplate(text, 'teams.yaml')).message).toContain('give its value (--parameter Name=a,b)');
    const { body } = loaded(parseTemplate(text, 'teams.yaml', { parameters: { Teams: 'red, blue' } }));
    expect(Object.keys(body.Resources as object)).toEqual(['redReader', 'blueReader']);
    const scanned = scanTemplate(text, { file: 'teams.yaml', config: { parameters: { Teams: 'red,blue' } } });
    expect(scanned.errors).toEqual([]);
    expect(scanned.templates[0]).toMatchObject({ policies: 4, statements: 4 });
  });

  test('a loop that cannot be expanded is an error at its position, not resources left unread', () => {
    const unknown = template(
      `
  Fn::ForEach::Roles:
    - Name
    - !Ref Names
    - '\${Name}Role': { Type: AWS::IAM::Role }`,
      'Parameters:\n  Names: { Type: CommaDelimitedList }',
    );
    expect(loadError(parseTemplate(unknown, 'roles.yaml'))).toMatchObject({
      line: 9,
      column: 7,
      message: expect.stringContaining('Fn::ForEach::Roles: the collection is not known statically'),
    });
    const same = template(`
  Fn::ForEach::Roles:
    - Name
    - [a, b]
    - Role: { Type: AWS::IAM::Role }`);
    expect(loadError(parseTemplate(same, 'roles.yaml')).message).toBe('Fn::ForEach makes resource Role twice, or one the template already has');
    const malformed = template(`
  Fn::ForEach::Roles: [Name, [a]]`);
    expect(loadError(parseTemplate(malformed, 'roles.yaml')).message).toBe('Fn::ForEach::Roles must be a list of an identifier, a collection and a fragment');
    // Loops within loops multiply: 100 × 100 resources stop at the bound instead of growing on.
    const items = `[${Array.from({ length: 100 }, (_, i) => `i${i}`).join(', ')}]`;
    const nested = template(`
  Fn::ForEach::Outer:
    - A
    - ${items}
    - Fn::ForEach::Inner:
        - B
        - ${items}
        - '\${A}\${B}': { Type: AWS::SNS::Topic }`);
    expect(loadError(parseTemplate(nested, 'topics.yaml')).message).toBe('Fn::ForEach makes more than 5000 resources (CloudFormation accepts 500)');
    const untyped = template(`
  Fn::ForEach::Roles:
    - Name
    - [a]
    - '\${Name}Role': { Properties: {} }`);
    expect(loadError(parseTemplate(untyped, 'roles.yaml'))).toMatchObject({ line: 9, message: 'Resources/aRole has no Type' });
  });
});
