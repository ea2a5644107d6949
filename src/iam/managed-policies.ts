/**
 * AWS-managed policies from the committed snapshot in `data/aws-managed-policies/`
 * (written by `scripts/update-managed-policies.js`). Loading one policy parses the index and one shard.
 */
import * as path from 'node:path';
import type { ResolvedString } from '../resolve/types';
import type { TemplateValue } from '../template/types';
import { arnParts } from './arn-parts';
import { BUNDLED_DATA_DIR, readJsonFile } from './data-files';
import { asRecord, asString } from './data-shapes';
import { IamDataError } from './errors';

export interface AwsManagedPolicy {
  name: string;
  /** ARN in the commercial partition, path included: `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`. */
  arn: string;
  /** `/`, `/service-role/`, `/job-function/`, ... */
  path: string;
  /** Version of the document in the snapshot (`v3`): the default version when the snapshot was taken. */
  versionId: string;
  /** The policy document, frozen. */
  document: TemplateValue;
}

export interface ManagedPolicySnapshot {
  /** ISO date of the newest policy change the snapshot contains. */
  snapshotDate: string;
  sourcePackage: string;
  sourceVersion: string;
  policyCount: number;
}

interface IndexEntry {
  path: string;
  versionId: string;
  shard: number;
}

const SNAPSHOT_DIR = path.join(BUNDLED_DATA_DIR, 'aws-managed-policies');
const POLICY_NAME = /^[\w+=,.@-]+$/;
/** Partitions are `aws` and `aws-` followed by a name: `aws-cn`, `aws-us-gov`, `aws-iso-b`, ... */
const PARTITION = /^aws(-[a-z]+)*$/;

let index: ReadonlyMap<string, IndexEntry> | undefined;
const shards = new Map<number, Readonly<Record<string, unknown>>>();

function loadIndex(): ReadonlyMap<string, IndexEntry> {
  if (index) return index;
  const file = path.join(SNAPSHOT_DIR, 'index.json');
  const entries = new Map<string, IndexEntry>();
  for (const [name, value] of Object.entries(asRecord(readJsonFile(file), file, 'managed policy index'))) {
    const entry = asRecord(value, file, `index entry ${name}`);
    if (typeof entry.shard !== 'number') throw new IamDataError(`index entry ${name} has no shard number`, file);
    entries.set(name, {
      path: asString(entry.path, file, `index entry ${name} path`),
      versionId: asString(entry.versionId, file, `index entry ${name} versionId`),
      shard: entry.shard,
    });
  }
  index = entries;
  return entries;
}

function loadShard(shard: number): Readonly<Record<string, unknown>> {
  let documents = shards.get(shard);
  if (!documents) {
    const file = path.join(SNAPSHOT_DIR, 'shards', `${String(shard).padStart(2, '0')}.json`);
    documents = asRecord(readJsonFile(file), file, 'managed policy shard');
    shards.set(shard, documents);
  }
  return documents;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Where an AWS-managed policy ARN points: its path and name. */
function parseAwsManagedArn(arn: ResolvedString): { path: string; name: string } | undefined {
  const parts = arnParts(arn);
  if (!parts || parts.service !== 'iam' || parts.region !== '' || parts.account !== 'aws') return undefined;
  const partition = parts.partition;
  const partitionOk =
    typeof partition === 'string'
      ? PARTITION.test(partition)
      : partition.kind === 'symbolic' &&
        partition.parts.length === 1 &&
        typeof partition.parts[0] !== 'string' &&
        partition.parts[0]!.kind === 'pseudo' &&
        partition.parts[0]!.name === 'AWS::Partition';
  if (!partitionOk || typeof parts.resource !== 'string' || !parts.resource.startsWith('policy/')) return undefined;
  const pathAndName = parts.resource.slice('policy'.length);
  const lastSlash = pathAndName.lastIndexOf('/');
  const name = pathAndName.slice(lastSlash + 1);
  return POLICY_NAME.test(name) ? { path: pathAndName.slice(0, lastSlash + 1), name } : undefined;
}

/**
 * The policy name of an AWS-managed policy ARN (`arn:aws:iam::aws:policy/...`, any partition,
 * or `arn:${AWS::Partition}:iam::aws:policy/...`), whether or not the snapshot has it.
 * `undefined` for anything else (customer-managed ARNs, unknown values).
 */
export function awsManagedPolicyNameFromArn(arn: ResolvedString): string | undefined {
  return parseAwsManagedArn(arn)?.name;
}

/**
 * An AWS-managed policy from the snapshot, by ARN (see `awsManagedPolicyNameFromArn`; the path in
 * the ARN must be the policy's real path, as IAM requires) or by bare name (`AmazonS3FullAccess`,
 * as SAM `Policies` accepts). `undefined` when the snapshot does not have it.
 */
export function getAwsManagedPolicy(nameOrArn: ResolvedString): AwsManagedPolicy | undefined {
  const isBareName = typeof nameOrArn === 'string' && !nameOrArn.startsWith('arn:');
  const wanted = isBareName ? (POLICY_NAME.test(nameOrArn) ? { name: nameOrArn } : undefined) : parseAwsManagedArn(nameOrArn);
  if (!wanted) return undefined;
  const entry = loadIndex().get(wanted.name);
  if (!entry || ('path' in wanted && wanted.path !== entry.path)) return undefined;
  const document = loadShard(entry.shard)[wanted.name];
  if (typeof document !== 'object' || document === null) {
    throw new IamDataError(`managed policy ${wanted.name} is indexed in shard ${entry.shard} but missing there`, SNAPSHOT_DIR);
  }
  return {
    name: wanted.name,
    arn: `arn:aws:iam::aws:policy${entry.path}${wanted.name}`,
    path: entry.path,
    versionId: entry.versionId,
    document: deepFreeze(document as TemplateValue),
  };
}

/** Where the snapshot comes from and how current it is (for reports and `--version`). */
export function awsManagedPolicySnapshot(): ManagedPolicySnapshot {
  const file = path.join(SNAPSHOT_DIR, 'metadata.json');
  const metadata = asRecord(readJsonFile(file), file, 'snapshot metadata');
  const source = asRecord(metadata.source, file, 'source');
  if (typeof metadata.policyCount !== 'number') throw new IamDataError('policyCount is not a number', file);
  return {
    snapshotDate: asString(metadata.snapshotDate, file, 'snapshotDate'),
    sourcePackage: asString(source.package, file, 'source.package'),
    sourceVersion: asString(source.version, file, 'source.version'),
    policyCount: metadata.policyCount,
  };
}
