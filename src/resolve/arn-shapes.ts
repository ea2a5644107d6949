/**
 * What `Ref` and `Fn::GetAtt` return for common resource types, as shapes: which parts of
 * an identity are fixed text, which are pseudo parameters, and which stand for the resource
 * itself. `arn:${Partition}:s3:::` + ⟨bucket name⟩ lets rules see that a bucket's `Arn` is an
 * S3 bucket ARN of this account's partition, for that one bucket.
 *
 * Facts from the CloudFormation resource reference ("Return values" of each type). Types not
 * listed keep opaque parts: `Ref` → the `Ref` component, `GetAtt X` → the `X` component.
 */
import type { TemplateObject } from '../template/types';
import type { PseudoParameter } from './types';
import { valueAtPath } from './context';

/** A component of the resource's own identity: becomes a `ResourceRef` part. */
export interface SelfPiece {
  /** `Ref`, an attribute name, or the name property when no attribute returns that component. */
  self: string;
  /** Property (dotted path) holding the component's value: a literal there becomes `knownValue`. */
  nameProperty?: string;
  /** Leading text of the property value that the component leaves out (`https://` of an OIDC URL). */
  stripPrefix?: string;
}

export type ShapePiece =
  | string
  | { pseudo: PseudoParameter }
  | SelfPiece
  /** The IAM path from the `Path` property without its leading slash (`/` → nothing). */
  | { iamPath: true }
  /** The ARN of the Lambda function a property names (by name, ARN or reference), as an alias or version qualifies it. */
  | { functionArnOf: string };

export interface ResourceShape {
  /** What `Ref` returns; the opaque `Ref` component when absent. */
  ref?: ShapePiece[];
  /** Attributes with a known shape; other attributes are opaque components. */
  attributes?: Readonly<Record<string, ShapePiece[]>>;
  /** The shapes hold only while this property is not set (a rule on a custom event bus has another ARN). */
  unlessProperty?: string;
}

const PARTITION = { pseudo: 'AWS::Partition' } as const;
const REGION = { pseudo: 'AWS::Region' } as const;
const ACCOUNT = { pseudo: 'AWS::AccountId' } as const;
const URL_SUFFIX = { pseudo: 'AWS::URLSuffix' } as const;
const IAM_PATH = { iamPath: true } as const;

function self(component: string, nameProperty?: string): SelfPiece {
  return nameProperty === undefined ? { self: component } : { self: component, nameProperty };
}

/**
 * `arn:${Partition}:service:` then region and account as the service's ARNs have them
 * (`regional`: both, `global`: account only, `bare`: neither), then `resource`.
 */
function arn(service: string, scope: 'regional' | 'global' | 'bare', ...resource: ShapePiece[]): ShapePiece[] {
  const head: ShapePiece[] = ['arn:', PARTITION, `:${service}:`];
  if (scope === 'regional') head.push(REGION, ':', ACCOUNT, ':');
  else if (scope === 'global') head.push(':', ACCOUNT, ':');
  else head.push('::');
  return [...head, ...resource];
}

/** The common case: `Ref` is the name (or id), and the listed attributes are built from it. */
function named(nameProperty: string | undefined, attributes: (ref: SelfPiece) => Record<string, ShapePiece[]> = () => ({})): ResourceShape {
  const ref = self('Ref', nameProperty);
  return { ref: [ref], attributes: attributes(ref) };
}

/** `Ref` is the name and `Arn` is a regional ARN ending in `<resourcePrefix><name>`. */
function namedWithArn(nameProperty: string | undefined, service: string, resourcePrefix: string): ResourceShape {
  return named(nameProperty, (ref) => ({ Arn: arn(service, 'regional', resourcePrefix, ref) }));
}

/** `Ref` is the ARN itself, which ends in `<resourcePrefix><name>`; `nameAttribute` returns the name. */
function arnNamed(service: string, resourcePrefix: string, nameAttribute: string, nameProperty?: string): ResourceShape {
  const name = self(nameAttribute, nameProperty);
  const whole = arn(service, 'regional', resourcePrefix, name);
  return { ref: whole, attributes: { Arn: whole, [nameAttribute]: [name] } };
}

function iamNamed(nameProperty: string, resourcePrefix: string): ResourceShape {
  return named(nameProperty, (ref) => ({ Arn: arn('iam', 'global', resourcePrefix, IAM_PATH, ref) }));
}

function dynamoTable(): ResourceShape {
  return named('TableName', (ref) => {
    const table = arn('dynamodb', 'regional', 'table/', ref);
    return { Arn: table, StreamArn: [...table, '/stream/', self('StreamLabel')] };
  });
}

function stateMachine(nameProperty: string): ResourceShape {
  return arnNamed('states', 'stateMachine:', 'Name', nameProperty);
}

