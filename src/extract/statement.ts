/**
 * One statement, with every `Fn::If` already decided, as a normalized `Statement`.
 * Malformed parts become problems; whatever can still be read is kept (fail closed).
 */
import type { JsonPointer } from '../template/types';
import type { Assumption, ResolvedString } from '../resolve/types';
import type { PolicyKind, PolicyProblem, Statement } from './types';
import type { FixedNode } from './variants';
import { toResolvedString } from '../resolve';
import { normalizeConditions, stringList } from './elements';
import { describeKind, normalizePrincipals } from './principals';

const STATEMENT_KEYS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

export function normalizeStatement(
  node: FixedNode,
  index: number,
  when: Assumption[],
  problems: PolicyProblem[],
): Statement | undefined {
  if (node.kind !== 'map') {
    problems.push({ message: `Statement ${index} must be an object, not a ${describeKind(node)}`, at: node.at });
    return undefined;
  }
  const get = (key: string) => node.entries.get(key);
  for (const key of node.entries.keys()) {
    if (!STATEMENT_KEYS.has(key)) problems.push({ message: `Statement ${index} has an unknown key "${key}"`, at: node.entries.get(key)!.at });
  }
  const statement: Statement = {
    index,
    effect: effectOf(get('Effect'), index, node.at, problems),
    conditions: [],
    at: node.at,
    when,
  };
  const sid = get('Sid');
  if (sid) {
    const value = sid.kind === 'scalar' && sid.value !== null ? String(sid.value) : undefined;
    if (value === undefined) problems.push({ message: `Statement ${index} has a Sid that is not a plain string`, at: sid.at });
    else statement.sid = value;
  }

  const pair = (positive: string, negative: string) => {
    const yes = get(positive);
    const no = get(negative);
    if (yes && no) problems.push({ message: `Statement ${index} has both ${positive} and ${negative}`, at: no.at });
    return { yes, no };
  };
  const actions = pair('Action', 'NotAction');
  if (!actions.yes && !actions.no) problems.push({ message: `Statement ${index} has neither Action nor NotAction`, at: node.at });
  if (actions.yes) statement.actions = stringList(actions.yes, 'Action', problems);
  if (actions.no) statement.notActions = stringList(actions.no, 'NotAction', problems);

  const resources = pair('Resource', 'NotResource');
  if (resources.yes) statement.resources = stringList(resources.yes, 'Resource', problems);
  if (resources.no) statement.notResources = stringList(resources.no, 'NotResource', problems);

  const principals = pair('Principal', 'NotPrincipal');
  if (principals.yes) statement.principals = normalizePrincipals(principals.yes, 'Principal', problems);
  if (principals.no) statement.notPrincipals = normalizePrincipals(principals.no, 'NotPrincipal', problems);

  const condition = get('Condition');
  if (condition) statement.conditions = normalizeConditions(condition, problems);
  return statement;
}

/** An effect that cannot be read counts as `Allow`: the worst case. */
function effectOf(node: FixedNode | undefined, index: number, at: JsonPointer, problems: PolicyProblem[]): 'Allow' | 'Deny' {
  if (!node) {
    problems.push({ message: `Statement ${index} has no Effect; it is read as Allow`, at });
    return 'Allow';
  }
  const value = toResolvedString(node);
  if (value === 'Allow' || value === 'Deny') return value;
  const message =
    value === undefined || typeof value === 'string'
      ? `Statement ${index} has Effect ${value === undefined ? `of type ${describeKind(node)}` : `"${value}"`} (expected "Allow" or "Deny")`
      : `Statement ${index} has an Effect that is not known statically${value.kind === 'unknown' ? ` (${value.reason})` : ''}`;
  problems.push({ message: `${message}; it is read as Allow`, at: node.at, ...(value === undefined && { rejected: true as const }) });
  return 'Allow';
}

/**
 * A statement standing for a document that cannot be read (an unknown value, an unknown SAM
 * policy template): it allows unknown actions on unknown resources, so it is never a silent pass.
 */
export function unknownStatement(kind: PolicyKind, reason: string, at: JsonPointer, when: Assumption[]): Statement {
  const unknown: ResolvedString = { kind: 'unknown', reason };
  const grantsToPrincipals = kind === 'resource' || kind === 'trust' || kind === 'permission-grant';
  return {
    index: 0,
    effect: 'Allow',
    actions: [{ value: unknown, at }],
    ...(kind === 'trust' ? {} : { resources: [{ value: unknown, at }] }),
    ...(grantsToPrincipals ? { principals: [{ value: { type: 'unknown', value: unknown }, at }] } : {}),
    conditions: [],
    at,
    when,
  };
}
