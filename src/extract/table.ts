/**
 * Where policies live: ONE declarative table from resource type to its policy-bearing
 * properties. `walker.ts` interprets it; the few shapes a table row cannot express
 * (`Lambda::Permission`, `EventBusPolicy`'s legacy form, SAM) are small functions named here.
 *
 * Paths are below `Properties`, keys separated by dots, `[*]` after a key for every element of
 * a list. A policy name path is read below the list element when the document path walks a list.
 */
import type { PolicyKind, PrincipalKind } from './types';
import type { ResourceContext } from './context';
import type { DocumentFormat } from './document';
import type { AttachmentSpec, ProtectionSpec } from './targets';
import { bucketCannedAcl } from './bucket-acl';
import { eventBusPolicy } from './event-bus-policy';
import { userToGroupAddition } from './group-membership';
import { lambdaPermission, lambdaUrl, layerVersionPermission } from './lambda-permission';
import { openApiPolicy } from './openapi-policy';
import { samApi, samEventResourcePolicies } from './sam/api';
import { samFunction, samStateMachine } from './sam/execution-role';
import { cdkSdkCallPolicy } from './cdk-sdk-calls';
import { samConnector } from './sam/connectors';
import { compareText } from '../text-order';

/** A policy document written in a property. */
export interface DocumentSpec {
  kind: 'identity' | 'trust' | 'resource';
  path: string;
  format: DocumentFormat;
  name?: string;
  /** Identity and trust policies: the principals they apply to. */
  attachesTo?: AttachmentSpec[];
  /** Resource policies: what they protect. */
  protects?: ProtectionSpec;
}

/** A property that names a managed policy instead of holding a document. */
export interface ReferenceSpec {
  kind: 'managed-policy-reference' | 'boundary';
  path: string;
  /** `arn`: an ARN (or a `Ref` to an in-template managed policy); `customer-managed-name`: IAM Identity Center's `{Name, Path}`. */
  names: 'arn' | 'customer-managed-name';
  attachesTo: AttachmentSpec[];
}

/** A shape the table cannot express, handled by a named function. */
export interface CustomSpec {
  kind: PolicyKind;
  /** The properties it reads, as documentation (and for `supportedResourceTypes`). */
  path: string;
  extract(ctx: ResourceContext): void;
}

export type PolicySpec = DocumentSpec | ReferenceSpec | CustomSpec;

export interface ResourceSpec {
  /** Set when the resource is itself an IAM principal. */
  principal?: { kind: PrincipalKind; groups?: string; boundary?: string };
  policies: PolicySpec[];
}

const self = (kind: PrincipalKind): AttachmentSpec[] => [{ kind, self: true }];

/** A resource policy set by an SDK call of CDK's AwsCustomResource. */
const cdkSdkCall: CustomSpec = { kind: 'resource', path: 'Create, Update', extract: cdkSdkCallPolicy };

/** The resource policy an `Api` event of a SAM function or state machine adds to its API. */
const samEventPolicies: CustomSpec = { kind: 'resource', path: 'Events.*.Properties.Auth.ResourcePolicy', extract: samEventResourcePolicies };

/** `Policies`, `ManagedPolicyArns` and (for roles and users) `PermissionsBoundary` of an IAM principal. */
function principalPolicies(kind: PrincipalKind, boundary: boolean): PolicySpec[] {
  return [
    { kind: 'identity', path: 'Policies[*].PolicyDocument', format: 'object', name: 'PolicyName', attachesTo: self(kind) },
    { kind: 'managed-policy-reference', path: 'ManagedPolicyArns[*]', names: 'arn', attachesTo: self(kind) },
    ...(boundary ? [{ kind: 'boundary', path: 'PermissionsBoundary', names: 'arn', attachesTo: self(kind) } as const] : []),
  ];
}

const POLICY_ATTACHMENTS: AttachmentSpec[] = [
  { kind: 'role', path: 'Roles[*]' },
  { kind: 'user', path: 'Users[*]' },
  { kind: 'group', path: 'Groups[*]' },
];

/** A resource policy on the resource itself. */
function ownPolicy(path: string, format: DocumentFormat = 'object'): DocumentSpec {
  return { kind: 'resource', path, format, protects: { self: true } };
}

/** A resource policy resource that names what it protects. */
function policyOn(path: string, target: string, resourceType: string, format: DocumentFormat = 'object'): DocumentSpec {
  return { kind: 'resource', path, format, protects: { path: target, resourceType } };
}