function searchDomain(): ResourceShape {
  return named('DomainName', (ref) => {
    const domain = arn('es', 'regional', 'domain/', ref);
    return { Arn: domain, DomainArn: domain };
  });
}

function lambdaFunction(): ResourceShape {
  return namedWithArn('FunctionName', 'lambda', 'function:');
}

/** `Ref` is a version's or an alias's ARN: the function's ARN, `:`, then the version number or alias name. */
function qualifiedFunction(qualifier: SelfPiece, arnAttribute: string): ResourceShape {
  const whole = [{ functionArnOf: 'FunctionName' }, ':', qualifier];
  return { ref: whole, attributes: { [arnAttribute]: whole, [qualifier.self]: [qualifier] } };
}

/** `Ref` is the ARN of the revision the stack registered: `task-definition/FAMILY:REVISION`. */
function taskDefinition(): ResourceShape {
  const whole = arn('ecs', 'regional', 'task-definition/', self('Family', 'Family'), ':', self('Revision'));
  return { ref: whole, attributes: { TaskDefinitionArn: whole } };
}

function topic(): ResourceShape {
  const name = self('TopicName', 'TopicName');
  const whole = arn('sns', 'regional', name);
  return { ref: whole, attributes: { TopicArn: whole, TopicName: [name] } };
}

function queue(): ResourceShape {
  const name = self('QueueName', 'QueueName');
  const url = ['https://sqs.', REGION, '.', URL_SUFFIX, '/', ACCOUNT, '/', name];
  return { ref: url, attributes: { QueueUrl: url, Arn: arn('sqs', 'regional', name), QueueName: [name] } };
}

function managedPolicy(): ResourceShape {
  const whole = arn('iam', 'global', 'policy/', IAM_PATH, self('ManagedPolicyName', 'ManagedPolicyName'));
  return { ref: whole, attributes: { PolicyArn: whole } };
}

function globalArnRef(resourcePrefix: string, name: SelfPiece): ResourceShape {
  const whole = arn('iam', 'global', resourcePrefix, name);
  return { ref: whole, attributes: { Arn: whole } };
}

function secret(): ResourceShape {
  // Secrets Manager appends six random characters to the name.
  const whole = arn('secretsmanager', 'regional', 'secret:', self('Name', 'Name'), '-', self('RandomSuffix'));
  return { ref: whole, attributes: { Id: whole } };
}

function codeArtifactRepository(): ResourceShape {
  const name = self('Name', 'RepositoryName');
  const domain = self('DomainName', 'DomainName');
  const whole = arn('codeartifact', 'regional', 'repository/', domain, '/', name);
  return { ref: whole, attributes: { Arn: whole, Name: [name], DomainName: [domain] } };
}

/** `Ref` is the repository id; the ARN ends in the name. */
function codeCommitRepository(): ResourceShape {
  const name = self('Name', 'RepositoryName');
  return { attributes: { Arn: arn('codecommit', 'regional', name), Name: [name] } };
}

/** SageMaker lowercases names in ARNs, so the name property gives no `knownValue`. */
function sageMaker(resourcePrefix: string, nameAttribute: string): ResourceShape {
  const name = self(nameAttribute);
  return { ref: arn('sagemaker', 'regional', resourcePrefix, name), attributes: { [nameAttribute]: [name] } };
}

