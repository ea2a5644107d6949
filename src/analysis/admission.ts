/**
 * Who an Allow statement of a resource, trust or permission policy lets in, after its conditions
 * and the policy's Deny statements (IAM Access Analyzer's external-access question, offline).
 *
 * Each principal of the statement gets a reach: anyone, any AWS account, named organizations,
 * named accounts, a network, services acting for a named source, an AWS service, a federated
 * identity, or nobody. Conditions narrow it (all of a statement's conditions must hold, so the
 * narrowest counts), and so do Denies that hold in every `Fn::If` branch and cover the
 * statement's actions and resources: "deny unless aws:PrincipalOrgID is o-..." leaves the
 * organization.
 */
import type { Located, Policy, PolicyScalar, Principal, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { arnParts, hasWildcard, parseConditionOperator } from '../iam';
import { formatResolvedString, partsOf } from '../resolve';
import { protectedTypeOf } from '../extract/targets';
import { denyCoversActions, denyCoversResources } from './actions';
import { allowRequirements, denyRequirement, type Requirement } from './conditions';
import { accountVerdict, classifyPrincipal, orgVerdict, type AccountVerdict, type OrgVerdict, type PrincipalClass, type TrustSettings } from './principals';

export type Reach =
  | { kind: 'anyone' }
  /** Any authenticated AWS principal, of any account (a function URL with `AWS_IAM` auth). */
  | { kind: 'any-account' }
  /** Anyone on a named network: a VPC, a VPC endpoint, an IP range. */
  | { kind: 'network' }
  | { kind: 'organizations'; orgs: OrgVerdict[] }
  | { kind: 'accounts'; accounts: AccountVerdict[] }
  /** A service acting for a named source resource or account (`aws:SourceArn`, ...). */
  | { kind: 'source' }
  /** Principals named by id (`aws:userid`, an event source token). */
  | { kind: 'principals' }
  | { kind: 'aws-service'; service: string; servicePrincipal: boolean }
  | { kind: 'federated'; provider: ResolvedString }
  /** Not known statically (a principal from a parameter without default). */
  | { kind: 'unknown'; shown: string }
  /** Cut entirely by a Deny. */
  | { kind: 'none' };

export type Guard = 'external-id' | 'mfa' | 'organization';

export interface Admission {
  principal: Located<Principal>;
  class: PrincipalClass;
  reach: Reach;
  /** Conditions and Denies that narrowed the reach, as a reader would name them. */
  narrowedBy: string[];
  /** Narrowing requirements whose values are not known statically: they may or may not pin. */
  uncertain: Requirement[];
  /** What else a caller must bring: an external id, MFA, membership of an organization. */
  guards: ReadonlySet<Guard>;
  /** Whether a service's grant is pinned to a source (`aws:SourceArn`, ...): `unknown` when its value is not known. */
  sourcePinned: 'yes' | 'unknown' | 'no';
  /** An account's root pinned by aws:PrincipalArn to roles or users named in full: as if it named them. */
  namesIdentities: boolean;
}

/** What one requirement (of a condition, or left by a Deny) says about the caller. */
type Narrowing =
  | { kind: 'organizations'; orgs: OrgVerdict[] }
  | { kind: 'accounts'; accounts: AccountVerdict[] }
  | { kind: 'principals' }
  | { kind: 'source' }
  | { kind: 'network' }
  | { kind: 'any-account' }
  | { kind: 'guard'; guard: Exclude<Guard, 'organization'> };

/** A narrowing of who the callers are, not of what else they must bring. */
type ReachNarrowing = Exclude<Narrowing, { kind: 'guard' }>;

const text = (value: PolicyScalar): ResolvedString => (typeof value === 'object' ? value : String(value));

function accountOfArn(value: PolicyScalar, trust: TrustSettings): AccountVerdict {
  const parts = typeof value === 'object' || typeof value === 'string' ? arnParts(text(value)) : undefined;
  return accountVerdict(parts?.account, trust);
}

/** A role or user ARN written in full (no wildcard): one identity. */
function isIdentityArn(value: PolicyScalar): boolean {
  if (typeof value !== 'string' && typeof value !== 'object') return false;
  const parts = arnParts(text(value));
  const resource = parts && typeof parts.resource === 'string' ? parts.resource : undefined;
  return resource !== undefined && /^(role|user)\//.test(resource) && !partsOf(text(value)).some((part) => typeof part === 'string' && hasWildcard(part));
}

const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths']);
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'kms:calleraccount', 's3:dataaccesspointaccount']);
/** Keys that tie a service's source to an account or organization. */
export const SOURCE_ACCOUNT_KEYS: ReadonlySet<string> = new Set(['aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths']);
const SOURCE_KEYS = new Set(['aws:sourcearn', ...SOURCE_ACCOUNT_KEYS, 'lambda:eventsourcetoken']);
/** The network a request comes from: a VPC, an endpoint, the account or organization owning the endpoint (2025's aws:Vpce* keys), an IP range. */
const NETWORK_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce', 'aws:sourcevpcarn', 'aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths', 'aws:sourceip']);
const PRINCIPAL_ID_KEYS = new Set(['aws:userid', 'aws:username']);
/**
 * Encryption context naming the resource or account a service encrypts for
 * (`kms:EncryptionContext:aws:logs:arn`, SES's `kms:EncryptionContext:aws:ses:source-account`).
 */
