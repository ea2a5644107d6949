/**
 * Who a principal element names, as access reasoning needs it: anyone, an account (this one, a
 * trusted one, another one), an AWS service, a federated identity.
 *
 * Which accounts count as this account: `${AWS::AccountId}`, and every principal or ARN built
 * from a reference to an in-template resource or an `Fn::ImportValue` (exports are only
 * importable in the same account and region). A literal account id is never taken for this
 * account, even when other ARNs of the same template or scan name it: templates routinely name
 * a partner's or a shared-services account, and guessing would turn a real cross-account grant
 * into silence. Such accounts are declared with `--trusted-account` (or the config file).
 */
import type { Principal } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { formatResolvedString, partsOf } from '../resolve';
import { awsServiceAccount } from './service-accounts';

export interface TrustSettings {
  trustedAccounts: readonly string[];
  trustedOrganizations: readonly string[];
  /** The account the stack deploys to, when known: its literal id is this account, as `${AWS::AccountId}` is. */
  ownAccount?: string;
}

/** The trust settings for one template: the configured ones, with the account its stack deploys to when known (a CDK stack's environment). */
export function templateTrust<T extends TrustSettings>(trust: T, template: { account?: string }): T {
  return template.account === undefined ? trust : { ...trust, ownAccount: template.account };
}

export type AccountVerdict =
  | { kind: 'same' }
  | { kind: 'trusted'; id: string }
  | { kind: 'external'; id: string }
  /** Not known statically (a parameter without default, a malformed id): it may be anyone's. */
  | { kind: 'unknown'; shown: string };

/**
 * An organization named by `aws:PrincipalOrgID`. With no organizations configured the one a
 * template names is taken for its own (as `${AWS::AccountId}` is its own account): there is
 * nothing to compare it with, and an organization condition is how teams share within their
 * organization. Once organizations are configured, any other one is external.
 */
export type OrgVerdict =
  | { kind: 'trusted'; id: string }
  | { kind: 'assumed-own'; id: string }
  | { kind: 'external'; id: string }
  | { kind: 'unknown'; shown: string };

export type PrincipalClass =
  | { kind: 'anyone' }
  /** A whole account (`123456789012`, `arn:...:root`) or a named IAM principal in it. */
  | { kind: 'account'; account: AccountVerdict; whole: boolean; logicalId?: string }
  | { kind: 'aws-service'; service: string; servicePrincipal: boolean }
  | { kind: 'federated'; provider: ResolvedString }
  | { kind: 'unknown'; shown: string };

const TWELVE_DIGITS = /^\d{12}$/;

export function accountVerdict(account: ResolvedString | undefined, trust: TrustSettings): AccountVerdict {
  if (account === undefined) return { kind: 'unknown', shown: 'an account not known statically' };
  if (typeof account === 'string') {
    if (!TWELVE_DIGITS.test(account)) return { kind: 'unknown', shown: account === '' ? 'no account' : account };
    // CDK writes a stack's environment account as a literal id where `${AWS::AccountId}` would stand.
    if (account === trust.ownAccount) return { kind: 'same' };
    return trust.trustedAccounts.includes(account) ? { kind: 'trusted', id: account } : { kind: 'external', id: account };
  }
  const parts = partsOf(account);
  const thisAccount = parts.every(
    (part) => typeof part !== 'string' && (part.kind === 'resource' || (part.kind === 'pseudo' && part.name === 'AWS::AccountId')),
  );
  return thisAccount ? { kind: 'same' } : { kind: 'unknown', shown: formatResolvedString(account) };
}

export function orgVerdict(org: ResolvedString, trust: TrustSettings): OrgVerdict {
  if (typeof org !== 'string') return { kind: 'unknown', shown: formatResolvedString(org) };
  if (trust.trustedOrganizations.length === 0) return { kind: 'assumed-own', id: org };
  return trust.trustedOrganizations.includes(org) ? { kind: 'trusted', id: org } : { kind: 'external', id: org };
}

export function isOutsideAccount(account: AccountVerdict): boolean {
  return account.kind === 'external' || account.kind === 'unknown';
}

export function describeAccount(account: AccountVerdict): string {
  switch (account.kind) {
    case 'same':
      return 'this account';
    case 'trusted':
    case 'external':
      return `account ${account.id}`;
    case 'unknown':
      // `shown` is either a phrase of its own ("an account not known statically") or the value as written.
      return /^(an? |no )/.test(account.shown) ? account.shown : `account ${account.shown}`;
  }
}

/** The logical id of the in-template resource a principal string refers to (a role's `Arn`, ...). */
function referencedLogicalId(value: ResolvedString, type?: string): string | undefined {
  for (const part of partsOf(value)) {
    if (typeof part !== 'string' && part.kind === 'resource' && part.stack === undefined && (type === undefined || part.resourceType === type)) {
      return part.logicalId;
    }
  }
  return undefined;
}

const ORIGIN_ACCESS_IDENTITY = 'AWS::CloudFront::CloudFrontOriginAccessIdentity';

/**
 * Classify a principal of a resource or trust policy. `protectedType` is the resource type the
 * policy protects: AWS service accounts are recognized only where their service delivers.
 */
export function classifyPrincipal(principal: Principal, trust: TrustSettings, protectedType?: string): PrincipalClass {
  switch (principal.type) {
    case 'public':
      return { kind: 'anyone' };
    case 'service':
      return { kind: 'aws-service', service: formatResolvedString(principal.service), servicePrincipal: true };
    case 'federated':
      return { kind: 'federated', provider: principal.provider };
    case 'account': {
      const service = typeof principal.account === 'string' ? awsServiceAccount(principal.account, protectedType) : undefined;
      if (service) return { kind: 'aws-service', service: service.service, servicePrincipal: false };
      return { kind: 'account', account: accountVerdict(principal.account, trust), whole: true };
    }
    case 'iam-arn': {
      const service = typeof principal.account === 'string' ? awsServiceAccount(principal.account, protectedType) : undefined;
      if (service) return { kind: 'aws-service', service: service.service, servicePrincipal: false };
      const logicalId = principal.ref?.stack === undefined ? principal.ref?.logicalId : undefined;
      const account = principal.ref ? ({ kind: 'same' } as const) : accountVerdict(principal.account, trust);
      return { kind: 'account', account, whole: false, ...(logicalId !== undefined ? { logicalId } : {}) };
    }
    case 'canonical-user':
      // An origin access identity's canonical user is CloudFront reading for this template's distribution.
      if (referencedLogicalId(principal.id, ORIGIN_ACCESS_IDENTITY) !== undefined) {
        return { kind: 'aws-service', service: 'Amazon CloudFront (origin access identity)', servicePrincipal: false };
      }
      return { kind: 'account', account: { kind: 'unknown', shown: `of canonical user ${formatResolvedString(principal.id)}` }, whole: true };
    case 'unknown':
      return { kind: 'unknown', shown: formatResolvedString(principal.value) };
  }
}
