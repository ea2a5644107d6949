/**
 * Condition keys: what type a key has, whether it holds several values, and whether an action
 * offers it at all (a condition on a key the action never has is false, or for negated operators
 * always true, which silently changes what a statement means).
 */
import * as path from 'node:path';
import { iamDataPackageRoot, readJsonFile } from './data-files';
import { asRecord, asStringArray } from './data-shapes';
import { carriesFederationClaims, federationClaimKey } from './federation-condition-keys';
import { globalConditionKey } from './global-condition-keys';
import { hasTemplateVariable, templateMatcher } from './reference-templates';
import { serviceRecord, servicePrefixes, type ServiceRecord } from './services';
import type { ActionInfo, ConditionKeyInfo } from './types';

let unassociated: readonly { matches: (prefix: string) => boolean; services: readonly string[] }[] | undefined;

/**
 * Some keys have a prefix that is not a service (`token.actions.githubusercontent.com:sub` is an
 * STS key, `saml:aud` too); the reference maps those prefixes to the services that define them.
 */
function servicesDefining(prefix: string): readonly string[] {
  if (servicePrefixes().has(prefix.toLowerCase())) return [prefix.toLowerCase()];
  if (!unassociated) {
    const file = path.join(iamDataPackageRoot(), 'data', 'unassociatedConditions.json');
    unassociated = Object.entries(asRecord(readJsonFile(file), file, 'unassociated condition prefixes')).map(
      ([template, services]) => ({
        matches: templateMatcher(template),
        services: asStringArray(services, file, `services for ${template}`),
      }),
    );
  }
  return unassociated.find((entry) => entry.matches(prefix))?.services ?? [];
}

function keyInService(service: ServiceRecord, key: string): ConditionKeyInfo | undefined {
  return service.conditionKeysByName.get(key.toLowerCase()) ?? service.conditionKeyTemplates.find((t) => t.matches(key))?.info;
}

/**
 * What the reference says about a condition key (case-insensitive). Concrete keys match templated
 * ones: `aws:ResourceTag/team` → `aws:ResourceTag/${TagKey}`. `undefined` for keys IAM does not know.
 */
export function conditionKeyInfo(key: string): ConditionKeyInfo | undefined {
  const known = globalConditionKey(key) ?? federationClaimKey(key);
  if (known) return known;
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  for (const prefix of servicesDefining(key.slice(0, colon))) {
    const service = serviceRecord(prefix);
    const info = service && keyInService(service, key);
    if (info) return info;
  }
  return undefined;
}

/** Whether the key holds a set of values; `undefined` when the key is unknown. */
export function isMultiValuedKey(key: string): boolean | undefined {
  return conditionKeyInfo(key)?.multiValued;
}

function actionOffersKey(action: ActionInfo, key: string): boolean {
  if (federationClaimKey(key) && carriesFederationClaims(action)) return true;
  const offered = [...action.conditionKeys, ...action.resourceTypes.flatMap((type) => type.conditionKeys)];
  const lower = key.toLowerCase();
  return offered.some(
    (candidate) => candidate.toLowerCase() === lower || (hasTemplateVariable(candidate) && templateMatcher(candidate)(key)),
  );
}

/** The actions (of those given) whose requests never carry the key. Global keys are carried by all. */
export function actionsLackingConditionKey(key: string, actions: readonly ActionInfo[]): ActionInfo[] {
  if (globalConditionKey(key)?.global) return [];
  return actions.filter((action) => !actionOffersKey(action, key));
}

/** Whether every given action can be conditioned on the key. */
export function isConditionKeyValidFor(key: string, actions: readonly ActionInfo[]): boolean {
  return actionsLackingConditionKey(key, actions).length === 0;
}
