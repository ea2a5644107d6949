/**
 * Whether something other than the Action and Resource elements limits what an Allow statement
 * grants: a condition of the statement itself, or a Deny that applies to the same principal.
 * The over-privilege rules weigh the answer (DESIGN.md §1–2):
 *
 * - `denied`: an unconditional Deny cancels the grant on every resource it reaches: no finding;
 * - `narrowed`: a condition with fixed values, or a Deny that leaves only named resources or
 *   resources whose key matches, limits the grant: the finding is lowered;
 * - `unknown`: such a condition exists but its value is not known statically: it cannot prove
 *   narrowness, so the finding is lowered and says why (an unknown may still be `*`);
 * - `open`: nothing limits the grant (what was weighed and found not to, if anything, is named).
 *
 * Which keys narrow WHAT a statement grants (unlike keys about how a request travels, such as
 * `aws:SecureTransport` or `aws:SourceIp`): resource tags and attributes, the resource's account
 * and organization, the source resource a service acts for (`aws:SourceArn`), the service a call
 * must come through (`kms:ViaService`, `aws:CalledVia`), the passed-to service of `iam:PassRole`,
 * object prefixes and leading keys. In resource and trust policies the keys that pin the caller
 * (`aws:PrincipalOrgID`, ...: `NARROWING_KEYS`) narrow too. In an identity policy they do not:
 * the caller is the principal the policy is attached to, whatever its organization.
 */
import type { ConditionClause, Located, Policy, PolicyScalar, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { actionPatternMatches, actionRisks, expandActionPattern, getService, globCovers, isEffectivelyStar, parseConditionOperator, readsOnlyMetadata, resourceScope, type ActionInfo } from '../iam';
import { formatResolvedString } from '../resolve';
import { conditionValueVerdict, denyRequirement, keyMayBeAbsent, NARROWING_KEYS, valuesVerdict, type ValueVerdict } from './conditions';
import { coversEveryResourceHere, isAllActionsPattern, writtenToTakeIn } from './actions';
import { memoized } from '../memo';

export type NarrowingVerdict = 'denied' | 'narrowed' | 'unknown' | 'open';

export interface Narrowing {
  verdict: NarrowingVerdict;
  /** What was weighed, as a reader would name it: `Condition StringEquals aws:ResourceTag/team`. */
  weighed: string[];
}

/** A Deny statement with the policy it is in. */
export interface DenyStatement {
  statement: Statement;
  policy: Policy;
}

export interface NarrowingInput {
  statement: Statement;
  policy: Policy;
  /** The concrete actions the grant is about, or `all` for `Action: "*"`. */
  actions: readonly ActionInfo[] | 'all';
  /** Deny statements of the policies that apply to the same principals (the statement's own policy included). */
  denies: readonly DenyStatement[];
  /**
   * For each principal the statement's policy applies to, the permissions boundary policies that
   * cap it; absent when one of them has no boundary, or one not known statically.
   */
  boundaries?: readonly (readonly Policy[])[];
  /**
   * `false` when the finding is about what the admitted callers get, not who they are (a wildcard
   * in a resource policy): conditions that pin the caller (`NARROWING_KEYS`) then narrow nothing.
   */
  callerKeysNarrow?: boolean;
}

const RESOURCE_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:ResourceOrgPaths',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:CalledVia',
    'aws:CalledViaFirst',
    'aws:CalledViaLast',
    'aws:ViaAWSService',
    'kms:ViaService',
    'kms:CallerAccount',
    'kms:EncryptionContextKeys',
    // The key behind an alias, and grants only for AWS resources (services create them for their own).
    'kms:RequestAlias',
    'kms:ResourceAliases',
    'kms:GrantIsForAWSResource',
    // The access point an EFS client mounts through (elasticfilesystem:ClientMount and the like).
    'elasticfilesystem:AccessPointArn',
    // Tags set only while creating a resource (ec2:CreateTags with ec2:CreateAction RunInstances).
    'ec2:CreateAction',
    's3:prefix',
    's3:ResourceAccount',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
    'dynamodb:LeadingKeys',
    'iam:PassedToService',
    'iam:PolicyARN',
    'iam:PermissionsBoundary',
    'iam:AWSServiceName',
  ].map((key) => key.toLowerCase()),
);

