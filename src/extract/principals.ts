/**
 * `Principal` / `NotPrincipal` elements as typed principals (DESIGN.md §3).
 */
import type { ResolvedString, ResourceRef } from '../resolve/types';
import type { Located, Principal, PolicyProblem } from './types';
import type { FixedNode } from './variants';
import { formatResolvedString, partsOf, toResolvedString } from '../resolve';
import { literalPartsInclude, splitParts } from './strings';

const TWELVE_DIGITS = /^\d{12}$/;

/** Resource types whose ARN names an IAM principal that a policy can trust. */
const PRINCIPAL_RESOURCE_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::Role', 'AWS::IAM::User']);

/** A value of the `AWS` key: anyone, an account, an IAM ARN, or unknown. */
export function awsPrincipal(value: ResolvedString): Principal {
  if (value === '*') return { type: 'public' };
  if (typeof value === 'string' && TWELVE_DIGITS.test(value)) return { type: 'account', account: value };
  if (typeof value !== 'string' && value.kind === 'unknown') return { type: 'unknown', value };
  if (isThisAccount(value)) return { type: 'account', account: value };
  const ref = principalRef(value);
  const fields = splitParts(value, ':');
  if (fields.length >= 6 && fields[0] === 'arn') {
    const account = fields[4];
    if (fields.length === 6 && fields[2] === 'iam' && fields[5] === 'root') return { type: 'account', account };
    return { type: 'iam-arn', arn: value, ...(account !== '' ? { account } : {}), ...(ref ? { ref } : {}) };
  }
  if (ref) return { type: 'iam-arn', arn: value, ref };
  // A literal that is not an ARN (a unique id such as AIDA...) is still one named principal.
  if (typeof value === 'string') return { type: 'iam-arn', arn: value };
  return { type: 'unknown', value };
}

/**
 * A principal written as one bare string, as `AWS::Lambda::Permission` takes it: a service
 * (`s3.amazonaws.com`), an account, an ARN, or `*`.
 */
export function bareValuePrincipal(value: ResolvedString): Principal {
  const first = partsOf(value)[0];
  const looksLikeArn = typeof first === 'string' && first.startsWith('arn:');
  if (value !== '*' && !looksLikeArn && literalPartsInclude(value, '.')) return { type: 'service', service: value };
  return awsPrincipal(value);
}

function isThisAccount(value: ResolvedString): boolean {
  const parts = partsOf(value);
  return parts.length === 1 && typeof parts[0] !== 'string' && parts[0].kind === 'pseudo' && parts[0].name === 'AWS::AccountId';
}

function principalRef(value: ResolvedString): ResourceRef | undefined {
  for (const part of partsOf(value)) {
    if (typeof part !== 'string' && part.kind === 'resource' && PRINCIPAL_RESOURCE_TYPES.has(part.resourceType)) return part;
  }
  return undefined;
}

type PrincipalKey = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

const BY_KEY: Record<PrincipalKey, (value: ResolvedString) => Principal> = {
  AWS: awsPrincipal,
  Service: (service) => ({ type: 'service', service }),
  Federated: (provider) => ({ type: 'federated', provider }),
  CanonicalUser: (id) => ({ type: 'canonical-user', id }),
};

function isPrincipalKey(key: string): key is PrincipalKey {
  return Object.prototype.hasOwnProperty.call(BY_KEY, key);
}

/** The principals of one `Principal` or `NotPrincipal` element, each at its own position. */
export function normalizePrincipals(node: FixedNode, element: string, problems: PolicyProblem[]): Located<Principal>[] {
  if (node.kind === 'map') {
    const out: Located<Principal>[] = [];
    for (const [key, value] of node.entries) {
      if (!isPrincipalKey(key)) {
        const message = `${element} has an unknown principal type "${key}" (expected AWS, Service, Federated or CanonicalUser)`;
        problems.push({ message, at: value.at });
        out.push(...principalValues(value, element, problems).map(unknownPrincipal));
        continue;
      }
      const values = principalValues(value, element, problems);
      if (key === 'AWS' || key === 'Service') for (const found of values) checkNoPartialWildcard(found, element, problems);
      out.push(...values.map(({ value: v, at }) => ({ value: BY_KEY[key](v), at })));
    }
    return out;
  }
  if (node.kind === 'scalar' && node.value === '*') return [{ value: { type: 'public' }, at: node.at }];
  if (node.kind === 'unknown') return [{ value: { type: 'unknown', value: { kind: 'unknown', reason: node.reason } }, at: node.at }];
  problems.push({ message: `${element} must be "*" or a map such as {"AWS": [...]}`, at: node.at });
  return principalValues(node, element, problems).map(({ value, at }) => ({ value: awsPrincipal(value), at }));
}

/**
 * IAM takes `*` alone for everyone, but no wildcard inside a principal
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
 * `arn:aws:iam::*:root` or `*.amazonaws.com` does not mean "any account" or "any service", and
 * the services that check principals refuse the policy.
 */
function checkNoPartialWildcard({ value, at }: Located<ResolvedString>, element: string, problems: PolicyProblem[]): void {
  if (value === '*' || !(literalPartsInclude(value, '*') || literalPartsInclude(value, '?'))) return;
  problems.push({ message: `${element} ${formatResolvedString(value)} has a wildcard inside it: IAM takes "*" alone for everyone, and no wildcard within a principal`, at });
}

function unknownPrincipal({ value, at }: Located<ResolvedString>): Located<Principal> {
  return { value: { type: 'unknown', value }, at };
}

/** The strings under one principal key: a string or a list. */
function principalValues(node: FixedNode, element: string, problems: PolicyProblem[]): Located<ResolvedString>[] {
  const items = node.kind === 'list' ? node.items : [node];
  return items.map((item) => ({ value: principalString(item, element, problems), at: item.at }));
}

/** One principal as a string; a YAML number is read as a 12-digit account id. */
export function principalString(item: FixedNode, element: string, problems: PolicyProblem[]): ResolvedString {
  if (item.kind === 'scalar' && typeof item.value === 'number' && Number.isInteger(item.value) && item.value >= 0) {
    const account = String(item.value).padStart(12, '0');
    problems.push({ message: `account id ${account} in ${element} is written as a number: quote it so that leading zeros are kept`, at: item.at });
    return account;
  }
  const value = toResolvedString(item);
  if (value !== undefined) return value;
  problems.push({ message: `${element} holds a ${describeKind(item)} where a principal string was expected`, at: item.at });
  return { kind: 'unknown', reason: 'not a principal string' };
}

export function describeKind(node: FixedNode): string {
  if (node.kind === 'scalar') return node.value === null ? 'null value' : typeof node.value;
  if (node.kind === 'unknown') return 'value not known statically';
  return node.kind === 'symbolic' ? 'string' : node.kind;
}