export const POLICY_TABLE: Readonly<Record<string, ResourceSpec>> = {
  // IAM principals and their policies.
  'AWS::IAM::Role': {
    principal: { kind: 'role', boundary: 'PermissionsBoundary' },
    policies: [
      ...principalPolicies('role', true),
      { kind: 'trust', path: 'AssumeRolePolicyDocument', format: 'object', attachesTo: self('role') },
    ],
  },
  'AWS::IAM::User': {
    principal: { kind: 'user', groups: 'Groups[*]', boundary: 'PermissionsBoundary' },
    policies: principalPolicies('user', true),
  },
  'AWS::IAM::Group': { principal: { kind: 'group' }, policies: principalPolicies('group', false) },
  'AWS::IAM::Policy': {
    policies: [{ kind: 'identity', path: 'PolicyDocument', format: 'object', name: 'PolicyName', attachesTo: POLICY_ATTACHMENTS }],
  },
  'AWS::IAM::ManagedPolicy': {
    policies: [{ kind: 'identity', path: 'PolicyDocument', format: 'object', name: 'ManagedPolicyName', attachesTo: POLICY_ATTACHMENTS }],
  },
  'AWS::IAM::RolePolicy': {
    policies: [{ kind: 'identity', path: 'PolicyDocument', format: 'object', name: 'PolicyName', attachesTo: [{ kind: 'role', path: 'RoleName' }] }],
  },
  'AWS::IAM::UserPolicy': {
    policies: [{ kind: 'identity', path: 'PolicyDocument', format: 'object', name: 'PolicyName', attachesTo: [{ kind: 'user', path: 'UserName' }] }],
  },
  'AWS::IAM::GroupPolicy': {
    policies: [
      { kind: 'identity', path: 'PolicyDocument', format: 'object', name: 'PolicyName', attachesTo: [{ kind: 'group', path: 'GroupName' }] },
    ],
  },
  'AWS::IAM::UserToGroupAddition': { policies: [{ kind: 'identity', path: 'GroupName, Users', extract: userToGroupAddition }] },
  // An IAM Identity Center permission set becomes a role in each account it is assigned to.
  'AWS::SSO::PermissionSet': {
    principal: { kind: 'role', boundary: 'PermissionsBoundary.ManagedPolicyArn' },
    policies: [
      { kind: 'identity', path: 'InlinePolicy', format: 'object-or-string', attachesTo: self('role') },
      { kind: 'managed-policy-reference', path: 'ManagedPolicies[*]', names: 'arn', attachesTo: self('role') },
      { kind: 'managed-policy-reference', path: 'CustomerManagedPolicyReferences[*]', names: 'customer-managed-name', attachesTo: self('role') },
      { kind: 'boundary', path: 'PermissionsBoundary.ManagedPolicyArn', names: 'arn', attachesTo: self('role') },
      { kind: 'boundary', path: 'PermissionsBoundary.CustomerManagedPolicyReference', names: 'customer-managed-name', attachesTo: self('role') },
    ],
  },
  // IoT policies attach to certificates and Cognito identities, never to in-template IAM principals.
  'AWS::IoT::Policy': {
    policies: [{ kind: 'identity', path: 'PolicyDocument', format: 'object-or-string', name: 'PolicyName', attachesTo: [] }],
  },

  // Resource policies.
  'AWS::S3::BucketPolicy': { policies: [policyOn('PolicyDocument', 'Bucket', 'AWS::S3::Bucket')] },
  // A canned ACL that opens the bucket to everyone (PublicRead, PublicReadWrite, AuthenticatedRead).
  'AWS::S3::Bucket': { policies: [{ kind: 'permission-grant', path: 'AccessControl', extract: bucketCannedAcl }] },
  'AWS::S3::AccessPoint': { policies: [ownPolicy('Policy')] },
  'AWS::S3::MultiRegionAccessPointPolicy': { policies: [policyOn('Policy', 'MrapName', 'AWS::S3::MultiRegionAccessPoint')] },
  'AWS::S3Express::BucketPolicy': { policies: [policyOn('PolicyDocument', 'Bucket', 'AWS::S3Express::DirectoryBucket')] },
  'AWS::S3Express::AccessPoint': { policies: [ownPolicy('Policy')] },
  'AWS::S3Outposts::BucketPolicy': { policies: [policyOn('PolicyDocument', 'Bucket', 'AWS::S3Outposts::Bucket')] },
  'AWS::S3Outposts::AccessPoint': { policies: [ownPolicy('Policy')] },
  'AWS::S3ObjectLambda::AccessPointPolicy': {
    policies: [policyOn('PolicyDocument', 'ObjectLambdaAccessPoint', 'AWS::S3ObjectLambda::AccessPoint')],
  },
  'AWS::S3Tables::TableBucketPolicy': { policies: [policyOn('ResourcePolicy', 'TableBucketARN', 'AWS::S3Tables::TableBucket')] },
  'AWS::S3Tables::TablePolicy': { policies: [policyOn('ResourcePolicy', 'TableARN', 'AWS::S3Tables::Table')] },
  'AWS::S3Vectors::VectorBucketPolicy': { policies: [policyOn('Policy', 'VectorBucketArn', 'AWS::S3Vectors::VectorBucket')] },
  'AWS::SQS::QueuePolicy': { policies: [policyOn('PolicyDocument', 'Queues[*]', 'AWS::SQS::Queue')] },
  'AWS::SQS::QueueInlinePolicy': { policies: [policyOn('PolicyDocument', 'Queue', 'AWS::SQS::Queue')] },
  'AWS::SNS::TopicPolicy': { policies: [policyOn('PolicyDocument', 'Topics[*]', 'AWS::SNS::Topic')] },
  'AWS::SNS::TopicInlinePolicy': { policies: [policyOn('PolicyDocument', 'TopicArn', 'AWS::SNS::Topic')] },
  'AWS::KMS::Key': { policies: [ownPolicy('KeyPolicy', 'object-or-string')] },
  'AWS::KMS::ReplicaKey': { policies: [ownPolicy('KeyPolicy', 'object-or-string')] },
  'AWS::SecretsManager::ResourcePolicy': {
    policies: [policyOn('ResourcePolicy', 'SecretId', 'AWS::SecretsManager::Secret', 'object-or-string')],
  },
  'AWS::Lambda::Permission': {
    policies: [{ kind: 'permission-grant', path: 'Action, Principal, FunctionName, Source*, PrincipalOrgID, ...', extract: lambdaPermission }],
  },
  'AWS::Lambda::LayerVersionPermission': {
    policies: [{ kind: 'permission-grant', path: 'Action, Principal, LayerVersionArn, OrganizationId', extract: layerVersionPermission }],
  },
  'AWS::Lambda::Url': { policies: [{ kind: 'permission-grant', path: 'AuthType, TargetFunctionArn', extract: lambdaUrl }] },
  'AWS::Lambda::ResourcePolicy': { policies: [policyOn('PolicyDocument', 'ResourceArn', 'AWS::Lambda::Function')] },
  'AWS::ECR::Repository': { policies: [ownPolicy('RepositoryPolicyText', 'object-or-string')] },
  'AWS::ECR::PublicRepository': { policies: [ownPolicy('RepositoryPolicyText', 'object-or-string')] },
  'AWS::ECR::RegistryPolicy': { policies: [ownPolicy('PolicyText')] },
  // The policy every repository created through the template (pull-through cache, replication) gets.
  'AWS::ECR::RepositoryCreationTemplate': { policies: [ownPolicy('RepositoryPolicy', 'object-or-string')] },
  'AWS::Logs::ResourcePolicy': {
    policies: [{ kind: 'resource', path: 'PolicyDocument', format: 'json-string', name: 'PolicyName', protects: { self: true } }],
  },
  'AWS::Logs::Destination': { policies: [ownPolicy('DestinationPolicy', 'json-string')] },
  // Who may deliver logs to the destination across accounts (logs:CreateDelivery).
  'AWS::Logs::DeliveryDestination': { policies: [ownPolicy('DeliveryDestinationPolicy.DeliveryDestinationPolicy', 'json-string')] },
  'AWS::Logs::LogGroup': { policies: [ownPolicy('ResourcePolicyDocument')] },
  'AWS::OpenSearchService::Domain': { policies: [ownPolicy('AccessPolicies', 'object-or-string')] },
  'AWS::Elasticsearch::Domain': { policies: [ownPolicy('AccessPolicies', 'object-or-string')] },
  // CDK sets these policies with an SDK call of its AwsCustomResource (Custom::AWS when an app makes its own).
  'Custom::OpenSearchAccessPolicy': { policies: [cdkSdkCall] },
  'Custom::ElasticsearchAccessPolicy': { policies: [cdkSdkCall] },
  'Custom::CloudwatchLogResourcePolicy': { policies: [cdkSdkCall] },
  'Custom::AWS': { policies: [cdkSdkCall] },
  'AWS::EFS::FileSystem': { policies: [ownPolicy('FileSystemPolicy')] },
  'AWS::Events::EventBusPolicy': {
    policies: [{ kind: 'resource', path: 'Statement | Action, Principal, Condition', extract: eventBusPolicy }],
  },
  'AWS::Events::EventBus': { policies: [ownPolicy('Policy', 'object-or-string')] },
  // An OpenAPI body may carry the resource policy too, as `x-amazon-apigateway-policy`.
  'AWS::ApiGateway::RestApi': { policies: [ownPolicy('Policy', 'object-or-string'), openApiPolicy('Body')] },
  'AWS::Backup::BackupVault': { policies: [ownPolicy('AccessPolicy')] },
  'AWS::Backup::LogicallyAirGappedBackupVault': { policies: [ownPolicy('AccessPolicy')] },
  'AWS::CodeArtifact::Domain': { policies: [ownPolicy('PermissionsPolicyDocument')] },
  'AWS::CodeArtifact::Repository': { policies: [ownPolicy('PermissionsPolicyDocument')] },
  'AWS::DynamoDB::Table': {
    policies: [ownPolicy('ResourcePolicy.PolicyDocument'), ownPolicy('StreamSpecification.ResourcePolicy.PolicyDocument')],
  },
  'AWS::DynamoDB::GlobalTable': {
    policies: [
      ownPolicy('Replicas[*].ResourcePolicy.PolicyDocument'),
      ownPolicy('Replicas[*].ReplicaStreamSpecification.ResourcePolicy.PolicyDocument'),
    ],
  },
  'AWS::Kinesis::ResourcePolicy': { policies: [policyOn('ResourcePolicy', 'ResourceArn', 'AWS::Kinesis::Stream')] },
  'AWS::CloudTrail::ResourcePolicy': { policies: [policyOn('ResourcePolicy', 'ResourceArn', 'AWS::CloudTrail::Channel', 'object-or-string')] },
  'AWS::SSM::ResourcePolicy': { policies: [policyOn('Policy', 'ResourceArn', 'AWS::SSM::Parameter', 'object-or-string')] },
  'AWS::Lex::ResourcePolicy': { policies: [policyOn('Policy', 'ResourceArn', 'AWS::Lex::Bot')] },
  'AWS::EventSchemas::RegistryPolicy': { policies: [policyOn('Policy', 'RegistryName', 'AWS::EventSchemas::Registry')] },
  'AWS::MSK::ClusterPolicy': { policies: [policyOn('Policy', 'ClusterArn', 'AWS::MSK::Cluster')] },
  'AWS::Oam::Sink': { policies: [ownPolicy('Policy')] },
  'AWS::VpcLattice::AuthPolicy': { policies: [policyOn('Policy', 'ResourceIdentifier', 'AWS::VpcLattice::Service')] },
  'AWS::VpcLattice::ResourcePolicy': { policies: [policyOn('Policy', 'ResourceArn', 'AWS::VpcLattice::ServiceNetwork')] },
  'AWS::EC2::VPCEndpoint': { policies: [ownPolicy('PolicyDocument', 'object-or-string')] },
  'AWS::XRay::ResourcePolicy': {
    policies: [{ kind: 'resource', path: 'PolicyDocument', format: 'json-string', name: 'PolicyName', protects: { self: true } }],
  },
  'AWS::MediaStore::Container': { policies: [ownPolicy('Policy', 'json-string')] },
  'AWS::APS::ResourcePolicy': { policies: [policyOn('PolicyDocument', 'WorkspaceArn', 'AWS::APS::Workspace', 'json-string')] },
  'AWS::SageMaker::ModelPackageGroup': { policies: [ownPolicy('ModelPackageGroupPolicy')] },
  'AWS::RedshiftServerless::Namespace': { policies: [ownPolicy('NamespaceResourcePolicy')] },
  // Delegates Organizations policy management to member accounts.
  'AWS::Organizations::ResourcePolicy': { policies: [ownPolicy('Content', 'object-or-string')] },

  // SAM: the transform generates the execution role and its policies.
  'AWS::Serverless::Function': {
    policies: [
      {
        kind: 'identity',
        path: 'Policies, Role, AssumeRolePolicyDocument, PermissionsBoundary, Tracing, VpcConfig, Events, DeadLetterQueue, EventInvokeConfig, FunctionUrlConfig (and Globals)',
        extract: samFunction,
      },
      samEventPolicies,
    ],
  },
  // SAM writes an identity policy, a queue or topic policy or a Lambda permission per connection (also for `Connectors` on any resource).
  'AWS::Serverless::Connector': { policies: [{ kind: 'identity', path: 'Source, Destination, Permissions', extract: samConnector }] },
  'AWS::Serverless::StateMachine': {
    policies: [{ kind: 'identity', path: 'Policies, Role, PermissionsBoundary, Tracing', extract: samStateMachine }, samEventPolicies],
  },
  'AWS::Serverless::Api': {
    policies: [{ kind: 'resource', path: 'Auth.ResourcePolicy', extract: samApi }, openApiPolicy('DefinitionBody')],
  },
};

export interface SupportedPolicyLocation {
  kind: PolicyKind;
  path: string;
  format?: DocumentFormat;
}

/** Every resource type iamgate reads policies from, and where, for `iamgate` to list. */
export function supportedResourceTypes(): { resourceType: string; policies: SupportedPolicyLocation[] }[] {
  return Object.entries(POLICY_TABLE)
    .map(([resourceType, spec]) => ({
      resourceType,
      policies: spec.policies.map((p) => ({ kind: p.kind, path: p.path, ...('format' in p ? { format: p.format } : {}) })),
    }))
    .sort((a, b) => compareText(a.resourceType, b.resourceType));
}