const KMS_SOURCE_CONTEXT = /^kms:encryptioncontext:aws:[a-z0-9-]+:(arn|source-arn|source-account)$/;

function narrowingOf(requirement: Requirement, trust: TrustSettings): Narrowing | undefined {
  const { key, values } = requirement;
  const all = values.map((v) => v.value);
  if (ORG_KEYS.has(key)) {
    const orgs = all.map((v) => (key === 'aws:principalorgpaths' && typeof v === 'string' ? v.split('/')[0]! : text(v)));
    return { kind: 'organizations', orgs: orgs.map((org) => orgVerdict(org, trust)) };
  }
  if (ACCOUNT_KEYS.has(key)) return { kind: 'accounts', accounts: all.map((v) => accountVerdict(text(v), trust)) };
  if (key === 'aws:principalarn') return { kind: 'accounts', accounts: all.map((v) => accountOfArn(v, trust)) };
  if (SOURCE_KEYS.has(key) || KMS_SOURCE_CONTEXT.test(key)) return { kind: 'source' };
  if (NETWORK_KEYS.has(key)) return { kind: 'network' };
  // EFS: the client mounts through a mount target, which sits in the file system's VPC (the console's default policy).
  if (key === 'elasticfilesystem:accessedviamounttarget') return all.every((v) => String(v).toLowerCase() === 'true') ? { kind: 'network' } : undefined;
  if (PRINCIPAL_ID_KEYS.has(key)) return { kind: 'principals' };
  if (key === 'lambda:functionurlauthtype') return all.every((v) => v === 'AWS_IAM') ? { kind: 'any-account' } : undefined;
  if (key === 'sts:externalid') return { kind: 'guard', guard: 'external-id' };
  if (key === 'aws:multifactorauthpresent') return all.every((v) => String(v).toLowerCase() === 'true') ? { kind: 'guard', guard: 'mfa' } : undefined;
  if (key === 'aws:multifactorauthage') return { kind: 'guard', guard: 'mfa' };
  return undefined;
}

/** How far each reach lets callers in; a narrowing replaces a reach only when it is narrower. */
const OPENNESS: Readonly<Record<Reach['kind'], number>> = {
  anyone: 5,
  'any-account': 4,
  network: 3,
  organizations: 2,
  unknown: 2,
  accounts: 1,
  source: 1,
  principals: 1,
  'aws-service': 1,
  federated: 1,
  none: 0,
};

function describeRequirement(requirement: Requirement, fromDeny: boolean): string {
  const values = requirement.values.map((v) => (typeof v.value === 'object' ? formatResolvedString(v.value) : String(v.value)));
  const what = `${requirement.clause.key} ${requirement.clause.operator} ${values.join(', ')}`;
  return fromDeny ? `a Deny unless ${what}` : `Condition ${what}`;
}

class AdmissionBuilder {
  reach: Reach;
  readonly narrowedBy: string[] = [];
  readonly uncertain: Requirement[] = [];
  readonly guards = new Set<Guard>();
  sourcePinned: Admission['sourcePinned'] = 'no';
  namesIdentities = false;

  constructor(
    readonly principal: Located<Principal>,
    readonly cls: PrincipalClass,
  ) {
    this.reach = initialReach(cls);
  }

