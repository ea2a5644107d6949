/**
 * Services of the IAM reference, loaded one service at a time on first use and cached.
 * A template that touches only s3 and sqs reads only those two services' files.
 */
import * as path from 'node:path';
import { parseAccessLevels } from './access-levels';
import { parseConditionKeyType, isMultiValuedType } from './condition-key-types';
import { iamDataPackageRoot, readJsonFile } from './data-files';
import { asArray, asBoolean, asRecord, asString, asStringArray } from './data-shapes';
import { IamDataError } from './errors';
import { hasTemplateVariable, templateMatcher } from './reference-templates';
import { actsAlwaysOn, extraArnFormats } from './reference-corrections';
import type { AccessLevel, ActionInfo, ActionResourceType, ConditionKeyInfo, ResourceTypeInfo, ServiceInfo } from './types';
import { compareText } from '../text-order';

/** A loaded service with the lookups the rest of `src/iam` needs. */
export interface ServiceRecord {
  info: ServiceInfo;
  actionsByName: ReadonlyMap<string, ActionInfo>;
  /** Exact keys, lowercase. */
  conditionKeysByName: ReadonlyMap<string, ConditionKeyInfo>;
  /** Templated keys (`s3:ExistingObjectTag/<key>`) with their matchers. */
  conditionKeyTemplates: readonly { info: ConditionKeyInfo; matches: (key: string) => boolean }[];
}

const services = new Map<string, ServiceRecord>();
let prefixes: ReadonlySet<string> | undefined;
let displayNames: Readonly<Record<string, unknown>> | undefined;

function dataFile(...parts: string[]): string {
  return path.join(iamDataPackageRoot(), 'data', ...parts);
}

/** Every service prefix the reference knows, from `services.json` (one small file). */
export function servicePrefixes(): ReadonlySet<string> {
  if (!prefixes) {
    const file = dataFile('services.json');
    prefixes = new Set(asStringArray(readJsonFile(file), file, 'service list'));
  }
  return prefixes;
}

function displayName(prefix: string): string {
  const file = dataFile('serviceNames.json');
  displayNames ??= asRecord(readJsonFile(file), file, 'service names');
  const name = displayNames[prefix];
  return typeof name === 'string' ? name : prefix;
}

/** The loaded service for a prefix (case-insensitive), or `undefined` when the reference has no such service. */
export function serviceRecord(prefix: string): ServiceRecord | undefined {
  const key = prefix.toLowerCase();
  const cached = services.get(key);
  if (cached) return cached;
  if (!servicePrefixes().has(key)) return undefined;
  const record = loadService(key);
  services.set(key, record);
  return record;
}

/** Prefixes of the services loaded so far, sorted: lets tests and benchmarks verify laziness. */
export function loadedServices(): readonly string[] {
  return [...services.keys()].sort();
}

function loadService(prefix: string): ServiceRecord {
  const resourceTypes = loadResourceTypes(prefix);
  const conditionKeys = loadConditionKeys(prefix);
  const actions = loadActions(prefix, resourceTypes);
  const sortedActions = [...actions.values()].sort((a, b) => compareText(a.name, b.name));
  const sortedKeys = [...conditionKeys.values()].sort((a, b) => compareText(a.key, b.key));
  const info: ServiceInfo = Object.freeze({
    prefix,
    name: displayName(prefix),
    actions: Object.freeze(sortedActions),
    resourceTypes: Object.freeze([...resourceTypes.values()].sort((a, b) => compareText(a.name, b.name))),
    conditionKeys: Object.freeze(sortedKeys),
  });
  return {
    info,
    actionsByName: actions,
    conditionKeysByName: new Map(sortedKeys.filter((k) => !hasTemplateVariable(k.key)).map((k) => [k.key.toLowerCase(), k])),
    conditionKeyTemplates: sortedKeys
      .filter((k) => hasTemplateVariable(k.key))
      .map((k) => ({ info: k, matches: templateMatcher(k.key) })),
  };
}

function loadResourceTypes(prefix: string): Map<string, ResourceTypeInfo> {
  const file = dataFile('resourceTypes', `${prefix}.json`);
  const raw = asRecord(readJsonFile(file), file, 'resource types');
  const types = new Map<string, ResourceTypeInfo>();
  for (const [id, value] of Object.entries(raw)) {
    const entry = asRecord(value, file, `resource type ${id}`);
    const name = asString(entry.key, file, `resource type ${id} key`);
    types.set(name.toLowerCase(), Object.freeze({
      service: prefix,
      name,
      arnFormats: Object.freeze([...splitArnFormats(asString(entry.arn, file, `resource type ${id} arn`), file), ...extraArnFormats(prefix, name)]),
      // The reference leaves the list out for resource types without condition keys.
      conditionKeys: Object.freeze(
        entry.conditionKeys === undefined ? [] : asStringArray(entry.conditionKeys, file, `resource type ${id} conditionKeys`),
      ),
    }));
  }
  return types;
}

