import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResolver } from '../../src/resolve';
import { parseTemplate } from '../../src/template';
import { show } from './helpers';

const name = 's3sqs-existingLoggingBucket.template.json';
const loaded = parseTemplate(readFileSync(join(__dirname, '../fixtures/resolve', name), 'utf8'), name, { explicit: true });
if (loaded.status !== 'loaded') throw new Error(`fixture ${name} does not load`);
const resolver = createResolver(loaded.template);

test('a CDK bucket policy: GetAtt Arn and Join with /* give the bucket ARN and its objects', () => {
  const statements = show(resolver.resolveAt('/Resources/scrapBucketPolicy189B0607/Properties/PolicyDocument/Statement')) as Record<string, unknown>[];
  expect(statements[0]).toEqual({
    Action: 's3:*',
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Resource: ['arn:${AWS::Partition}:s3:::${scrapBucketB11863B7}', 'arn:${AWS::Partition}:s3:::${scrapBucketB11863B7}/*'],
  });
  expect(statements[1].Principal).toEqual({ AWS: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092}' });
  expect(statements[2].Condition).toEqual({
    ArnLike: { 'aws:SourceArn': 'arn:${AWS::Partition}:s3:::${tests3sqstempS3Bucket579C3000}' },
    StringEquals: { 'aws:SourceAccount': '${AWS::AccountId}' },
  });
});

test('a CDK queue policy: the account root principal keeps the account identity, the queue its ARN shape', () => {
  const statements = show(resolver.resolveAt('/Resources/tests3sqstempqueuePolicy6C62431A/Properties/PolicyDocument/Statement')) as Record<string, unknown>[];
  expect(statements[0].Principal).toEqual({ AWS: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' });
  expect(statements[0].Resource).toBe('arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${tests3sqstempqueueE6526813.QueueName}');
  expect(show(resolver.resolveAt('/Resources/tests3sqstempqueuePolicy6C62431A/Properties/Queues'))).toEqual([
    'https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/${tests3sqstempqueueE6526813.QueueName}',
  ]);
});

test('every resource of the template resolves without problems', () => {
  for (const id of Object.keys(loaded.template.body.Resources as object)) resolver.resolveAt(`/Resources/${id}/Properties`);
  expect(resolver.problems()).toEqual([]);
});
