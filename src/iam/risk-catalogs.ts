/**
 * Risk catalogues in `data/risk/`: privilege escalation methods, credentials exposure and data
 * exfiltration actions (each citing its sources), and resource exposure, which is derived from
 * access levels rather than listed.
 */
import * as path from 'node:path';
import { BUNDLED_DATA_DIR, readJsonFile } from './data-files';
import { asArray, asRecord, asString, asStringArray, type JsonRecord } from './data-shapes';
import { IamDataError } from './errors';
import { getAction } from './services';
import type { AccessLevel, ActionInfo } from './types';

export interface RiskSource {
  id: string;
  title: string;
  url: string;
}

interface CatalogHeader {
  id: string;
  title: string;
  description: string;
  sources: readonly RiskSource[];
}

export type EscalationCategory =
  | 'permissions-on-policies'
  | 'credentials-of-other-principals'
  | 'pass-role-to-new-resource'
  | 'existing-resource-with-role';

export interface PrivilegeEscalationMethod {
  id: string;
  title: string;
  category: EscalationCategory;
  /** Every action the method needs, as qualified names in canonical case. */
  actions: readonly string[];
  /** For `iam:PassRole` methods: the service principal the role is passed to. */
  passRoleTo?: string;
  explanation: string;
  /** Ids of the catalogue's sources. */
  sources: readonly string[];
}

export interface PrivilegeEscalationCatalog extends CatalogHeader {
  methods: readonly PrivilegeEscalationMethod[];
}

export interface RiskActionEntry {
  action: string;
  explanation: string;
  sources: readonly string[];
}

export interface ActionRiskCatalog extends CatalogHeader {
  actions: readonly RiskActionEntry[];
  /** Actions a source lists that this catalogue deliberately leaves out, each with the reason. */
  excluded: readonly RiskActionEntry[];
}

export interface ResourceExposureCatalog extends CatalogHeader {
  /** An action exposes resources when its access levels include this one. */
  accessLevel: AccessLevel;
}

export type ActionRisk =
  | { catalog: 'privilege-escalation'; method: PrivilegeEscalationMethod }
  | { catalog: 'credentials-exposure'; entry: RiskActionEntry }
  | { catalog: 'data-exfiltration'; entry: RiskActionEntry }
  | { catalog: 'resource-exposure' };

const RISK_DIR = path.join(BUNDLED_DATA_DIR, 'risk');
const CATEGORIES: ReadonlySet<string> = new Set<EscalationCategory>([
  'permissions-on-policies',
  'credentials-of-other-principals',
  'pass-role-to-new-resource',
  'existing-resource-with-role',
]);

function readCatalog(name: string): { file: string; raw: JsonRecord; header: CatalogHeader } {
  const file = path.join(RISK_DIR, `${name}.json`);
  const raw = asRecord(readJsonFile(file), file, 'risk catalogue');
  const sources = asArray(raw.sources, file, 'sources').map((item, index) => {
    const source = asRecord(item, file, `sources[${index}]`);
    return {
      id: asString(source.id, file, `sources[${index}].id`),
      title: asString(source.title, file, `sources[${index}].title`),
      url: asString(source.url, file, `sources[${index}].url`),
    };
  });
  if (sources.length === 0) throw new IamDataError('a risk catalogue must cite at least one source', file);
  const header = {
    id: asString(raw.id, file, 'id'),
    title: asString(raw.title, file, 'title'),
    description: asString(raw.description, file, 'description'),
    sources,
  };
  return { file, raw, header };
}

