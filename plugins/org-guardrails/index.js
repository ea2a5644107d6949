// @ts-check
/**
 * An example iamgate plugin: an organization's guardrails, as rules of the built-in shape.
 *
 * - org-forbidden-actions: no policy may grant actions the organization reserves (s3:DeleteBucket, ...).
 * - org-permissions-boundary: every role must have a permissions boundary (optionally a given one).
 * - org-trusted-accounts: trust and resource policies may only name the accounts on a list.
 *
 * Load it from iamgate.config.yml with `plugins: ['./plugins/org-guardrails']` and configure
 * each rule under `rules:` like a built-in one (README.md in this folder).
 */
'use strict';

const { formatResolvedString } = require('iamgate');

/** @typedef {import('iamgate').Rule} Rule */
/** @typedef {import('iamgate').Policy} Policy */
/** @typedef {import('iamgate').Statement} Statement */
/** @typedef {import('iamgate').ResolvedString} ResolvedString */

const DOCS = 'https://github.com/iamgate/iamgate/blob/main/plugins/org-guardrails/README.md';

const DEFAULT_FORBIDDEN = [
  's3:DeleteBucket',
  'cloudtrail:DeleteTrail',
  'cloudtrail:StopLogging',
  'organizations:LeaveOrganization',
];

/** IAM wildcards: `*` any run, `?` one character; actions compare case-insensitively. */
function wildcard(pattern) {
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'i');
}

/** @param {unknown} value @param {string[]} fallback @returns {string[]} */
function stringList(value, fallback) {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fallback;
}

/**
 * Whether an unconditional Deny of the same policy, present in every Fn::If branch, refuses the
 * action on every resource: then the Allow beside it never grants it.
 * @param {Policy} policy @param {string} action
 */
function deniedOutright(policy, action) {
  if (policy.when.length > 0) return false;
  return policy.statements.some(
    (s) =>
      s.effect === 'Deny' &&
      s.when.length === 0 &&
      s.conditions.length === 0 &&
      (s.actions ?? []).some((a) => typeof a.value === 'string' && wildcard(a.value).test(action)) &&
      (s.resources ?? []).some((r) => r.value === '*'),
  );
}

/**
 * The element that grants `action`: a matching Action entry, or the statement for a NotAction
 * that does not exclude it. Actions that are not literal (a parameter) cannot be judged.
 * @param {Statement} statement @param {string} action
 */
function grantOf(statement, action) {
  if (statement.actions) {
    const item = statement.actions.find((a) => typeof a.value === 'string' && wildcard(a.value).test(action));
    return item && { at: item.at, through: /** @type {string} */ (item.value) };
  }
  const excluded = (statement.notActions ?? []).some((a) => typeof a.value === 'string' && wildcard(a.value).test(action));
  return excluded ? undefined : { at: `${statement.at}/NotAction`, through: 'NotAction' };
}

/** @type {Rule} */
const forbiddenActions = {
  meta: {
    id: 'org-forbidden-actions',
    title: 'Action reserved by the organization',
    defaultSeverity: 'error',
    rationale:
      'Some actions are reserved for the platform team: deleting buckets, stopping CloudTrail, leaving the organization. An application policy that grants one, directly, through a wildcard such as s3:* or through NotAction, lets the workload (or whoever compromises it) do what the organization decided no workload does.',
    fix: 'Remove the action: list the actions the workload calls instead of a wildcard, or exclude the reserved ones with a Deny.',
    docsUrl: `${DOCS}#org-forbidden-actions`,
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: s3:*
    Resource: !GetAtt Data.Arn`,
      good: `Statement:
  - Effect: Allow
    Action: [s3:GetObject, s3:PutObject]
    Resource: !Sub '\${Data.Arn}/*'`,
    },
    options: { actions: `the reserved actions (default: ${DEFAULT_FORBIDDEN.join(', ')})` },
  },
  create(context) {
    const forbidden = stringList(context.options.actions, DEFAULT_FORBIDDEN);
    return {
      statement(statement, policy) {
        if (statement.effect !== 'Allow') return;
        for (const action of forbidden) {
          const grant = grantOf(statement, action);
          if (!grant || deniedOutright(policy, action)) continue;
          const managed = policy.managed?.awsManagedName;
          const through = grant.through === action ? '' : ` (through ${grant.through})`;
          context.report({
            policy,
            statement,
            at: managed ? policy.source.pointer : grant.at,
            message: `${managed ? `AWS-managed policy ${managed} grants` : 'grants'} ${action}${through}, which the organization reserves`,
            fix: `List the actions the workload needs without ${action}, or add a Deny for ${action}.`,
            actions: [action],
          });
        }
      },
    };
  },
};

/** @type {Rule} */
const permissionsBoundary = {
  meta: {
    id: 'org-permissions-boundary',
    title: 'Role without the permissions boundary',
    defaultSeverity: 'error',
    rationale:
      'A permissions boundary caps what a role can do whatever policies are attached to it later. Organizations that let teams create roles require one, so that no role can grant itself more than the boundary. A boundary chosen by Fn::If may be absent in some deployments and does not count.',
    fix: 'Set PermissionsBoundary on the role (in CDK: PermissionsBoundary.of(scope).apply(...)) to the organization boundary policy.',
    docsUrl: `${DOCS}#org-permissions-boundary`,
    examples: {
      bad: `Type: AWS::IAM::Role
Properties:
  AssumeRolePolicyDocument: {...}`,
      good: `Type: AWS::IAM::Role
Properties:
  AssumeRolePolicyDocument: {...}
  PermissionsBoundary: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/org-boundary'`,
    },
    options: {
      boundary: 'glob the boundary ARN must match, e.g. "arn:*:iam::*:policy/org-boundary" (default: any boundary)',
      exemptRoles: 'logical ids (globs) of roles that need no boundary',
    },
  },
  create(context) {
    const expected = typeof context.options.boundary === 'string' ? context.options.boundary : undefined;
    const exempt = stringList(context.options.exemptRoles, []).map(wildcard);
    return {
      stack(stack) {
        for (const role of stack.extraction.principals) {
          if (role.kind !== 'role' || exempt.some((pattern) => pattern.test(role.logicalId))) continue;
          const boundary = role.permissionsBoundary === undefined ? undefined : formatResolvedString(role.permissionsBoundary);
          const concrete = boundary?.replaceAll('${AWS::Partition}', 'aws');
          if (boundary !== undefined && (expected === undefined || [boundary, concrete].some((b) => wildcard(expected).test(b ?? '')))) continue;
          // Findings belong to a policy: the role's trust policy is always there.
          const policy = stack.extraction.policies.find((p) => p.source.logicalId === role.logicalId && p.kind === 'trust');
          if (!policy) continue;
          context.report({
            policy,
            at: `/Resources/${role.logicalId}`,
            message:
              boundary === undefined
                ? `role ${role.logicalId} has no permissions boundary in every deployment`
                : `role ${role.logicalId} has permissions boundary ${boundary}, not ${expected}`,
            fix: `Set PermissionsBoundary on ${role.logicalId}${expected ? ` to a policy matching ${expected}` : ''}.`,
          });
        }
      },
    };
  },
};