/** Tags of the resource acted on or created, and KMS encryption context pairs. */
const RESOURCE_KEY_PATTERNS: readonly RegExp[] = [
  /^[a-z0-9-]+:resourcetag\/.+/i,
  /^aws:requesttag\/.+/i,
  /^s3:existingobjecttag\/.+/i,
  /^s3:buckettag\/.+/i,
  /^kms:encryptioncontext:.+/i,
];

const STRONGER: Readonly<Record<NarrowingVerdict, number>> = { open: 0, unknown: 1, narrowed: 2, denied: 3 };

function strongest(a: Narrowing, b: Narrowing): Narrowing {
  if (STRONGER[b.verdict] > STRONGER[a.verdict]) return b;
  if (STRONGER[b.verdict] < STRONGER[a.verdict] || b.weighed.length === 0) return a;
  return { verdict: a.verdict, weighed: [...a.weighed, ...b.weighed] };
}

const OPEN: Narrowing = { verdict: 'open', weighed: [] };

/** Everything that limits the statement's grant of these actions, strongest first. */
export function statementNarrowing(input: NarrowingInput): Narrowing {
  const byDeny = input.denies
    .filter((deny) => deny.statement !== input.statement && holdsInEveryBranch(deny))
    .map((deny) => denyNarrowing(deny, input.statement, input.actions))
    .reduce(strongest, OPEN);
  const byCondition = conditionNarrowing(input.statement, input.policy, input.actions, input.callerKeysNarrow ?? true);
  return [byCondition, boundaryNarrowing(input.boundaries, input.actions)].reduce(strongest, byDeny);
}

/**
 * What permissions boundaries leave of the grant: a principal gets only what its boundary allows
 * too. The grant is capped only as far as the least capped principal it applies to: open when any
 * boundary allows the actions on every resource unconditionally, denied when none allows them at
 * all. An Allow of a boundary in one `Fn::If` branch counts (the worst case).
 */
function boundaryNarrowing(boundaries: NarrowingInput['boundaries'], actions: readonly ActionInfo[] | 'all'): Narrowing {
  if (boundaries === undefined || boundaries.length === 0) return OPEN;
  const caps = boundaries.map((policies) => capBy(policies, actions));
  if (caps.some((cap) => cap.verdict === 'open')) return OPEN;
  // Principals that share one boundary name it once.
  const weighed = [...new Set(caps.flatMap((cap) => cap.weighed))];
  return { verdict: caps.every((cap) => cap.verdict === 'denied') ? 'denied' : 'narrowed', weighed };
}

type Cap = 'open' | 'narrowed' | 'denied';

interface BoundaryAllow {
  statement: Statement;
  policy: Policy;
}

function capBy(policies: readonly Policy[], actions: readonly ActionInfo[] | 'all'): Narrowing {
  const allows = policies.flatMap((policy) => policy.statements.filter((statement) => statement.effect === 'Allow').map((statement) => ({ statement, policy })));
  const where = `the permissions boundary ${policies.map((policy) => policy.managed?.awsManagedName ?? policy.managed?.logicalId ?? policyLabel(policy)).join(', ')}`;
  const caps: Cap[] = actions === 'all' ? [capOf(allows, 'all')] : actions.map((action) => capOf(allows, action));
  if (caps.includes('open')) return OPEN;
  if (caps.every((cap) => cap === 'denied')) return { verdict: 'denied', weighed: [where] };
  const allowed = allows.flatMap(({ statement }) => (statement.actions ?? []).map((item) => formatResolvedString(item.value)));
  const shown = allowed.length > 4 ? `${allowed.slice(0, 4).join(', ')} and ${allowed.length - 4} more` : allowed.join(', ');
  return { verdict: 'narrowed', weighed: [allowed.length > 0 ? `${where}, which allows ${shown}` : where] };
}

/**
 * What the boundary's Allows leave of an action (or of every action): open when one may allow it
 * on every resource without a condition that narrows what it reaches. Values not known statically
 * count as the widest they could be.
 */
function capOf(allows: readonly BoundaryAllow[], action: ActionInfo | 'all'): Cap {
  // Any Allow leaves part of "every action"; only those that may take in the action leave part of it.
  const leaving = action === 'all' ? allows : allows.filter(({ statement }) => boundaryAllowsAction(statement, action));
  if (leaving.length === 0) return 'denied';
  const whole = ({ statement, policy }: BoundaryAllow) => {
    const probe = action === 'all' ? undefined : action;
    const wide = !statement.notResources && (statement.resources ?? []).some((r) => isEffectivelyStar(r.value, probe) !== 'narrow');
    return boundaryAllowsAction(statement, action) && wide && conditionNarrowing(statement, policy, action === 'all' ? 'all' : [action], true).verdict !== 'narrowed';
  };
  return leaving.some(whole) ? 'open' : 'narrowed';
}

