/**
 * The in-template resources effective access is computed on, and which IAM actions act on each:
 * the services and resource types (as the IAM reference names them) of a CloudFormation type.
 * A bucket is reached by bucket and object actions; a role by `iam:` actions on it and by
 * `sts:AssumeRole`. Types missing here are not access targets.
 */
import type { Extraction } from '../extract/types';
import type { ResolvedString, ResourceRef } from '../resolve/types';
import { isEffectivelyStar, resourceTypesMatched, type ActionInfo, type ActionResourceType } from '../iam';
import { partsOf } from '../resolve';
import { memoizedPair } from '../memo';

type TargetKind = Readonly<Record<string, readonly string[]>>;

const FUNCTION: TargetKind = { lambda: ['function', 'function alias', 'function version'] };
const TABLE: TargetKind = { dynamodb: ['table', 'index', 'stream'] };
const STATE_MACHINE: TargetKind = { states: ['statemachine', 'execution', 'express'] };
const SEARCH_DOMAIN: TargetKind = { es: ['domain'] };
const KEY: TargetKind = { kms: ['key'] };
const API: TargetKind = { 'execute-api': ['execute-api-general'] };

const TARGET_KINDS: Readonly<Record<string, TargetKind>> = {
  'AWS::S3::Bucket': { s3: ['bucket', 'object'] },
  'AWS::SQS::Queue': { sqs: ['queue'] },
  'AWS::SNS::Topic': { sns: ['topic'] },
  'AWS::KMS::Key': KEY,
  'AWS::KMS::ReplicaKey': KEY,
  'AWS::Lambda::Function': FUNCTION,
  'AWS::Serverless::Function': FUNCTION,
  'AWS::IAM::Role': { iam: ['role'], sts: ['role'] },
  'AWS::IAM::User': { iam: ['user'] },
  'AWS::IAM::Group': { iam: ['group'] },
  'AWS::IAM::ManagedPolicy': { iam: ['policy'] },
  'AWS::DynamoDB::Table': TABLE,
  'AWS::DynamoDB::GlobalTable': TABLE,
  'AWS::Serverless::SimpleTable': TABLE,
  'AWS::SecretsManager::Secret': { secretsmanager: ['secret'] },
  'AWS::Logs::LogGroup': { logs: ['log-group', 'log-stream'] },
  'AWS::Events::EventBus': { events: ['event-bus'] },
  'AWS::OpenSearchService::Domain': SEARCH_DOMAIN,
  'AWS::Elasticsearch::Domain': SEARCH_DOMAIN,
  'AWS::ECR::Repository': { ecr: ['repository'] },
  'AWS::StepFunctions::StateMachine': STATE_MACHINE,
  'AWS::Serverless::StateMachine': STATE_MACHINE,
  'AWS::Kinesis::Stream': { kinesis: ['stream', 'consumer'] },
  'AWS::KinesisFirehose::DeliveryStream': { firehose: ['deliverystream'] },
  'AWS::SSM::Parameter': { ssm: ['parameter'] },
  'AWS::EFS::FileSystem': { elasticfilesystem: ['file-system', 'access-point'] },
  'AWS::Backup::BackupVault': { backup: ['backupvault', 'recoverypoint'] },
  'AWS::CodeArtifact::Repository': { codeartifact: ['repository', 'package'] },
  'AWS::CodeCommit::Repository': { codecommit: ['repository'] },
  'AWS::CodeBuild::Project': { codebuild: ['project'] },
  'AWS::ApiGateway::RestApi': API,
  'AWS::Serverless::Api': API,
};

export interface AccessTarget {
  logicalId: string;
  resourceType: string;
  /** Service prefix → the resource type names of that service that are this resource. */
  kind: TargetKind;
  /** Literal names the template gives it (`BucketName: logs-archive`), to match literal ARNs. */
  knownNames: readonly string[];
}

function isTargetType(resourceType: string): boolean {
  return Object.prototype.hasOwnProperty.call(TARGET_KINDS, resourceType);
}

export function targetServices(target: AccessTarget): string[] {
  return Object.keys(target.kind);
}

const resourceTypesByTarget = new WeakMap<AccessTarget, Map<ActionInfo, readonly ActionResourceType[]>>();

/** The action's resource types that are this target (none: the action does not act on it). Asked per principal and pattern: kept per target. */
export function targetResourceTypes(action: ActionInfo, target: AccessTarget): readonly ActionResourceType[] {
  return memoizedPair(resourceTypesByTarget, target, action, () => {
    const names = target.kind[action.service];
    return names ? action.resourceTypes.filter((type) => names.includes(type.name.toLowerCase())) : [];
  });
}

/** Whether an ARN names `name` as a whole segment (`arn:aws:s3:::logs/*` names `logs`, not `logs-archive`). */
function namesIn(arn: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`[:/]${escaped}([:/]|$)`).test(arn);
}

function references(value: ResolvedString): ResourceRef[] {
  return partsOf(value).filter((p): p is ResourceRef => typeof p !== 'string' && p.kind === 'resource' && p.stack === undefined);
}

/**
 * Whether a resource pattern reaches the target for the action. A reference reaches exactly the
 * resource it names; a pattern that covers every resource of the type (`*`, `arn:aws:s3:::*`)
 * reaches every target; a literal ARN reaches a target whose literal name it contains.
 */
export function patternReaches(pattern: ResolvedString, target: AccessTarget, action: ActionInfo): boolean {
  const types = targetResourceTypes(action, target);
  if (types.length === 0) return false;
  const matched = (): boolean => resourceTypesMatched(pattern, action).some((m) => types.includes(m.resourceType));
  const refs = references(pattern);
  if (refs.length > 0) return refs.some((ref) => ref.logicalId === target.logicalId) && matched();
  if (isEffectivelyStar(pattern, action) === 'star') return matched();
  const literal = partsOf(pattern).filter((p): p is string => typeof p === 'string').join('');
  return target.knownNames.some((name) => namesIn(literal, name)) && matched();
}

/** Every in-template resource of a target type, with the literal names references to it carry. */
export function accessTargets(resources: readonly { logicalId: string; resourceType: string }[], extraction: Extraction): AccessTarget[] {
  const names = new Map<string, Set<string>>();
  const collect = (value: ResolvedString | undefined): void => {
    if (value === undefined) return;
    for (const ref of references(value)) {
      if (ref.attribute === 'Ref' && ref.knownValue !== undefined) {
        const set = names.get(ref.logicalId) ?? new Set<string>();
        set.add(ref.knownValue);
        names.set(ref.logicalId, set);
      }
    }
  };
  for (const policy of extraction.policies) {
    for (const resource of policy.resources) collect(resource.arn);
    for (const statement of policy.statements) (statement.resources ?? statement.notResources ?? []).forEach((r) => collect(r.value));
  }
  return resources
    .filter((r) => isTargetType(r.resourceType))
    .map((r) => ({ logicalId: r.logicalId, resourceType: r.resourceType, kind: TARGET_KINDS[r.resourceType]!, knownNames: [...(names.get(r.logicalId) ?? [])] }));
}
