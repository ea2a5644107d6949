/**
 * What a statement's conditions require of a request, and whether that genuinely narrows who can
 * use it.
 *
 * The reference for "narrowing" is S3's definition of a non-public policy (a policy is not
 * public when every Allow to `*` is pinned by a fixed value of one of a known set of keys),
 * which IAM Access Analyzer applies to the other resource types too:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 *
 * How operators treat a key the request lacks decides whether a clause restricts at all
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * - `...IfExists` is true when the key is absent: it restricts only keys every request carries.
 * - `ForAllValues:` is true when the key is absent (an empty set): it restricts only together with
 *   a `Null: {key: "false"}` clause that requires the key.
 * - `ForAnyValue:` is false when the key is absent, and treats a single-valued key as a set of one:
 *   on a single-valued key it restricts exactly as the plain operator does. (AWS advises against
 *   the form because it is easy to misread, not because it lets requests through.)
 * - Negated operators (`StringNotEquals`, ...) allow every value but the listed ones: in an Allow
 *   they never pin; in a Deny they are what pins ("deny unless aws:PrincipalOrgID is o-...").
 */
import type { ConditionClause, Located, PolicyScalar, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { arnParts, hasWildcard, isMultiValuedKey, parseConditionOperator, type ConditionOperator } from '../iam';
import { partsOf } from '../resolve';

/**
 * Keys whose fixed values pin a grant to known callers or networks (S3's list, plus the
 * newer organization keys and `kms:CallerAccount`, which AWS documents as equivalent).
 */
export const NARROWING_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceVpcArn',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:VpceOrgPaths',
    'aws:SourceIp',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
    'lambda:FunctionUrlAuthType',
    'lambda:EventSourceToken',
  ].map((k) => k.toLowerCase()),
);

/**
 * Keys present in every request they apply to, so `...IfExists` on them still restricts. The
 * IAM global key reference gives each key's availability; the others (`aws:PrincipalOrgID` only
 * for members of an organization, `aws:SourceArn` only when a service acts for a resource,
 * `aws:SourceVpce` only through an endpoint, ...) may be missing, and `IfExists` then lets the
 * request through.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalType',
    'aws:PrincipalIsAWSService',
    'aws:userid',
    'aws:SecureTransport',
    'aws:ViaAWSService',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:RequestedRegion',
    'kms:CallerAccount',
    // Every iam:PassRole check names the service the role goes to (AWS's CodePipeline role writes it with IfExists).
    'iam:PassedToService',
  ].map((k) => k.toLowerCase()),
);

export function keyMayBeAbsent(key: string): boolean {
  return !ALWAYS_PRESENT.has(key.toLowerCase());
}

export type ValueVerdict = 'narrow' | 'wildcard' | 'unknown';

const ARN_SKELETON = /^arn(:(aws|aws-cn|aws-us-gov|\*)?)?(:[*?]*)*$/i;

/**
 * An address range no one network holds: shorter than an IPv4 /8 or an IPv6 /16 (`0.0.0.0/0`,
 * `0.0.0.0/1` is half the internet).
 */
function spansTheInternet(value: string): boolean {
  const match = /^([0-9a-f.:]+)\/(\d{1,3})$/i.exec(value);
  if (!match) return false;
  const prefix = Number(match[2]);
  return match[1]!.includes(':') ? prefix < 16 : prefix < 8;
}

/** Whether one condition value pins something down. */
export function conditionValueVerdict(value: PolicyScalar): ValueVerdict {
  if (typeof value === 'number' || typeof value === 'boolean') return 'narrow';
  if (typeof value === 'string') {
    if (value === '' || /^[*?]+$/.test(value) || ARN_SKELETON.test(value)) return 'wildcard';
    if (spansTheInternet(value)) return 'wildcard';
    return 'narrow';
  }
  if (value.kind === 'unknown') return 'unknown';
  // A symbolic value holds at least one reference to one specific thing.
  return value.parts.some((p) => typeof p !== 'string' && p.kind === 'unknown') ? 'unknown' : 'narrow';
}