  apply(requirement: Requirement, narrowing: Narrowing, fromDeny: boolean): void {
    if (narrowing.kind === 'guard') {
      this.guards.add(narrowing.guard);
      return;
    }
    if (narrowing.kind === 'organizations') this.guards.add('organization');
    if (narrowing.kind === 'source' && this.reach.kind === 'aws-service') {
      if (this.sourcePinned !== 'yes') this.sourcePinned = requirement.verdict === 'narrow' ? 'yes' : 'unknown';
    }
    if (requirement.verdict === 'unknown') {
      this.uncertain.push(requirement);
      return;
    }
    if (requirement.key === 'aws:principalarn' && requirement.values.every(({ value }) => isIdentityArn(value))) this.namesIdentities = true;
    if (OPENNESS[narrowing.kind] < OPENNESS[this.reach.kind]) {
      this.reach = narrowing;
      this.narrowedBy.push(describeRequirement(requirement, fromDeny));
    }
  }

  /** The resource is reachable only from inside its VPC: anyone narrows to anyone on that network. */
  withinVpc(): void {
    if (OPENNESS[this.reach.kind] <= OPENNESS.network) return;
    this.reach = { kind: 'network' };
    this.narrowedBy.push("the domain's VPC (VPCOptions): its endpoint has no public address");
  }

  cut(by: string): void {
    this.reach = { kind: 'none' };
    this.narrowedBy.push(by);
  }

  build(): Admission {
    return {
      principal: this.principal,
      class: this.cls,
      reach: this.reach,
      narrowedBy: this.narrowedBy,
      uncertain: this.uncertain,
      guards: this.guards,
      sourcePinned: this.sourcePinned,
      namesIdentities: this.namesIdentities,
    };
  }
}

function initialReach(cls: PrincipalClass): Reach {
  switch (cls.kind) {
    case 'anyone':
      return { kind: 'anyone' };
    case 'account':
      return { kind: 'accounts', accounts: [cls.account] };
    case 'aws-service':
      return { kind: 'aws-service', service: cls.service, servicePrincipal: cls.servicePrincipal };
    case 'federated':
      return { kind: 'federated', provider: cls.provider };
    case 'unknown':
      return { kind: 'unknown', shown: cls.shown };
  }
}

/** A Deny of the policy that holds in every branch, with what it leaves allowed. */
interface PolicyDeny {
  statement: Statement;
  /** Empty: it denies every request it covers. */
  requirements: Requirement[];
  /** `aws:PrincipalIsAWSService` limits the Deny to AWS service principals, or to everyone else. */
  appliesTo: 'everyone' | 'services' | 'others';
}

/** `Bool aws:PrincipalIsAWSService`: which principals a Deny clause leaves in its scope. */
function serviceScope(clause: Statement['conditions'][number]): PolicyDeny['appliesTo'] | undefined {
  const operator = parseConditionOperator(clause.operator);
  if (operator?.family !== 'Bool' || operator.negated || clause.key.toLowerCase() !== 'aws:principalisawsservice') return undefined;
  const values = clause.values.map((v) => String(v.value).toLowerCase());
  if (values.length === 0 || values.some((v) => v !== values[0])) return undefined;
  return values[0] === 'true' ? 'services' : 'others';
}

function policyDenies(policy: Policy): PolicyDeny[] {
  if (policy.when.length > 0) return [];
  return policy.statements.flatMap((statement): PolicyDeny[] => {
    if (statement.effect !== 'Deny' || statement.when.length > 0) return [];
    let appliesTo: PolicyDeny['appliesTo'] = 'everyone';
    const requirements: Requirement[] = [];
    for (const clause of statement.conditions) {
      const scope = serviceScope(clause);
      const requirement = scope ? undefined : denyRequirement(clause);
      // Every clause must be understood: a Deny applies only when all of them hold.
      if (!scope && !requirement) return [];
      if (scope) appliesTo = scope;
      if (requirement) requirements.push(requirement);
    }
    return [{ statement, requirements, appliesTo }];
  });
}

function samePrincipal(a: Principal, b: Principal): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the Deny's principal element names this principal (or everyone). */
function denyNamesPrincipal(deny: Statement, principal: Principal): boolean {
  if (deny.principals) return deny.principals.some((p) => p.value.type === 'public' || samePrincipal(p.value, principal));
  if (deny.notPrincipals) return !deny.notPrincipals.some((p) => samePrincipal(p.value, principal));
  return false;
}

