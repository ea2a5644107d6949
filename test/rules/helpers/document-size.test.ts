import type { Policy } from '../../../src/extract/types';
import type { TemplateObject } from '../../../src/template/types';
import { scanTemplate } from '../../../src/engine/scan';
import { documentLength } from '../../../src/rules/helpers/document-size';

function managedPolicy(document: TemplateObject): Policy {
  let policy: Policy | undefined;
  const template: TemplateObject = { Resources: { Shared: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: document } } } };
  scanTemplate(template, { rules: [], onTemplate: (analysis) => (policy = analysis.extraction.policies[0]) });
  if (!policy) throw new Error('no policy');
  return policy;
}

describe('documentLength', () => {
  it('is the length of the minified JSON when every value is literal and written in its shortest form', () => {
    const document: TemplateObject = {
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    };
    expect(documentLength(managedPolicy(document))).toBe(JSON.stringify(document).length);
  });

  it('does not count white space, Version, or list brackets around one element', () => {
    const written: TemplateObject = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['*'] }] };
    const shortest = { Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' } };
    expect(documentLength(managedPolicy(written))).toBe(JSON.stringify(shortest).length);
  });

  it('counts pseudo parameters at their shortest values and unknown values as empty, so it never overstates', () => {
    const document: TemplateObject = {
      Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs' } }],
    };
    const deployed = { Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' } };
    expect(documentLength(managedPolicy(document))).toBe(JSON.stringify(deployed).length);
  });
});