/** A few resource types have two ARN shapes, written as one comma-separated string. */
function splitArnFormats(text: string, file: string): string[] {
  const formats = text.split(/,\s*(?=arn:)/).map((format) => format.trim());
  for (const format of formats) {
    if (!format.startsWith('arn:')) throw new IamDataError(`ARN format "${format}" does not start with "arn:"`, file);
  }
  return formats;
}

function loadConditionKeys(prefix: string): Map<string, ConditionKeyInfo> {
  const file = dataFile('conditionKeys', `${prefix}.json`);
  const raw = asRecord(readJsonFile(file), file, 'condition keys');
  const keys = new Map<string, ConditionKeyInfo>();
  for (const [id, value] of Object.entries(raw)) {
    const entry = asRecord(value, file, `condition key ${id}`);
    const key = asString(entry.key, file, `condition key ${id} key`);
    const type = parseConditionKeyType(asString(entry.type, file, `condition key ${id} type`), file);
    keys.set(key.toLowerCase(), Object.freeze({ key, type, multiValued: isMultiValuedType(type), global: false, alsoAccepts: [] }));
  }
  return keys;
}

function loadActions(prefix: string, resourceTypes: ReadonlyMap<string, ResourceTypeInfo>): Map<string, ActionInfo> {
  const file = dataFile('actions', `${prefix}.json`);
  const raw = asRecord(readJsonFile(file), file, 'actions');
  const actions = new Map<string, ActionInfo>();
  for (const [id, value] of Object.entries(raw)) {
    const entry = asRecord(value, file, `action ${id}`);
    const name = asString(entry.name, file, `action ${id} name`);
    const accessLevels = actionAccessLevels(asString(entry.accessLevel, file, `action ${name} accessLevel`), file, name);
    const types = asArray(entry.resourceTypes, file, `action ${name} resourceTypes`).map((item, index) =>
      actionResourceType(asRecord(item, file, `action ${name} resourceTypes[${index}]`), resourceTypes, file, `${prefix}:${name}`),
    );
    actions.set(name.toLowerCase(), Object.freeze({
      service: prefix,
      name,
      qualifiedName: `${prefix}:${name}`,
      accessLevels,
      resourceTypes: Object.freeze(types),
      conditionKeys: Object.freeze(asStringArray(entry.conditionKeys, file, `action ${name} conditionKeys`)),
      acceptsOnlyStar: types.length === 0,
    }));
  }
  return actions;
}

function actionAccessLevels(text: string, file: string, action: string): ReadonlySet<AccessLevel> {
  try {
    return parseAccessLevels(text);
  } catch (error) {
    throw new IamDataError(`action ${action}: ${(error as Error).message}`, file);
  }
}

function actionResourceType(
  entry: Readonly<Record<string, unknown>>,
  resourceTypes: ReadonlyMap<string, ResourceTypeInfo>,
  file: string,
  action: string,
): ActionResourceType {
  const name = asString(entry.name, file, `action ${action} resource type name`);
  // Action rows sometimes spell the type in another case than the resource-type table.
  const type = resourceTypes.get(name.toLowerCase());
  if (!type) throw new IamDataError(`action ${action} names unknown resource type "${name}"`, file);
  const rowKeys = asStringArray(entry.conditionKeys, file, `action ${action} resource type ${name} conditionKeys`);
  // Merged on first use: most actions are never asked for their keys, and ec2 alone has a
  // thousand action/type pairs with long key lists.
  let merged: readonly string[] | undefined;
  return Object.freeze({
    name: type.name,
    required: asBoolean(entry.required, file, `action ${action} resource type ${name} required`) || actsAlwaysOn(action, type.name),
    arnFormats: type.arnFormats,
    get conditionKeys(): readonly string[] {
      merged ??= rowKeys.length === 0 ? type.conditionKeys : Object.freeze([...new Set([...rowKeys, ...type.conditionKeys])]);
      return merged;
    },
  });
}

/** A service by prefix (case-insensitive), loading it on first use. */
export function getService(prefix: string): ServiceInfo | undefined {
  return serviceRecord(prefix)?.info;
}

/** An action by qualified name, case-insensitive: `getAction('S3:getobject')` → `s3:GetObject`. */
export function getAction(qualifiedName: string): ActionInfo | undefined {
  const colon = qualifiedName.indexOf(':');
  if (colon <= 0) return undefined;
  return serviceRecord(qualifiedName.slice(0, colon))?.actionsByName.get(qualifiedName.slice(colon + 1).toLowerCase());
}

/**
 * Every service, sorted by prefix. Reads all ~450 service files: only for callers that truly
 * need every action (expanding `*`-wide patterns, listing the whole reference).
 */
export function allServices(): ServiceInfo[] {
  return [...servicePrefixes()].sort(compareText).map((prefix) => serviceRecord(prefix)!.info);
}
