import { arnMatchesFormat, getAction, isEffectivelyStar, resourceTypesMatched } from '../../src/iam';
import { ACCOUNT, PARTITION, REGION, ref, sym, unknownPart, unknownValue } from './symbolic';

const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const TABLE = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}';
const INDEX = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}';
const PARAMETER = 'arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}';
const QUEUE = 'arn:${Partition}:sqs:${Region}:${Account}:${QueueName}';

const bucketRef = ref('DataBucket', 'AWS::S3::Bucket');
const tableRef = ref('OrdersTable', 'AWS::DynamoDB::Table');
const action = (name: string) => getAction(name)!;

describe('arnMatchesFormat with literal resources', () => {
  it('tells buckets from objects', () => {
    expect(arnMatchesFormat('arn:aws:s3:::my-bucket', BUCKET)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:s3:::my-bucket', OBJECT)).toBe('no');
    expect(arnMatchesFormat('arn:aws:s3:::my-bucket/*', OBJECT)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:s3:::my-bucket/*', BUCKET)).toBe('no');
    expect(arnMatchesFormat('arn:aws-cn:s3:::my-bucket/reports/2024.csv', OBJECT)).toBe('yes');
  });

  it('lets * span slots and separators, and ? stand for one character', () => {
    expect(arnMatchesFormat('arn:aws:s3:::*', BUCKET)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:s3:::*', OBJECT)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:s3:::logs-*', OBJECT)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:s3:::bucket-?', BUCKET)).toBe('yes');
    expect(arnMatchesFormat('arn:*', TABLE)).toBe('yes');
    expect(arnMatchesFormat('*', QUEUE)).toBe('yes');
  });

  it('never lets a * of a six-segment ARN span the colons between its first five segments, as IAM matches them one by one', () => {
    const REPOSITORY = 'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}';
    expect(arnMatchesFormat('arn:*:s3:::integ-tests-*', REPOSITORY)).toBe('no');
    expect(arnMatchesFormat('arn:*:s3:::integ-tests-*', BUCKET)).toBe('yes');
    expect(arnMatchesFormat('arn:*:ecr:*:*:repository/*', REPOSITORY)).toBe('yes');
    expect(arnMatchesFormat('arn:*:*:*:*:*', REPOSITORY)).toBe('yes');
    // Fewer than six segments written: the last * may stand for the rest (read as widely as IAM could).
    expect(arnMatchesFormat('arn:aws:*', REPOSITORY)).toBe('yes');
  });

  it('keeps IAM names with paths free of ":", so that a * cannot run on into a role name through a group or user ARN', () => {
    const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';
    const GROUP = 'arn:${Partition}:iam::${Account}:group/${GroupNameWithPath}';
    const USER = 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}';
    expect(arnMatchesFormat('arn:aws:iam::*:role/app-*', ROLE)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:iam::*:role/app-*', GROUP)).toBe('no');
    expect(arnMatchesFormat('arn:aws:iam::*:role/app-*', USER)).toBe('no');
    expect(arnMatchesFormat('arn:aws:iam::123456789012:role/team/app', ROLE)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:iam::123456789012:group/*', GROUP)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:iam::*', USER)).toBe('yes');
    expect(resourceTypesMatched('arn:aws:iam::*:role/app-*', action('iam:AddUserToGroup'))).toEqual([]);
    expect(isEffectivelyStar('arn:aws:iam::123456789012:role/*', action('iam:PassRole'))).toBe('star');
  });

  it('rejects other services and ARNs of the wrong shape, comparing case-sensitively', () => {
    expect(arnMatchesFormat('arn:aws:sqs:us-east-1:123456789012:jobs', OBJECT)).toBe('no');
    expect(arnMatchesFormat('arn:aws:sqs:us-east-1:123456789012:jobs', QUEUE)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:dynamodb:us-east-1:123456789012:table/Orders', INDEX)).toBe('no');
    expect(arnMatchesFormat('arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/*', INDEX)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:S3:::my-bucket', BUCKET)).toBe('no');
    expect(arnMatchesFormat('my-bucket', BUCKET)).toBe('no');
  });

  it('treats IAM policy variables as one value per caller', () => {
    expect(arnMatchesFormat('arn:aws:s3:::home-bucket/${aws:username}/*', OBJECT)).toBe('yes');
    expect(arnMatchesFormat('arn:aws:s3:::${aws:PrincipalAccount}-logs', BUCKET)).toBe('yes');
  });
});

describe('arnMatchesFormat with symbolic resources', () => {
  it('reads a bucket reference followed by /* as objects of that bucket, never the bucket', () => {
    const objects = sym('arn:', PARTITION, ':s3:::', bucketRef, '/*');
    expect(arnMatchesFormat(objects, OBJECT)).toBe('yes');
    expect(arnMatchesFormat(objects, BUCKET)).toBe('no');
  });

  it('reads a bucket reference alone as the bucket, never its objects', () => {
    const bucket = sym('arn:', PARTITION, ':s3:::', bucketRef);
    expect(arnMatchesFormat(bucket, BUCKET)).toBe('yes');
    expect(arnMatchesFormat(bucket, OBJECT)).toBe('no');
  });

  it('matches a known name as its characters', () => {
    const named = sym('arn:', PARTITION, ':s3:::', ref('Logs', 'AWS::S3::Bucket', 'Ref', 'logs-archive'), '/*');
    expect(arnMatchesFormat(named, OBJECT)).toBe('yes');
    expect(arnMatchesFormat(named, BUCKET)).toBe('no');
  });

  it('fits pseudo parameters into their own slots only', () => {
    expect(arnMatchesFormat(sym('arn:', PARTITION, ':dynamodb:', REGION, ':', ACCOUNT, ':table/', tableRef), TABLE)).toBe('yes');
    expect(arnMatchesFormat(sym('arn:', REGION, ':s3:::b'), BUCKET)).toBe('no');
    expect(arnMatchesFormat(sym('arn:aws:s3:::', ACCOUNT, '-logs'), BUCKET)).toBe('yes');
  });

  it('tells a table from its indexes', () => {
    const table = sym('arn:', PARTITION, ':dynamodb:', REGION, ':', ACCOUNT, ':table/', tableRef);
    expect(arnMatchesFormat(table, INDEX)).toBe('no');
    expect(arnMatchesFormat(sym('arn:', PARTITION, ':dynamodb:', REGION, ':', ACCOUNT, ':table/', tableRef, '/index/*'), INDEX)).toBe('yes');
  });

  it('lets an SSM parameter name carry its leading slash (`parameter${Param}`)', () => {
    const parameter = sym('arn:', PARTITION, ':ssm:', REGION, ':', ACCOUNT, ':parameter', ref('DbUrl', 'AWS::SSM::Parameter'));
    expect(arnMatchesFormat(parameter, PARAMETER)).toBe('yes');
  });

  it('answers maybe when an unknown part decides, and no when nothing could match', () => {
    const objects = sym('arn:aws:s3:::', unknownPart('parameter BucketName has no default'), '/*');
    expect(arnMatchesFormat(objects, OBJECT)).toBe('maybe');
    expect(arnMatchesFormat(objects, QUEUE)).toBe('no');
    expect(arnMatchesFormat(unknownValue('Fn::ImportValue without export'), QUEUE)).toBe('maybe');
  });

  it('answers maybe for an ARN attribute the resolver could not expand', () => {
    const queueArn = sym(ref('Jobs', 'AWS::SQS::Queue', 'Arn'));
    expect(arnMatchesFormat(queueArn, QUEUE)).toBe('maybe');
  });
});

describe('resourceTypesMatched', () => {
  it('lists the action types a resource may denote', () => {
    expect(resourceTypesMatched('arn:aws:s3:::my-bucket/*', action('s3:GetObject'))).toEqual([
      { resourceType: expect.objectContaining({ name: 'object' }), match: 'yes' },
    ]);
    expect(resourceTypesMatched('*', action('s3:GetObject')).map((m) => m.resourceType.name)).toEqual(['accesspointobject', 'object']);
  });

  it('finds nothing for a resource of another type (a bucket ARN on GetObject)', () => {
    expect(resourceTypesMatched(sym('arn:', PARTITION, ':s3:::', bucketRef), action('s3:GetObject'))).toEqual([]);
  });

  it('reports maybe matches', () => {
    expect(resourceTypesMatched(sym(ref('Jobs', 'AWS::SQS::Queue', 'Arn')), action('sqs:SendMessage'))).toEqual([
      { resourceType: expect.objectContaining({ name: 'queue' }), match: 'maybe' },
    ]);
  });
});

describe('isEffectivelyStar', () => {
  it.each([
    ['*', 's3:GetObject'],
    ['arn:*', 's3:GetObject'],
    ['arn:aws:*:*:*:*', 's3:GetObject'],
    ['arn:aws:s3:::*', 's3:GetObject'],
    ['arn:aws:s3:::*/*', 's3:GetObject'],
    ['arn:aws:s3:::*', 's3:ListBucket'],
    ['arn:aws:dynamodb:*:*:table/*', 'dynamodb:GetItem'],
    ['arn:aws:iam::*:role/*', 'iam:PassRole'],
    ['arn:aws:iam::123456789012:role/*', 'iam:PassRole'],
    ['arn:aws:sqs:us-east-1:123456789012:*', 'sqs:SendMessage'],
    // `?` pins no name: one or more characters is every name.
    ['arn:aws:iam::123456789012:policy/?*', 'iam:CreatePolicyVersion'],
  ])('%s covers every resource for %s', (resource, name) => {
    expect(isEffectivelyStar(resource, action(name))).toBe('star');
  });

  it.each([
    ['arn:aws:s3:::my-bucket/*', 's3:GetObject'],
    ['arn:aws:s3:::logs-*', 's3:ListBucket'],
    ['arn:aws:s3:::bucket-?', 's3:ListBucket'],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/Orders', 'dynamodb:GetItem'],
    ['arn:aws:iam::123456789012:role/service-role/*', 'iam:PassRole'],
    // Every table, but GetObject acts on objects: nothing of its types is covered.
    ['arn:aws:dynamodb:*:*:table/*', 's3:GetObject'],
  ])('%s is narrow for %s', (resource, name) => {
    expect(isEffectivelyStar(resource, action(name))).toBe('narrow');
  });

  it('sees every table in arn:${Partition}:dynamodb:*:*:table/*', () => {
    expect(isEffectivelyStar(sym('arn:', PARTITION, ':dynamodb:*:*:table/*'), action('dynamodb:Query'))).toBe('star');
  });

  it('never treats an in-template resource or a known name as a wildcard', () => {
    expect(isEffectivelyStar(sym('arn:', PARTITION, ':s3:::', bucketRef, '/*'), action('s3:GetObject'))).toBe('narrow');
    expect(isEffectivelyStar(sym('arn:', PARTITION, ':s3:::', ref('L', 'AWS::S3::Bucket', 'Ref', 'logs'), '/*'), action('s3:GetObject'))).toBe('narrow');
    expect(isEffectivelyStar(sym(ref('Jobs', 'AWS::SQS::Queue', 'Arn')), action('sqs:SendMessage'))).toBe('narrow');
  });

  it('is unknown when an unknown part is in the resource-identifying part', () => {
    expect(isEffectivelyStar(sym('arn:aws:s3:::', unknownPart('parameter Bucket'), '/*'), action('s3:GetObject'))).toBe('unknown');
    expect(isEffectivelyStar(unknownValue('parameter without default'), action('s3:GetObject'))).toBe('unknown');
  });

  it('ignores unknown parts outside the resource-identifying part', () => {
    const everyTable = sym('arn:aws:dynamodb:us-east-1:', unknownPart('parameter AccountId'), ':table/*');
    expect(isEffectivelyStar(everyTable, action('dynamodb:GetItem'))).toBe('star');
    const oneTable = sym('arn:aws:dynamodb:us-east-1:', unknownPart('parameter AccountId'), ':table/Orders');
    expect(isEffectivelyStar(oneTable, action('dynamodb:GetItem'))).toBe('narrow');
  });

  it('judges the resource part for actions that accept only *', () => {
    expect(isEffectivelyStar('*', action('sts:GetCallerIdentity'))).toBe('star');
    expect(isEffectivelyStar('arn:aws:iam::123456789012:role/x', action('sts:GetCallerIdentity'))).toBe('narrow');
  });

  it('uses the types of the service the ARN names when no action is given', () => {
    expect(isEffectivelyStar('arn:aws:s3:::*')).toBe('star');
    expect(isEffectivelyStar('arn:aws:logs:*:*:*')).toBe('star');
    expect(isEffectivelyStar('arn:aws:dynamodb:*:*:table/*')).toBe('star');
    expect(isEffectivelyStar('arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*')).toBe('narrow');
    expect(isEffectivelyStar('arn:aws:nosuchservice:us-east-1:123456789012:*')).toBe('star');
    expect(isEffectivelyStar('arn:aws:nosuchservice:us-east-1:123456789012:thing/x')).toBe('narrow');
  });
});

describe('name slots per service', () => {
  it('lets an IoT topic hold slashes, while an SNS topic name cannot', () => {
    expect(arnMatchesFormat('arn:aws:iot:us-east-1:123456789012:topic/sdk/*', 'arn:${Partition}:iot:${Region}:${Account}:topic/${TopicName}')).toBe('yes');
    expect(arnMatchesFormat('arn:aws:sns:us-east-1:123456789012:alerts/x', 'arn:${Partition}:sns:${Region}:${Account}:${TopicName}')).toBe('no');
  });

  it('accepts a qualified function ARN (version, alias or every qualifier) for the function type', () => {
    const invoke = action('lambda:InvokeFunction');
    expect(resourceTypesMatched('arn:aws:lambda:us-east-1:123456789012:function:handler:*', invoke).map((m) => m.resourceType.name)).toContain('function');
    expect(resourceTypesMatched('arn:aws:lambda:us-east-1:123456789012:function:handler:live', invoke).length).toBeGreaterThan(0);
  });
});
