/**
 * Claims of web-identity (OIDC) federation: `<provider>:aud`, `<provider>:sub`, ... for any
 * provider, such as `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub` or
 * `token.actions.githubusercontent.com:aud`. The reference lists provider-specific keys for a few
 * well-known providers only, yet these claims are the ones trust policies test most.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
import { isMultiValuedType } from './condition-key-types';
import type { ActionInfo, ConditionKeyInfo, ConditionKeyType } from './types';

/** `amr` holds the list of authentication methods (`authenticated`, `unauthenticated`, ...). */
const CLAIM_TYPES: Readonly<Record<string, ConditionKeyType>> = {
  aud: 'String',
  sub: 'String',
  azp: 'String',
  oaud: 'String',
  amr: 'ArrayOfString',
};

/** The only action whose requests carry web-identity claims. */
const WEB_IDENTITY_ACTION = 'sts:assumerolewithwebidentity';

/** A provider is a host name, optionally with a path: it has a dot, unlike a service prefix. */
const PROVIDER = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i;

export function federationClaimKey(key: string): ConditionKeyInfo | undefined {
  const colon = key.lastIndexOf(':');
  const provider = key.slice(0, colon);
  const type = CLAIM_TYPES[key.slice(colon + 1).toLowerCase()];
  if (colon <= 0 || !type || !PROVIDER.test(provider)) return undefined;
  return { key, type, multiValued: isMultiValuedType(type), global: false, alsoAccepts: [] };
}

export function carriesFederationClaims(action: ActionInfo): boolean {
  return action.qualifiedName.toLowerCase() === WEB_IDENTITY_ACTION;
}