/** Whether a boundary's Allow may take in the action (or every action); one not known statically may (the worst case). */
function boundaryAllowsAction(statement: Statement, action: ActionInfo | 'all'): boolean {
  const matches = (item: Located<ResolvedString>) =>
    typeof item.value !== 'string' || (action === 'all' ? isAllActionsPattern(item.value) : actionPatternMatches(item.value, action));
  if (statement.actions) return statement.actions.some(matches);
  if (action === 'all') return false;
  if (statement.notActions) return !statement.notActions.some((item) => typeof item.value === 'string' && actionPatternMatches(item.value, action));
  return false;
}

/** Whether the key names what a statement acts on (see the module comment). */
function keyNarrowsWhat(key: string, policy: Policy, actions: readonly ActionInfo[] | 'all'): boolean {
  const lower = key.toLowerCase();
  if (RESOURCE_KEYS.has(lower) || RESOURCE_KEY_PATTERNS.some((pattern) => pattern.test(key))) return true;
  if (policy.kind !== 'identity' && policy.kind !== 'managed-policy-reference' && NARROWING_KEYS.has(lower)) return true;
  return actions !== 'all' && actions.some((action) => resourceAttributeKeys(action).has(lower));
}

/**
 * Attributes of the resources the action acts on (`ec2:InstanceType` of an instance), from the
 * resource-type table, and the action's keys named after a resource type of its service, which
 * name the resource a request acts in (`ecs:cluster` for ecs:Poll on a container instance).
 */
function resourceAttributeKeys(action: ActionInfo): ReadonlySet<string> {
  return memoized(attributeKeys, action, newResourceAttributeKeys);
}

const attributeKeys = new WeakMap<ActionInfo, ReadonlySet<string>>();

function newResourceAttributeKeys(action: ActionInfo): ReadonlySet<string> {
  const types = getService(action.service)?.resourceTypes ?? [];
  const names = new Set(action.resourceTypes.map((type) => type.name));
  const typeKeys = new Set(types.map((type) => `${action.service}:${type.name}`.toLowerCase()));
  return new Set([
    ...types.filter((type) => names.has(type.name)).flatMap((type) => type.conditionKeys.map((k) => k.toLowerCase())),
    ...action.conditionKeys.map((k) => k.toLowerCase()).filter((k) => typeKeys.has(k)),
  ]);
}

function describeClause(clause: ConditionClause): string {
  return `Condition ${clause.operator} ${clause.key}`;
}

function conditionNarrowing(statement: Statement, policy: Policy, actions: readonly ActionInfo[] | 'all', callerKeysNarrow: boolean): Narrowing {
  const narrow: string[] = [];
  const unknown: string[] = [];
  for (const clause of statement.conditions) {
    if (!callerKeysNarrow && NARROWING_KEYS.has(clause.key.toLowerCase())) continue;
    if (throughCloudFormation(clause)) continue;
    if (!keyNarrowsWhat(clause.key, policy, actions)) continue;
    const verdict = positiveClauseVerdict(clause);
    if (verdict === 'narrow') narrow.push(describeClause(clause));
    else if (verdict === 'unknown') unknown.push(`${describeClause(clause)} (${unknownReason(clause.values)})`);
  }
  if (narrow.length > 0) return { verdict: 'narrowed', weighed: narrow };
  if (unknown.length > 0) return { verdict: 'unknown', weighed: unknown };
  return OPEN;
}

const CALLED_VIA_KEYS: ReadonlySet<string> = new Set(['aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast']);

/**
 * Calls that must come through CloudFormation are not fewer calls: a stack creates and changes
 * resources of every service with its caller's permissions (an administrator role, or a new role
 * with any policy), so `aws:CalledVia cloudformation.amazonaws.com` narrows nothing.
 */
function throughCloudFormation(clause: ConditionClause): boolean {
  const wildcards = parseConditionOperator(clause.operator)?.wildcards ?? false;
  const admits = (value: string) => (wildcards ? globCovers(value, CLOUDFORMATION, true) : value.toLowerCase() === CLOUDFORMATION);
  return CALLED_VIA_KEYS.has(clause.key.toLowerCase()) && clause.values.some(({ value }) => typeof value === 'string' && admits(value));
}