/** Source ids must name sources the catalogue lists: a citation that points nowhere is a data error. */
function citedSources(value: unknown, header: CatalogHeader, file: string, what: string): readonly string[] {
  const ids = asStringArray(value, file, what);
  const known = new Set(header.sources.map((source) => source.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new IamDataError(`${what} must cite the catalogue's sources (unknown: ${unknown.join(', ') || 'none given'})`, file);
  }
  return ids;
}

function actionEntries(value: unknown, header: CatalogHeader, file: string, what: string): RiskActionEntry[] {
  return asArray(value, file, what).map((item, index) => {
    const entry = asRecord(item, file, `${what}[${index}]`);
    return {
      action: asString(entry.action, file, `${what}[${index}].action`),
      explanation: asString(entry.explanation, file, `${what}[${index}].explanation`),
      sources: citedSources(entry.sources, header, file, `${what}[${index}].sources`),
    };
  });
}

let privilegeEscalation: PrivilegeEscalationCatalog | undefined;
let credentialsExposure: ActionRiskCatalog | undefined;
let dataExfiltration: ActionRiskCatalog | undefined;
let resourceExposure: ResourceExposureCatalog | undefined;

export function privilegeEscalationCatalog(): PrivilegeEscalationCatalog {
  if (privilegeEscalation) return privilegeEscalation;
  const { file, raw, header } = readCatalog('privilege-escalation');
  const methods = asArray(raw.methods, file, 'methods').map((item, index): PrivilegeEscalationMethod => {
    const what = `methods[${index}]`;
    const method = asRecord(item, file, what);
    const category = asString(method.category, file, `${what}.category`);
    if (!CATEGORIES.has(category)) throw new IamDataError(`${what}: unknown category "${category}"`, file);
    const actions = asStringArray(method.actions, file, `${what}.actions`);
    const passRoleTo = method.passRoleTo === undefined ? undefined : asString(method.passRoleTo, file, `${what}.passRoleTo`);
    // A PassRole method is only meaningful with the service the role goes to, and vice versa.
    if ((passRoleTo !== undefined) !== actions.some((action) => action.toLowerCase() === 'iam:passrole')) {
      throw new IamDataError(`${what}: passRoleTo must be given exactly when the method needs iam:PassRole`, file);
    }
    return {
      id: asString(method.id, file, `${what}.id`),
      title: asString(method.title, file, `${what}.title`),
      category: category as EscalationCategory,
      actions,
      ...(passRoleTo !== undefined ? { passRoleTo } : {}),
      explanation: asString(method.explanation, file, `${what}.explanation`),
      sources: citedSources(method.sources, header, file, `${what}.sources`),
    };
  });
  privilegeEscalation = { ...header, methods };
  return privilegeEscalation;
}

function actionCatalog(name: string): ActionRiskCatalog {
  const { file, raw, header } = readCatalog(name);
  return {
    ...header,
    actions: actionEntries(raw.actions, header, file, 'actions'),
    excluded: actionEntries(raw.excluded, header, file, 'excluded'),
  };
}

export function credentialsExposureCatalog(): ActionRiskCatalog {
  credentialsExposure ??= actionCatalog('credentials-exposure');
  return credentialsExposure;
}

export function dataExfiltrationCatalog(): ActionRiskCatalog {
  dataExfiltration ??= actionCatalog('data-exfiltration');
  return dataExfiltration;
}

export function resourceExposureCatalog(): ResourceExposureCatalog {
  if (resourceExposure) return resourceExposure;
  const { file, raw, header } = readCatalog('resource-exposure');
  const accessLevel = asString(raw.accessLevel, file, 'accessLevel');
  if (accessLevel !== 'Permissions management') {
    throw new IamDataError(`resource exposure is derived from "Permissions management", not "${accessLevel}"`, file);
  }
  resourceExposure = { ...header, accessLevel };
  return resourceExposure;
}

/** Whether the action changes who may access a resource (its access levels include Permissions management). */
export function isResourceExposureAction(action: ActionInfo): boolean {
  return action.accessLevels.has(resourceExposureCatalog().accessLevel);
}

/**
 * Reads whose name says they return a resource's configuration, not what it stores:
 * `s3:GetBucketAcl`, `sqs:GetQueueAttributes`, `kms:GetKeyPolicy` (`sqs:ReceiveMessage` and
 * `dynamodb:GetItem` return the messages and items themselves).
 */
const CONFIGURATION_READ = /^(Describe|List)|^Get.*(Attribute|Polic|Acl|Configuration|Location|Tagging|Tags|Status|Setting|Encryption|Versioning|Notification|Lifecycle|Logging|Website|Cors|Replication|Metrics|Analytics|Inventory|Accelerate|RequestPayment|Ownership|PublicAccessBlock|Endpoint|Metadata|Summary|Limit|Quota)/;

/**
 * Whether the action only lists or reads configuration: List, or Read named as a read of
 * configuration, and neither a read of data (data exfiltration) nor one that returns credentials.
 */
export function readsOnlyMetadata(action: ActionInfo): boolean {
  const levels = [...action.accessLevels];
  if (!levels.every((level) => level === 'List' || level === 'Read')) return false;
  if (levels.includes('Read') && !CONFIGURATION_READ.test(action.name)) return false;
  sensitiveReads ??= new Set([...dataExfiltrationCatalog().actions, ...credentialsExposureCatalog().actions].map((entry) => entry.action.toLowerCase()));
  return !sensitiveReads.has(action.qualifiedName.toLowerCase());
}

/** The catalogued reads of data and of credentials, lowercase: read once. */
let sensitiveReads: ReadonlySet<string> | undefined;

/**
 * Every catalogue entry that concerns the action: the escalation methods it takes part in (alone
 * or with others), and its credentials-exposure, data-exfiltration and resource-exposure entries.
 * A name the reference does not know has no risks.
 */
export function actionRisks(action: ActionInfo | string): ActionRisk[] {
  const info = typeof action === 'string' ? getAction(action) : action;
  if (!info) return [];
  const name = info.qualifiedName.toLowerCase();
  const named = (entry: { action: string }): boolean => entry.action.toLowerCase() === name;
  return [
    ...privilegeEscalationCatalog()
      .methods.filter((method) => method.actions.some((candidate) => candidate.toLowerCase() === name))
      .map((method): ActionRisk => ({ catalog: 'privilege-escalation', method })),
    ...credentialsExposureCatalog()
      .actions.filter(named)
      .map((entry): ActionRisk => ({ catalog: 'credentials-exposure', entry })),
    ...dataExfiltrationCatalog()
      .actions.filter(named)
      .map((entry): ActionRisk => ({ catalog: 'data-exfiltration', entry })),
    ...(isResourceExposureAction(info) ? [{ catalog: 'resource-exposure' } as const] : []),
  ];
}