/** Keys whose values are identifiers: any wildcard in them admits identifiers nobody chose. */
const IDENTIFIER_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalAccount',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'kms:CallerAccount',
    's3:DataAccessPointAccount',
    'sts:ExternalId',
  ].map((k) => k.toLowerCase()),
);

const ORG_PATH_KEYS: ReadonlySet<string> = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths', 'aws:vpceorgpaths']);

/** Keys naming the policy a request attaches or sets as a boundary: what matters is which policy, so its name must be pinned. */
const POLICY_ARN_KEYS: ReadonlySet<string> = new Set(['iam:policyarn', 'iam:permissionsboundary']);

/**
 * Whether one value of a wildcard operator (`StringLike`, `ArnLike`) still pins the key. An
 * identifier with a wildcard (`o-*`, `1234*`) does not; an organization path must name its
 * organization; an ARN must name its account, and an S3 ARN (which has no account) its bucket,
 * since bucket names are global and anyone may create one that matches a pattern.
 */
function wildcardValueVerdict(key: string, value: ResolvedString): ValueVerdict {
  const literals = typeof value === 'string' ? [value] : value.kind === 'symbolic' ? value.parts.filter((p): p is string => typeof p === 'string') : [];
  if (!literals.some(hasWildcard)) return 'narrow';
  const lower = key.toLowerCase();
  if (IDENTIFIER_KEYS.has(lower)) return 'wildcard';
  if (ORG_PATH_KEYS.has(lower)) {
    const org = typeof value === 'string' ? value.split('/')[0] : undefined;
    return org !== undefined && hasWildcard(org) ? 'wildcard' : 'narrow';
  }
  const parts = arnParts(value);
  // `arn:aws:iam::aws:policy/*` names AWS's account, yet lets AdministratorAccess be attached.
  if (POLICY_ARN_KEYS.has(lower)) return parts && !partsOf(parts.resource).some((part) => typeof part === 'string' && hasWildcard(part)) ? 'narrow' : 'wildcard';
  // An ARN cut short by a wildcard (`arn:aws:sns:*`) leaves the account to the wildcard, which also matches colons.
  if (!parts) return startsAsArn(value) ? 'wildcard' : 'narrow';
  const text = (segment: ResolvedString): string | undefined => (typeof segment === 'string' ? segment : undefined);
  const service = text(parts.service);
  if (service !== undefined && service.toLowerCase() === 's3') {
    const bucket = text(parts.resource)?.split('/')[0];
    return bucket !== undefined && hasWildcard(bucket) ? 'wildcard' : 'narrow';
  }
  const account = text(parts.account);
  return account !== undefined && (account === '' || hasWildcard(account)) ? 'wildcard' : 'narrow';
}

function startsAsArn(value: ResolvedString): boolean {
  const first = typeof value === 'string' ? value : value.kind === 'symbolic' ? value.parts[0] : undefined;
  return typeof first === 'string' && first.toLowerCase().startsWith('arn:');
}

/** Values pin something down unless one is a wildcard; an unknown may be one. */
export function valuesVerdict(key: string, operator: ConditionOperator, values: readonly Located<PolicyScalar>[]): ValueVerdict {
  if (values.length === 0) return 'wildcard';
  const verdicts = values.map(({ value }) => {
    const generic = conditionValueVerdict(value);
    if (generic !== 'narrow' || typeof value === 'number' || typeof value === 'boolean' || !operator.wildcards) return generic;
    return wildcardValueVerdict(key, value);
  });
  if (verdicts.includes('wildcard')) return 'wildcard';
  return verdicts.includes('unknown') ? 'unknown' : 'narrow';
}

/** A clause that every allowed request must satisfy: the key holds one of `values`. */
export interface Requirement {
  clause: ConditionClause;
  /** Lowercase. */
  key: string;
  values: readonly Located<PolicyScalar>[];
  /** `unknown`: some value is not known statically, so it may be a wildcard. */
  verdict: 'narrow' | 'unknown';
}

