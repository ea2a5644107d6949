import { arnParts } from '../../src/iam';
import { ACCOUNT, PARTITION, REGION, ref, sym, unknownPart, unknownValue } from './symbolic';

describe('arnParts', () => {
  it('splits a literal ARN into its six segments, keeping colons in the resource', () => {
    expect(arnParts('arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*')).toEqual({
      partition: 'aws',
      service: 'logs',
      region: 'us-east-1',
      account: '123456789012',
      resource: 'log-group:/aws/lambda/fn:*',
    });
    expect(arnParts('arn:aws:s3:::bucket/key')).toMatchObject({ region: '', account: '', resource: 'bucket/key' });
  });

  it('keeps pseudo parameters and references as symbolic segments', () => {
    const role = sym('arn:', PARTITION, ':iam::', ACCOUNT, ':role/', ref('Worker', 'AWS::IAM::Role'));
    expect(arnParts(role)).toEqual({
      partition: sym(PARTITION),
      service: 'iam',
      region: '',
      account: sym(ACCOUNT),
      resource: sym('role/', ref('Worker', 'AWS::IAM::Role')),
    });
    const queue = sym('arn:', PARTITION, ':sqs:', REGION, ':', ACCOUNT, ':', ref('Jobs', 'AWS::SQS::Queue', 'QueueName'));
    expect(arnParts(queue)?.region).toEqual(sym(REGION));
  });

  it('reads an account given by an unknown parameter as an unknown segment (for cross-account checks)', () => {
    const parts = arnParts(sym('arn:aws:iam::', unknownPart('parameter TrustedAccount'), ':root'));
    expect(parts?.account).toEqual(sym(unknownPart('parameter TrustedAccount')));
    expect(parts?.resource).toBe('root');
  });

  it('does not guess when the value is not a complete ARN', () => {
    expect(arnParts('*')).toBeUndefined();
    expect(arnParts('arn:*')).toBeUndefined();
    expect(arnParts('my-bucket')).toBeUndefined();
    expect(arnParts(unknownValue('Fn::ImportValue without export'))).toBeUndefined();
    expect(arnParts(sym(ref('Jobs', 'AWS::SQS::Queue', 'Arn')))).toBeUndefined();
    expect(arnParts(sym(unknownPart('parameter RoleArn')))).toBeUndefined();
  });
});