const CLOUDFORMATION = 'cloudformation.amazonaws.com';

/**
 * Whether a clause limits requests to the values it lists. Negated operators, `IfExists` on a key
 * the request may lack and `ForAllValues` (both true when the key is absent) and `Null` do not;
 * `Bool` does only when it requires `true` (`aws:ViaAWSService`).
 */
function positiveClauseVerdict(clause: ConditionClause): ValueVerdict {
  const operator = parseConditionOperator(clause.operator);
  if (!operator || operator.negated || operator.setQualifier === 'ForAllValues') return 'wildcard';
  if (operator.ifExists && keyMayBeAbsent(clause.key)) return 'wildcard';
  if (operator.family === 'Null' || clause.values.length === 0) return 'wildcard';
  if (operator.family === 'Bool') return clause.values.every((v) => String(v.value).toLowerCase() === 'true') ? 'narrow' : 'wildcard';
  return valuesVerdict(clause.key, operator, clause.values);
}

function unknownReason(values: readonly Located<PolicyScalar>[]): string {
  const unknown = values.find((v) => conditionValueVerdict(v.value) === 'unknown')?.value;
  const shown = unknown === undefined || typeof unknown !== 'object' ? '' : formatResolvedString(unknown);
  return `a value not known statically${shown ? `: ${shown}` : ''}`;
}

function holdsInEveryBranch(deny: DenyStatement): boolean {
  return deny.statement.effect === 'Deny' && deny.statement.when.length === 0 && deny.policy.when.length === 0;
}

/** Literal patterns only: a Deny whose action is not known statically proves nothing. */
function denyCoversAction(deny: Statement, action: ActionInfo | 'all'): boolean {
  const literal = (list: readonly Located<ResolvedString>[]) => list.flatMap((item) => (typeof item.value === 'string' ? [item.value] : []));
  if (deny.actions) {
    const patterns = literal(deny.actions);
    return action === 'all' ? patterns.some((p) => /^\*(:\*)?$/.test(p.trim())) : patterns.some((p) => actionPatternMatches(p, action));
  }
  if (deny.notActions) {
    // Deny everything except the listed actions: it covers an action the list does not name.
    if (action === 'all' || deny.notActions.some((item) => typeof item.value !== 'string')) return false;
    return !literal(deny.notActions).some((p) => actionPatternMatches(p, action));
  }
  return false;
}

/** What a Deny does to the grant of these actions: cancel it, leave only part of it, or nothing. */
function denyNarrowing(deny: DenyStatement, allow: Statement, actions: readonly ActionInfo[] | 'all'): Narrowing {
  const { statement } = deny;
  const where = `a Deny (statement ${statement.index} of ${policyLabel(deny.policy)})`;
  if (actions === 'all') {
    // Deny with NotAction leaves only the actions it lists on every resource: judged as a grant of those.
    if (statement.notActions && statement.conditions.length === 0 && coversEveryResource(statement, undefined)) {
      const left = statement.notActions.map((a) => formatResolvedString(a.value));
      const weighed = [`${where} of every action but ${left.join(', ')}`];
      switch (whatIsLeft(statement.notActions)) {
        case 'metadata':
          return { verdict: 'denied', weighed };
        case 'harmless':
          return { verdict: 'narrowed', weighed };
        default:
          return { verdict: 'open', weighed: [`${weighed[0]}, which leaves those on every resource`] };
      }
    }
    if (!denyCoversAction(statement, 'all')) return OPEN;
  } else if (actions.length === 0) {
    return OPEN;
  } else if (!actions.every((action) => denyCoversAction(statement, action))) {
    return partialDeny(deny, actions, where);
  }
  const probe = actions === 'all' ? undefined : actions;
  if (statement.conditions.length > 0) {
    return keyedDeny(statement, deny.policy, actions) ? { verdict: 'narrowed', weighed: [`${where} unless ${keyedDenyKeys(statement)}`] } : OPEN;
  }
  if (statement.notResources) {
    // A Deny of everything but resources that take in all the Allow reaches removes nothing from it.
    if (allow.resources && allow.resources.every((r) => spares(statement.notResources!, r.value))) return OPEN;
    const kept = statement.notResources.map((r) => formatResolvedString(r.value)).join(', ');
    // Every action on what is kept is still full control of it, as Action "*" written on those resources is.
    if (actions === 'all') return { verdict: 'open', weighed: [`${where} of every resource but ${kept}, which leaves every action on those`] };
    return { verdict: 'narrowed', weighed: [`${where} of every resource but ${kept}`] };
  }
  const covered = probe === undefined ? coversEveryResource(statement, undefined) : probe.every((action) => coversEveryResource(statement, action));
  return covered ? { verdict: 'denied', weighed: [where] } : OPEN;
}