/**
 * The account a principal names: a literal id, this stack's own account, or not known.
 * @param {import('iamgate').Principal} principal
 * @returns {{ kind: 'literal', id: string } | { kind: 'own' } | { kind: 'unknown', text: string } | undefined}
 */
function accountOf(principal) {
  if (principal.type === 'unknown') return { kind: 'unknown', text: formatResolvedString(principal.value) };
  if (principal.type === 'iam-arn' && principal.ref) return { kind: 'own' };
  if (principal.type === 'iam-arn' && principal.account === undefined) return { kind: 'unknown', text: formatResolvedString(principal.arn) };
  const account = principal.type === 'account' || principal.type === 'iam-arn' ? principal.account : undefined;
  if (account === undefined) return undefined;
  if (typeof account === 'string') return { kind: 'literal', id: account };
  const only = account.kind === 'symbolic' && account.parts.length === 1 ? account.parts[0] : undefined;
  const own = typeof only === 'object' && only.kind === 'pseudo' && only.name === 'AWS::AccountId';
  return own ? { kind: 'own' } : { kind: 'unknown', text: formatResolvedString(account) };
}

/** @type {Rule} */
const trustedAccounts = {
  meta: {
    id: 'org-trusted-accounts',
    title: 'Account outside the organization list',
    defaultSeverity: 'error',
    rationale:
      'Trust and resource policies decide who outside the account can act on it. Organizations keep a list of the accounts that may be named there (their own accounts and vetted partners); any other account in a Principal is access nobody approved. A principal whose account cannot be known statically cannot be checked and is reported as a warning.',
    fix: 'Name only listed accounts, or get the account added to the organization list (the rule\'s accounts option, or trustedAccounts).',
    docsUrl: `${DOCS}#org-trusted-accounts`,
    examples: {
      bad: `Principal:
  AWS: arn:aws:iam::999988887777:root`,
      good: `Principal:
  AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'`,
    },
    options: { accounts: 'the account ids that may be named, besides the stack\'s own and trustedAccounts' },
  },
  create(context) {
    const allowed = new Set([...stringList(context.options.accounts, []), ...context.settings.trustedAccounts]);
    return {
      statement(statement, policy) {
        if (statement.effect !== 'Allow' || !statement.principals) return;
        for (const principal of statement.principals) {
          const account = accountOf(principal.value);
          if (!account || account.kind === 'own' || (account.kind === 'literal' && allowed.has(account.id))) continue;
          const unknown = account.kind === 'unknown';
          context.report({
            policy,
            statement,
            at: principal.at,
            severity: unknown ? 'warning' : undefined,
            message: unknown
              ? `names a principal whose account cannot be checked against the organization list: ${account.text}`
              : `names account ${account.id}, which is not on the organization list`,
            principals: [unknown ? account.text : account.id],
          });
        }
      },
    };
  },
};

module.exports = { rules: [forbiddenActions, permissionsBoundary, trustedAccounts] };
