import type { Rule } from './types';
import { actionWildcard } from './action-wildcard';
import { allowWithNot } from './allow-with-not';
import { fullAdmin } from './full-admin';
import { publicAccess } from './public-access';
import { accessKeyInTemplate } from './access-key-in-template';
import { awsManagedBroad } from './aws-managed-broad';
import { credentialsExposure } from './credentials-exposure';
import { dataExfiltration } from './data-exfiltration';
import { invalidAction } from './invalid-action';
import { invalidCondition } from './invalid-condition';
import { invalidResource } from './invalid-resource';
import { malformedPolicy } from './malformed-policy';
import { passRoleUnrestricted } from './pass-role-unrestricted';
import { policySize } from './policy-size';
import { privilegeEscalation } from './privilege-escalation';
import { resourceExposure } from './resource-exposure';
import { resourceWildcard } from './resource-wildcard';
import { unresolvedManagedPolicy } from './unresolved-managed-policy';
import { userAttachedPolicy } from './user-attached-policy';
import { confusedDeputy } from './confused-deputy';
import { crossAccountAccess } from './cross-account-access';
import { escalationPath } from './escalation-path';
import { kmsKeyManagement } from './kms-key-management';
import { transportNotEnforced } from './transport-not-enforced';
import { trustOidcUnscoped } from './trust-oidc-unscoped';
import { trustSamlAudience } from './trust-saml-audience';
import { trustServiceAction } from './trust-service-action';
import { trustWildcardPrincipal } from './trust-wildcard-principal';
import { compareText } from '../text-order';

/** Every built-in rule, in id order. */
export const builtinRules: readonly Rule[] = [
  actionWildcard,
  allowWithNot,
  fullAdmin,
  publicAccess,
  accessKeyInTemplate,
  awsManagedBroad,
  credentialsExposure,
  dataExfiltration,
  invalidAction,
  invalidCondition,
  invalidResource,
  malformedPolicy,
  passRoleUnrestricted,
  policySize,
  privilegeEscalation,
  resourceExposure,
  resourceWildcard,
  unresolvedManagedPolicy,
  userAttachedPolicy,
  confusedDeputy,
  crossAccountAccess,
  escalationPath,
  kmsKeyManagement,
  transportNotEnforced,
  trustOidcUnscoped,
  trustSamlAudience,
  trustServiceAction,
  trustWildcardPrincipal,
].sort((a, b) => compareText(a.meta.id, b.meta.id));

export function findRule(id: string, rules: readonly Rule[] = builtinRules): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