function applyDeny(builder: AdmissionBuilder, allow: Statement, deny: PolicyDeny, trust: TrustSettings): void {
  const isService = builder.cls.kind === 'aws-service' && builder.cls.servicePrincipal;
  if ((deny.appliesTo === 'services' && !isService) || (deny.appliesTo === 'others' && isService)) return;
  if (!denyCoversActions(allow, deny.statement) || !denyCoversResources(allow, deny.statement)) return;
  const where = `a Deny (statement ${deny.statement.index})`;
  // Deny everyone but the listed principals: only they are left.
  if (deny.statement.notPrincipals && deny.requirements.length === 0 && builder.reach.kind === 'anyone') {
    const kept = deny.statement.notPrincipals.map((p) => classifyPrincipal(p.value, trust));
    const accounts = kept.flatMap((c) => (c.kind === 'account' ? [c.account] : []));
    if (accounts.length === kept.length) {
      builder.reach = { kind: 'accounts', accounts };
      builder.narrowedBy.push(`${where} of every principal but the listed ones`);
      return;
    }
  }
  if (!denyNamesPrincipal(deny.statement, builder.principal.value)) return;
  if (deny.requirements.length === 0) {
    builder.cut(where);
    return;
  }
  // A Deny fires only when all its clauses hold, so it leaves every request that any one clause
  // leaves: it narrows the callers only when each clause does, and then no further than the widest.
  const left = deny.requirements.map((requirement) => ({ requirement, narrowing: narrowingOf(requirement, trust) }));
  const [only] = left;
  if (left.length === 1 && only) {
    if (only.narrowing) builder.apply(only.requirement, only.narrowing, true);
    return;
  }
  const reaches = left.filter((l): l is { requirement: Requirement; narrowing: ReachNarrowing } => l.narrowing !== undefined && l.narrowing.kind !== 'guard');
  if (reaches.length < left.length) return;
  const widest = reaches.reduce((a, b) => (OPENNESS[b.narrowing.kind] > OPENNESS[a.narrowing.kind] ? b : a));
  builder.apply(widest.requirement, widest.narrowing, true);
}

/**
 * The admissions of one Allow statement of a resource, trust or permission policy, one per
 * principal. `protectedType` is the type of the resource the policy protects.
 */
export function admissionsOf(statement: Statement, policy: Policy, trust: TrustSettings): Admission[] {
  // A statement with no Action (malformed-policy's finding; IAM refuses the policy) admits no one to anything.
  if (statement.effect !== 'Allow' || !grantsAccess(policy) || (!statement.actions && !statement.notActions)) return [];
  const protectedType = protectedTypeOf(policy);
  // Allow with NotPrincipal admits everyone but the listed principals: anyone, for our purpose.
  const everyoneBut: Located<Principal>[] = statement.notPrincipals ? [{ value: { type: 'public' }, at: `${statement.at}/NotPrincipal` }] : [];
  const principals = statement.principals ?? everyoneBut;
  const requirements = allowRequirements(statement);
  const denies = policyDenies(policy);
  return principals.map((principal) => {
    const builder = new AdmissionBuilder(principal, classifyPrincipal(principal.value, trust, protectedType));
    for (const requirement of requirements) {
      const narrowing = narrowingOf(requirement, trust);
      if (narrowing) builder.apply(requirement, narrowing, false);
    }
    for (const deny of denies) {
      if (deny.statement !== statement) applyDeny(builder, statement, deny, trust);
    }
    if (policy.resources.length > 0 && policy.resources.every((resource) => resource.vpcOnly)) builder.withinVpc();
    return builder.build();
  });
}

const GRANTING_POLICY_KINDS: ReadonlySet<Policy['kind']> = new Set(['resource', 'trust', 'permission-grant']);

/**
 * A VPC endpoint policy grants nothing: it only limits what may pass through the endpoint, and
 * its default is Principal "*" with every action. IAM Access Analyzer does not count it either.
 */
const FILTER_ONLY_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::VPCEndpoint']);

/** Whether the policy's Allow statements let principals in (resource, trust and permission policies, not endpoint filters). */
function grantsAccess(policy: Policy): boolean {
  return GRANTING_POLICY_KINDS.has(policy.kind) && !FILTER_ONLY_TYPES.has(policy.source.resourceType);
}
