import { awsServiceAccount } from '../../src/analysis/service-accounts';

describe('AWS-owned service accounts', () => {
  it('recognizes a region\'s log delivery account where its service delivers, and only there', () => {
    expect(awsServiceAccount('127311923021', 'AWS::S3::Bucket')).toEqual(
      expect.objectContaining({ id: 'elb-access-logs', region: 'us-east-1' }),
    );
    expect(awsServiceAccount('193672423079', 'AWS::S3::Bucket')).toEqual(
      expect.objectContaining({ id: 'redshift-audit-logging', region: 'us-east-1' }),
    );
    // Elastic Load Balancing never acts on a queue or assumes a role: there it is just an account.
    expect(awsServiceAccount('127311923021', 'AWS::SQS::Queue')).toBeUndefined();
    expect(awsServiceAccount('127311923021', 'AWS::IAM::Role')).toBeUndefined();
  });

  it('knows CloudFront origin access identities by their account name, and no other account', () => {
    expect(awsServiceAccount('cloudfront', 'AWS::S3::Bucket')?.service).toMatch(/CloudFront/);
    expect(awsServiceAccount('111122223333', 'AWS::S3::Bucket')).toBeUndefined();
  });
});
