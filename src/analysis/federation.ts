/**
 * Which identity provider a `Federated` principal names, and the claims a trust policy must pin
 * for it.
 *
 * - An IAM OIDC provider (`arn:...:oidc-provider/HOST`) registers the audiences (client ids) it
 *   accepts, and STS rejects tokens for any other audience: an `aud` condition only matters when
 *   the provider lists several. What it cannot tell apart is who the token was issued to: `sub`.
 *   For GitHub Actions every repository on GitHub gets tokens from the same issuer, so `sub` must
 *   name the repository.
 * - Web identity providers built into STS (`cognito-identity.amazonaws.com`, `accounts.google.com`,
 *   `graph.facebook.com`, `www.amazon.com`) have no registered audiences: `aud` is what binds the
 *   role to your identity pool or app, and for Cognito `amr` decides between authenticated and
 *   guest identities.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
import type { ResolvedString } from '../resolve/types';
import { arnParts } from '../iam';
import { formatResolvedString, partsOf } from '../resolve';

const GITHUB_ACTIONS_ISSUER = 'token.actions.githubusercontent.com';
const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
const BUILT_IN_WEB_IDENTITY: ReadonlySet<string> = new Set([COGNITO_IDENTITY, 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

export type FederatedProvider =
  | { kind: 'github'; host: string }
  | { kind: 'cognito'; host: string }
  /** Google, Facebook, Login with Amazon: built into STS. */
  | { kind: 'web-identity'; host: string }
  /** Any other IAM OIDC provider (EKS, GitLab, Terraform Cloud, ...). */
  | { kind: 'oidc'; host: string }
  | { kind: 'saml'; name: string }
  | { kind: 'unknown'; shown: string };

/** The text of a value whose references carry their known literal value; `undefined` otherwise. */
function knownText(value: ResolvedString): string | undefined {
  let text = '';
  for (const part of partsOf(value)) {
    if (typeof part === 'string') text += part;
    else if (part.kind === 'resource' && part.knownValue !== undefined) text += part.knownValue;
    else return undefined;
  }
  return text;
}

export function federatedProvider(provider: ResolvedString): FederatedProvider {
  const parts = arnParts(provider);
  if (!parts) {
    const host = knownText(provider);
    if (host === undefined) return { kind: 'unknown', shown: formatResolvedString(provider) };
    if (host === COGNITO_IDENTITY) return { kind: 'cognito', host };
    return BUILT_IN_WEB_IDENTITY.has(host) ? { kind: 'web-identity', host } : { kind: 'oidc', host };
  }
  const resource = knownText(parts.resource);
  if (resource?.startsWith('saml-provider/')) return { kind: 'saml', name: resource.slice('saml-provider/'.length) };
  if (resource?.startsWith('oidc-provider/')) {
    const host = resource.slice('oidc-provider/'.length);
    const github = host === GITHUB_ACTIONS_ISSUER || host.startsWith(`${GITHUB_ACTIONS_ISSUER}/`);
    return github ? { kind: 'github', host } : { kind: 'oidc', host };
  }
  return { kind: 'unknown', shown: formatResolvedString(provider) };
}

/**
 * Whether a GitHub `sub` value admits workflows of any repository owner: the owner in
 * `repo:OWNER/REPO:...` is a wildcard, or a custom subject starts with one. Only wildcard
 * operators (`StringLike`) give `*` a meaning.
 */
export function githubSubjectAdmitsAnyRepository(value: string, wildcards: boolean): boolean {
  if (!wildcards) return false;
  if (value.startsWith('repo:')) return /[*?]/.test(value.slice('repo:'.length).split('/')[0] ?? '');
  return /^[*?]/.test(value);
}
