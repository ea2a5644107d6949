/**
 * The promise of `iamgate generate`: the policy it writes, put on a role and scanned by iamgate,
 * raises no error. Checked for many specs, with and without --minimize.
 */
import { generatePolicy, policyDocument, specOf } from '../../src/generate';
import { scanTemplate } from '../../src/engine/scan';
import { parseTemplate } from '../../src/template';
import type { TemplateObject, TemplateValue } from '../../src/template/types';

const RESOURCES: TemplateObject = {
  Bucket: { Type: 'AWS::S3::Bucket' },
  Orders: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' } },
  Queue: { Type: 'AWS::SQS::Queue' },
  Topic: { Type: 'AWS::SNS::Topic' },
  Key: { Type: 'AWS::KMS::Key' },
  Worker: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
  Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'db' } },
  Stream: { Type: 'AWS::Kinesis::Stream', Properties: { Name: 'events' } },
  Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/app/worker' } },
};

const loaded = parseTemplate(JSON.stringify({ Resources: RESOURCES }), 'app.json', { explicit: true });
if (loaded.status !== 'loaded') throw new Error('fixture template does not load');
const appTemplate = loaded.template;

const ids = Object.keys(RESOURCES);
const specs: [string, TemplateValue][] = [
  ...ids.map((id): [string, TemplateValue] => [`read, write, list and tagging on ${id}`, { grants: [{ read: id, write: id, list: id, tagging: id }] }]),
  // Kinesis streams and log groups have no Permissions management action.
  ...ids
    .filter((id) => id !== 'Stream' && id !== 'Logs')
    .map((id): [string, TemplateValue] => [`permissions-management on ${id}`, { grants: [{ 'permissions-management': id }] }]),
  ['read on every resource at once', { grants: [{ read: ids }] }],
  ['DynamoDB table and indexes', { grants: [{ read: ['Orders', { 'Fn::Sub': '${Orders.Arn}/index/*' }], write: 'Orders' }] }],
  [
    'literal and pseudo-parameter ARNs',
    {
      grants: [
        {
          read: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*', 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/legacy'],
          write: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
        },
      ],
    },
  ],
  ...['ec2', 'xray', 'cloudwatch', 'sts', 's3', 'kms'].map((service): [string, TemplateValue] => [
    `${service} actions that accept only "*"`,
    { grants: [{ service, read: '*', list: '*' }] },
  ]),
  ['xray and cloudwatch writes on "*"', { grants: [{ service: 'xray', write: '*' }, { service: 'cloudwatch', write: '*' }] }],
  [
    'explicit actions with wildcards',
    {
      grants: [
        { actions: ['s3:GetObject*', 's3:PutObject', 's3:ListBucket'], resources: ['Bucket'] },
        { actions: ['sqs:*Message*', 'sqs:GetQueue*'], resources: [{ 'Fn::GetAtt': ['Queue', 'Arn'] }] },
        { actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: 'Key' },
        { actions: ['lambda:Invoke*'], resources: 'Worker' },
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: 'Logs' },
      ],
    },
  ],
  [
    'a grant with conditions',
    {
      grants: [
        {
          actions: 'sns:Publish',
          resources: 'Topic',
          conditions: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    },
  ],
];

describe.each([false, true])('generated policies raise no error (minimize: %s)', (minimize) => {
  it.each(specs)('%s', (_name, body) => {
    const policy = generatePolicy(
      specOf(body, (at) => at),
      { template: appTemplate, minimize },
    );
    expect(policy.statements.length).toBeGreaterThan(0);
    const role = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [{ PolicyName: 'generated', PolicyDocument: policyDocument(policy.statements) }],
      },
    };
    const result = scanTemplate({ Resources: { ...RESOURCES, Role: role } }, { file: 'app.json' });
    expect(result.errors).toEqual([]);
    expect(result.templates[0]!.statements).toBeGreaterThanOrEqual(policy.statements.length);
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});