export const ARN_SHAPES: Readonly<Record<string, ResourceShape>> = {
  'AWS::S3::Bucket': named('BucketName', (ref) => ({ Arn: arn('s3', 'bare', ref) })),
  'AWS::S3::AccessPoint': namedWithArn('Name', 's3', 'accesspoint/'),
  'AWS::S3ObjectLambda::AccessPoint': namedWithArn('Name', 's3-object-lambda', 'accesspoint/'),
  'AWS::S3Express::DirectoryBucket': namedWithArn('BucketName', 's3express', 'bucket/'),
  'AWS::SNS::Topic': topic(),
  'AWS::SQS::Queue': queue(),
  'AWS::IAM::Role': iamNamed('RoleName', 'role/'),
  'AWS::IAM::User': iamNamed('UserName', 'user/'),
  'AWS::IAM::Group': iamNamed('GroupName', 'group/'),
  'AWS::IAM::InstanceProfile': iamNamed('InstanceProfileName', 'instance-profile/'),
  'AWS::IAM::ManagedPolicy': managedPolicy(),
  'AWS::IAM::OIDCProvider': globalArnRef('oidc-provider/', { self: 'Url', nameProperty: 'Url', stripPrefix: 'https://' }),
  // CDK's `iam.OpenIdConnectProvider` is a custom resource whose handler returns the provider's ARN as its physical id.
  'Custom::AWSCDKOpenIdConnectProvider': globalArnRef('oidc-provider/', { self: 'Url', nameProperty: 'Url', stripPrefix: 'https://' }),
  'AWS::IAM::SAMLProvider': globalArnRef('saml-provider/', self('Name', 'Name')),
  'AWS::Lambda::Function': lambdaFunction(),
  'AWS::Serverless::Function': lambdaFunction(),
  'AWS::Lambda::Version': qualifiedFunction(self('Version'), 'FunctionArn'),
  'AWS::Lambda::Alias': qualifiedFunction(self('Name', 'Name'), 'AliasArn'),
  'AWS::DynamoDB::Table': dynamoTable(),
  'AWS::DynamoDB::GlobalTable': dynamoTable(),
  'AWS::Serverless::SimpleTable': dynamoTable(),
  'AWS::KMS::Key': named(undefined, (ref) => ({ Arn: arn('kms', 'regional', 'key/', ref), KeyId: [ref] })),
  'AWS::KMS::Alias': named('AliasName'),
  'AWS::Kinesis::Stream': namedWithArn('Name', 'kinesis', 'stream/'),
  'AWS::KinesisFirehose::DeliveryStream': namedWithArn('DeliveryStreamName', 'firehose', 'deliverystream/'),
  // CloudFormation returns a log group's ARN with `:*` (every stream in it).
  'AWS::Logs::LogGroup': named('LogGroupName', (ref) => ({ Arn: arn('logs', 'regional', 'log-group:', ref, ':*') })),
  'AWS::Logs::Destination': namedWithArn('DestinationName', 'logs', 'destination:'),
  'AWS::StepFunctions::StateMachine': stateMachine('StateMachineName'),
  'AWS::Serverless::StateMachine': stateMachine('Name'),
  'AWS::StepFunctions::Activity': arnNamed('states', 'activity:', 'Name', 'Name'),
  'AWS::Events::EventBus': named('Name', (ref) => ({ Arn: arn('events', 'regional', 'event-bus/', ref), Name: [ref] })),
  'AWS::Events::Rule': { ...namedWithArn('Name', 'events', 'rule/'), unlessProperty: 'EventBusName' },
  'AWS::Events::ApiDestination': namedWithArn('Name', 'events', 'api-destination/'),
  'AWS::Events::Archive': namedWithArn('ArchiveName', 'events', 'archive/'),
  'AWS::Events::Connection': namedWithArn('Name', 'events', 'connection/'),
  'AWS::ECR::Repository': named('RepositoryName', (ref) => ({
    Arn: arn('ecr', 'regional', 'repository/', ref),
    RepositoryUri: [ACCOUNT, '.dkr.ecr.', REGION, '.', URL_SUFFIX, '/', ref],
  })),
  'AWS::ECS::Cluster': namedWithArn('ClusterName', 'ecs', 'cluster/'),
  'AWS::ECS::TaskDefinition': taskDefinition(),
  'AWS::EKS::Cluster': namedWithArn('Name', 'eks', 'cluster/'),
  'AWS::OpenSearchService::Domain': searchDomain(),
  'AWS::Elasticsearch::Domain': searchDomain(),
  'AWS::EFS::FileSystem': named(undefined, (ref) => ({ Arn: arn('elasticfilesystem', 'regional', 'file-system/', ref), FileSystemId: [ref] })),
  'AWS::EFS::AccessPoint': named(undefined, (ref) => ({ Arn: arn('elasticfilesystem', 'regional', 'access-point/', ref), AccessPointId: [ref] })),
  'AWS::Backup::BackupVault': named('BackupVaultName', (ref) => ({
    BackupVaultArn: arn('backup', 'regional', 'backup-vault:', ref),
    BackupVaultName: [ref],
  })),
  'AWS::CodeArtifact::Domain': arnNamed('codeartifact', 'domain/', 'Name', 'DomainName'),
  'AWS::CodeArtifact::Repository': codeArtifactRepository(),
  'AWS::CodeBuild::Project': namedWithArn('Name', 'codebuild', 'project/'),
  'AWS::CodeCommit::Repository': codeCommitRepository(),
  'AWS::CodePipeline::Pipeline': named('Name'),
  'AWS::ApiGateway::Stage': named('StageName'),
  'AWS::ApiGatewayV2::Stage': named('StageName'),
  'AWS::SSM::Parameter': named('Name'),
  'AWS::SSM::Document': named('Name'),
  'AWS::SecretsManager::Secret': secret(),
  'AWS::Cognito::UserPool': named(undefined, (ref) => ({ Arn: arn('cognito-idp', 'regional', 'userpool/', ref), UserPoolId: [ref] })),
  'AWS::AppSync::GraphQLApi': arnNamed('appsync', 'apis/', 'ApiId'),
  'AWS::SageMaker::NotebookInstance': sageMaker('notebook-instance/', 'NotebookInstanceName'),
  'AWS::SageMaker::Endpoint': sageMaker('endpoint/', 'EndpointName'),
  'AWS::SageMaker::Model': sageMaker('model/', 'ModelName'),
  'AWS::RDS::DBInstance': named(undefined, (ref) => ({ DBInstanceArn: arn('rds', 'regional', 'db:', ref) })),
  'AWS::RDS::DBCluster': named(undefined, (ref) => ({ DBClusterArn: arn('rds', 'regional', 'cluster:', ref) })),
  'AWS::DAX::Cluster': namedWithArn('ClusterName', 'dax', 'cache/'),
  'AWS::CloudTrail::Trail': namedWithArn('TrailName', 'cloudtrail', 'trail/'),
  'AWS::CloudWatch::Alarm': namedWithArn('AlarmName', 'cloudwatch', 'alarm:'),
  'AWS::Timestream::Database': namedWithArn('DatabaseName', 'timestream', 'database/'),
  'AWS::IoT::Policy': namedWithArn('PolicyName', 'iot', 'policy/'),
  'AWS::IoT::Thing': namedWithArn('ThingName', 'iot', 'thing/'),
  'AWS::IoT::TopicRule': namedWithArn('RuleName', 'iot', 'rule/'),
  'AWS::Glue::Database': named('DatabaseInput.Name'),
  'AWS::Glue::Job': named('Name'),
  'AWS::Glue::Crawler': named('Name'),
  'AWS::Athena::WorkGroup': named('Name'),
  'AWS::Scheduler::ScheduleGroup': namedWithArn('Name', 'scheduler', 'schedule-group/'),
  'AWS::Scheduler::Schedule': { ...namedWithArn('Name', 'scheduler', 'schedule/default/'), unlessProperty: 'GroupName' },
  'AWS::Pipes::Pipe': namedWithArn('Name', 'pipes', 'pipe/'),
  'AWS::Bedrock::Agent': named(undefined, (ref) => ({ AgentArn: arn('bedrock', 'regional', 'agent/', ref), AgentId: [ref] })),
  'AWS::Bedrock::KnowledgeBase': named(undefined, (ref) => ({
    KnowledgeBaseArn: arn('bedrock', 'regional', 'knowledge-base/', ref),
    KnowledgeBaseId: [ref],
  })),
};

