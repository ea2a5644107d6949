/**
 * How many characters a policy document will at least have once deployed, counted as IAM counts
 * them: the JSON without white space. Computed from the normalized statements, always rounding
 * down, so that a size reported as over a quota is over it: a value not known statically counts
 * as empty, a reference to a resource as one character unless its name is known, a one-element
 * list as its element, and `Version` (which the document may leave out) as nothing.
 */
import type { Located, Policy, PolicyScalar, Principal, Statement } from '../../extract/types';
import type { PseudoParameter, ResolvedString } from '../../resolve/types';
import { partsOf } from '../../resolve';

/** The shortest value each pseudo parameter can have (`us-east-1`, `aws`, `amazonaws.com`). */
const PSEUDO_MIN: Readonly<Record<PseudoParameter, number>> = {
  'AWS::AccountId': 12,
  'AWS::Partition': 3,
  'AWS::Region': 9,
  'AWS::URLSuffix': 13,
  'AWS::StackName': 1,
  'AWS::StackId': 1,
  'AWS::NotificationARNs': 0,
};

function textLength(value: ResolvedString): number {
  return partsOf(value).reduce((sum, part) => {
    if (typeof part === 'string') return sum + part.length;
    if (part.kind === 'pseudo') return sum + PSEUDO_MIN[part.name];
    if (part.kind === 'resource') return sum + (part.knownValue?.length ?? 1);
    return sum;
  }, 0);
}

function scalarLength(value: PolicyScalar): number {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  return textLength(value) + 2;
}

/** `"a"` or `["a","b"]`. */
function listLength(lengths: readonly number[]): number {
  if (lengths.length === 1) return lengths[0]!;
  return 2 + lengths.reduce((a, b) => a + b, 0) + Math.max(0, lengths.length - 1);
}

/** `{"k":v,...}` from the lengths of each member's key and value. */
function objectLength(members: readonly [string, number][]): number {
  return 2 + members.reduce((sum, [key, value]) => sum + key.length + 3 + value, 0) + Math.max(0, members.length - 1);
}

function stringsLength(list: readonly Located<ResolvedString>[]): number {
  return listLength(list.map((item) => scalarLength(item.value)));
}

const PRINCIPAL_KEY: Readonly<Record<Exclude<Principal['type'], 'public'>, string>> = {
  account: 'AWS',
  'iam-arn': 'AWS',
  unknown: 'AWS',
  service: 'Service',
  federated: 'Federated',
  'canonical-user': 'CanonicalUser',
};

function principalValue(principal: Exclude<Principal, { type: 'public' }>): ResolvedString {
  switch (principal.type) {
    case 'account':
      return principal.account;
    case 'iam-arn':
      return principal.arn;
    case 'service':
      return principal.service;
    case 'federated':
      return principal.provider;
    case 'canonical-user':
      return principal.id;
    case 'unknown':
      return principal.value;
  }
}

function principalsLength(list: readonly Located<Principal>[]): number {
  if (list.some((p) => p.value.type === 'public')) return 3;
  const byKey = new Map<string, number[]>();
  for (const { value } of list) {
    if (value.type === 'public') continue;
    const key = PRINCIPAL_KEY[value.type];
    byKey.set(key, [...(byKey.get(key) ?? []), scalarLength(principalValue(value))]);
  }
  return objectLength([...byKey].map(([key, lengths]) => [key, listLength(lengths)]));
}

function conditionsLength(statement: Statement): number {
  const byOperator = new Map<string, [string, number][]>();
  for (const clause of statement.conditions) {
    const members = byOperator.get(clause.operator) ?? [];
    members.push([clause.key, listLength(clause.values.map((v) => scalarLength(v.value)))]);
    byOperator.set(clause.operator, members);
  }
  return objectLength([...byOperator].map(([operator, members]) => [operator, objectLength(members)]));
}

export function statementLength(statement: Statement): number {
  const members: [string, number][] = [['Effect', statement.effect.length + 2]];
  if (statement.sid !== undefined) members.push(['Sid', statement.sid.length + 2]);
  const lists: [string, readonly Located<ResolvedString>[] | undefined][] = [
    ['Action', statement.actions],
    ['NotAction', statement.notActions],
    ['Resource', statement.resources],
    ['NotResource', statement.notResources],
  ];
  for (const [key, list] of lists) if (list && list.length > 0) members.push([key, stringsLength(list)]);
  if (statement.principals?.length) members.push(['Principal', principalsLength(statement.principals)]);
  if (statement.notPrincipals?.length) members.push(['NotPrincipal', principalsLength(statement.notPrincipals)]);
  if (statement.conditions.length > 0) members.push(['Condition', conditionsLength(statement)]);
  return objectLength(members);
}

/**
 * The document's size in the smallest of its `Fn::If` variants: each statement position counts
 * with its shortest variant, and only when some variant is always there or several branches fill it.
 */
export function documentLength(policy: Policy): number {
  const byIndex = new Map<number, Statement[]>();
  for (const statement of policy.statements) byIndex.set(statement.index, [...(byIndex.get(statement.index) ?? []), statement]);
  const lengths = [...byIndex.values()]
    .filter((variants) => variants.length > 1 || variants.some((s) => s.when.length === 0))
    .map((variants) => Math.min(...variants.map(statementLength)));
  return objectLength([['Statement', listLength(lengths)]]);
}
