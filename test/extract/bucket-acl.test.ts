import { extractTemplate, onlyPolicy, policiesOf, summary } from './extract-template';

describe('AWS::S3::Bucket canned ACLs', () => {
  const { extraction } = extractTemplate(`
Parameters:
  Env:
    Type: String
    AllowedValues: [prod, dev]
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Website:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  Dropbox:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !If [IsDev, PublicReadWrite, Private]
  AnyAccount:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: AuthenticatedRead
  AccessLogs:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: LogDeliveryWrite
  Plain:
    Type: AWS::S3::Bucket
`);

  it('reads a public canned ACL as the grant to anyone it is, at the AccessControl line', () => {
    expect(extraction.errors).toEqual([]);
    const website = onlyPolicy(extraction, 'Website');
    expect(website).toMatchObject({ kind: 'permission-grant', resources: [{ resourceType: 'AWS::S3::Bucket', logicalId: 'Website' }] });
    expect(summary(website)).toEqual(['Allow actions=s3:ListBucket resources=arn:{AWS::Partition}:s3:::{Website} principals=*']);
    expect(website.statements[0]!.at).toBe('/Resources/Website/Properties/AccessControl');
    expect(summary(onlyPolicy(extraction, 'AnyAccount'))).toEqual(['Allow actions=s3:ListBucket resources=arn:{AWS::Partition}:s3:::{AnyAccount} principals=*']);
  });

  it('PublicReadWrite also lets anyone write and delete objects, in the branch that sets it', () => {
    const dropbox = onlyPolicy(extraction, 'Dropbox');
    expect(summary(dropbox)).toEqual([
      'Allow actions=s3:ListBucket resources=arn:{AWS::Partition}:s3:::{Dropbox} principals=* when=IsDev',
      'Allow actions=s3:PutObject,s3:DeleteObject resources=arn:{AWS::Partition}:s3:::{Dropbox}/* principals=* when=IsDev',
    ]);
  });

  it('grants nothing for private, owner and log-delivery ACLs, or none', () => {
    expect(policiesOf(extraction, 'AccessLogs')).toEqual([]);
    expect(policiesOf(extraction, 'Plain')).toEqual([]);
  });
});