function requiresPresence(key: string, siblings: readonly ConditionClause[]): boolean {
  return siblings.some(
    (c) => parseConditionOperator(c.operator)?.family === 'Null' && c.key.toLowerCase() === key && c.values.every((v) => String(v.value).toLowerCase() === 'false'),
  );
}

/** Why an Allow clause pins nothing, as a reader would say it; `undefined` when it does pin. */
export function whyClauseDoesNotPin(clause: ConditionClause, siblings: readonly ConditionClause[]): string | undefined {
  const operator = parseConditionOperator(clause.operator);
  const key = clause.key.toLowerCase();
  if (!operator) return `${clause.operator} is not an IAM condition operator`;
  if (operator.negated) return `${clause.operator} lets in every value but the listed ones`;
  if (operator.family === 'Null') return 'Null only tests whether the key is present';
  if (operator.ifExists && keyMayBeAbsent(key)) return `${clause.operator} is true when the request lacks ${clause.key}`;
  if (operator.setQualifier === 'ForAllValues' && !requiresPresence(key, siblings)) {
    return `ForAllValues is true when the request lacks ${clause.key}`;
  }
  if (valuesVerdict(key, operator, clause.values) === 'wildcard') {
    if (clause.values.length === 0 || clause.values.some(({ value }) => value === '*')) return 'its value matches anything';
    return clause.values.some(({ value }) => typeof value === 'string' && spansTheInternet(value)) ? 'its address range spans the internet' : 'its wildcard admits other accounts';
  }
  return undefined;
}

/**
 * What an Allow clause requires, or `undefined` when it lets requests through whatever the key
 * holds (see the module comment). `Null` requires presence only and pins nothing.
 */
function allowRequirement(clause: ConditionClause, siblings: readonly ConditionClause[]): Requirement | undefined {
  if (whyClauseDoesNotPin(clause, siblings) !== undefined) return undefined;
  const operator = parseConditionOperator(clause.operator)!;
  const key = clause.key.toLowerCase();
  const verdict = valuesVerdict(key, operator, clause.values);
  return verdict === 'wildcard' ? undefined : { clause, key, values: clause.values, verdict };
}

/**
 * What a Deny clause leaves allowed: a negated clause (`StringNotEquals aws:PrincipalOrgID o-x`)
 * denies every request whose key is not one of the values, also when the key is absent, so the
 * requests it leaves hold one of them. `Bool key false` denies requests that say false; with
 * `IfExists`, or on a key every request carries, what is left holds `true`.
 */
export function denyRequirement(clause: ConditionClause): Requirement | undefined {
  const operator = parseConditionOperator(clause.operator);
  const key = clause.key.toLowerCase();
  if (!operator) return undefined;
  // ForAllValues is true when the key is absent: on a single-valued key a negated one fires as the
  // plain operator does, and then for requests without the key too.
  if (operator.setQualifier === 'ForAllValues' && !(operator.negated && isMultiValuedKey(key) === false)) return undefined;
  if (operator.family === 'Bool') {
    const deniesFalse = clause.values.length > 0 && clause.values.every((v) => String(v.value).toLowerCase() === 'false');
    if (!deniesFalse || (!operator.ifExists && keyMayBeAbsent(key))) return undefined;
    return { clause, key, values: [{ value: true, at: clause.at }], verdict: 'narrow' };
  }
  if (!operator.negated) return undefined;
  // ForAnyValue is false when the request lacks the key: the Deny then lets it through.
  if (operator.setQualifier === 'ForAnyValue' && keyMayBeAbsent(key)) return undefined;
  const verdict = valuesVerdict(key, operator, clause.values);
  return verdict === 'wildcard' ? undefined : { clause, key, values: clause.values, verdict };
}

/** The requirements of an Allow statement's conditions (all of them must hold). */
export function allowRequirements(statement: Statement): Requirement[] {
  return statement.conditions.flatMap((clause) => allowRequirement(clause, statement.conditions) ?? []);
}