/**
 * A Deny of some of the actions on every resource, with no condition, takes those out of the
 * grant. When all it leaves are listings and configuration reads (`Allow s3:*` with
 * `Deny NotAction: s3:ListAllMyBuckets`), nothing of the grant is worth reporting: it counts as
 * denied. Anything more left (a read of data, a write) and the grant stands as written.
 */
function partialDeny(deny: DenyStatement, actions: readonly ActionInfo[], where: string): Narrowing {
  const { statement } = deny;
  if (statement.conditions.length > 0) return OPEN;
  const left = actions.filter((action) => !(denyCoversAction(statement, action) && coversEveryResource(statement, action)));
  if (left.length === actions.length || !left.every(readsOnlyMetadata)) return OPEN;
  const shown = left.length > 3 ? `${left.slice(0, 3).map((a) => a.qualifiedName).join(', ')} and ${left.length - 3} more` : left.map((a) => a.qualifiedName).join(', ');
  return { verdict: 'denied', weighed: [`${where} of every action but ${shown}`] };
}

/**
 * What the actions a Deny's NotAction leaves amount to on every resource, as the rules would judge
 * them written out: only listings and configuration reads; actions that are no over-grant there
 * (ones that act on no resource, xray:PutTraceSegments, or reads the catalogues do not hold, iam:Get*);
 * or a grant that is one (a change to resources, data, credentials, escalation), which leaves the
 * statement as broad as it reads.
 */
function whatIsLeft(patterns: readonly Located<ResolvedString>[]): 'metadata' | 'harmless' | 'broad' {
  const expansions = patterns.map(({ value }) => (typeof value === 'string' ? expandActionPattern(value) : undefined));
  const actions = expansions.flatMap((expansion) => (expansion?.kind === 'actions' ? expansion.actions : []));
  if (expansions.some((expansion) => expansion?.kind !== 'actions')) return 'broad';
  if (actions.every(readsOnlyMetadata)) return 'metadata';
  return actions.some(mattersOnEveryResource) ? 'broad' : 'harmless';
}

function mattersOnEveryResource(action: ActionInfo): boolean {
  if (actionRisks(action).length > 0) return true;
  const changes = action.accessLevels.has('Write') || action.accessLevels.has('Permissions management') || action.accessLevels.has('Tagging');
  return changes && resourceScope(action) === 'resource-level';
}

/** Whether a NotResource list leaves the resource out of the Deny: "*", or a pattern written to take it in. */
function spares(notResources: readonly Located<ResolvedString>[], resource: ResolvedString): boolean {
  return notResources.some(({ value }) => /^\*+$/.test(formatResolvedString(value)) || writtenToTakeIn(value, resource));
}

function coversEveryResource(statement: Statement, action: ActionInfo | undefined): boolean {
  return (statement.resources ?? []).some((r) => coversEveryResourceHere(r.value, action));
}

/**
 * A conditional Deny narrows when each of its clauses denies requests whose narrowing key does
 * NOT have the listed values (`StringNotEquals aws:ResourceTag/team: web`): what is left allowed
 * is the resources that match. `IfExists` makes such a Deny stricter (it also denies when the
 * key is absent), so it counts too.
 */
function keyedDeny(statement: Statement, policy: Policy, actions: readonly ActionInfo[] | 'all'): boolean {
  return statement.conditions.every((clause) => {
    // What the clause leaves allowed, read as admission reads a Deny (ForAnyValue on an absent key never fires, ...).
    const left = parseConditionOperator(clause.operator)?.negated ? denyRequirement(clause) : undefined;
    return left?.verdict === 'narrow' && keyNarrowsWhat(clause.key, policy, actions);
  });
}

function keyedDenyKeys(statement: Statement): string {
  return statement.conditions.map((clause) => `${clause.key} matches`).join(' and ');
}

function policyLabel(policy: Policy): string {
  const name = policy.name === undefined ? undefined : formatResolvedString(policy.name);
  return name ?? policy.source.logicalId;
}