/**
 * The shape of what `Ref` (attribute `Ref`) or `Fn::GetAtt` returns for a resource of `type`
 * with these `properties`; `undefined` when it is not known.
 */
export function identityShape(type: string, attribute: string, properties: TemplateObject): ShapePiece[] | undefined {
  if (!Object.hasOwn(ARN_SHAPES, type)) return undefined;
  const shape = ARN_SHAPES[type];
  if (shape.unlessProperty !== undefined && valueAtPath(properties, shape.unlessProperty) !== undefined) return undefined;
  if (attribute === 'Ref') return shape.ref;
  return shape.attributes !== undefined && Object.hasOwn(shape.attributes, attribute) ? shape.attributes[attribute] : undefined;
}

/** Types whose attributes are chosen by code CloudFormation runs, not by the template. */
export function isCustomResource(resourceType: string): boolean {
  return resourceType.startsWith('Custom::') || resourceType === 'AWS::CloudFormation::CustomResource';
}

/** Types whose `Outputs.X` attributes are another template's outputs. */
export function isNestedStack(resourceType: string): boolean {
  return resourceType === 'AWS::CloudFormation::Stack' || resourceType === 'AWS::Serverless::Application';
}

/**
 * Whether `Ref` of the type returns a component of its ARN (a bucket's name, a key's id), not the
 * ARN itself: the ARN is another attribute's, built around the `Ref` component.
 */
export function refIsArnComponent(resourceType: string): boolean {
  const found = arnAttributeOf(resourceType);
  return found !== undefined && found.attribute !== 'Ref' && found.pieces.some((piece) => typeof piece === 'object' && 'self' in piece && piece.self === 'Ref');
}

/**
 * How a template names a resource's ARN: `Ref` when the reference is the ARN, else the first
 * attribute that is (`Fn::GetAtt [Id, Arn]`), with the ARN's shape.
 */
export function arnAttributeOf(resourceType: string): { attribute: string; pieces: ShapePiece[] } | undefined {
  const shape = Object.hasOwn(ARN_SHAPES, resourceType) ? ARN_SHAPES[resourceType] : undefined;
  if (!shape) return undefined;
  const candidates: [string, ShapePiece[] | undefined][] = [['Ref', shape.ref], ...Object.entries(shape.attributes ?? {})];
  const found = candidates.find(([, pieces]) => pieces?.[0] === 'arn:');
  return found && { attribute: found[0], pieces: found[1]! };
}
