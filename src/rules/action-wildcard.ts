import type { Policy, Statement } from '../extract/types';
import type { Rule, RuleContext, Severity, StackAnalysis } from './types';
import { docsUrl } from './docs';
import { isEffectivelyStar, resourceScope, strongestAccessLevel, type ActionInfo } from '../iam';
import { display, displayAll, isAllActions, isAllow, summarizeList } from './helpers/statements';
import { coversAllResources, excludesEveryResource } from './helpers/resources';
import { actionEntries } from './helpers/actions';
import { grantsToPrincipal, isAwsWrittenGrant, ownerOf, resourceReach, reportedWildcard, type WildcardGrant } from './helpers/over-grants';
import { describeNarrowing, narrowingFor, weighedSeverity } from './helpers/report-over-grants';
import { allActionsAdvice, intendedExpansion, wildcardAdvice, type WildcardAdvice } from './helpers/suggest-actions';
import { resourceAdvice } from './helpers/suggest-resources';
import { isSamPolicyTemplate } from './helpers/validity';
import { protectedName, statementAdmissions } from './helpers/access-policies';

const ID = 'action-wildcard';

/**
 * Permissions management or escalation on any resource is an error, and so is a service-wide
 * wildcard that changes resources: it grants every current and future action of the service on
 * them (`logs:*` deletes the log groups it names). One whose changes all act on no resource
 * (`ssmmessages:*`, the SSM agent's channels) is a warning. A partial wildcard is as severe as its
 * actions would be written out on the resources it reaches, since the other rules leave them to
 * this finding: a change, credentials or data on unconstrained resources is an error (a warning
 * where the resource is not known statically); within named resources (CDK's `s3:DeleteObject*`,
 * `kms:ReEncrypt*`) it adds no new target, so it is context.
 */
function baseSeverity(grant: WildcardGrant, statement: Statement): Severity {
  if (grant.levels.includes('Permissions management') || grant.escalating.length > 0) return 'error';
  if (grant.serviceWide) {
    const changes = grant.actions.some((action) => (action.accessLevels.has('Write') || action.accessLevels.has('Tagging')) && resourceScope(action) === 'resource-level');
    return changes ? 'error' : 'warning';
  }
  const reaches = grant.actions.filter(mattersUnconstrained).map((action) => resourceReach(statement, action)?.verdict);
  if (reaches.includes('star')) return 'error';
  return reaches.includes('unknown') ? 'warning' : 'info';
}

/** A change to a resource it names, or credentials or data it returns: what a grant on every resource of the type must not give. */
function mattersUnconstrained(action: ActionInfo): boolean {
  if (resourceScope(action) !== 'resource-level') return false;
  const owner = ownerOf(action);
  return owner === 'credentials-exposure' || owner === 'data-exfiltration' || strongestAccessLevel(action.accessLevels) === 'Write';
}

/** In a resource policy `"*"` is the resource the policy protects. */
function reachedResources(statement: Statement, policy: Policy): string {
  if (coversAllResources(statement)) return isResourcePolicy(policy) ? protectedName(policy) : 'every resource';
  return summarizeList(displayAll(statement.resources));
}

function isResourcePolicy(policy: Policy): boolean {
  return policy.kind === 'resource' || policy.kind === 'permission-grant';
}

/**
 * Who a resource policy's wildcard is for decides whether it is this rule's: named roles, users
 * and AWS services get every matching action on the resource with no IAM policy needed, and so
 * does "*" pinned by a condition to an account, organization, source or network (every principal
 * of this account, for one); an account root hands the choice to that account's IAM policies (the
 * KMS key-policy statement that gives "kms:*" to the root is standard), and anyone or another
 * whole account is public-access's and cross-account-access's.
 */
function grantsNamedPrincipals(statement: Statement, policy: Policy, context: RuleContext): boolean {
  return statementAdmissions(statement, policy, context.settings).some(
    ({ class: cls, reach }) =>
      reach.kind !== 'none' &&
      ((cls.kind === 'account' && !cls.whole) || cls.kind === 'aws-service' || (cls.kind === 'anyone' && reach.kind !== 'anyone' && reach.kind !== 'unknown')),
  );
}

/**
 * The partial wildcards AWS's default key policy gives a key's administrators. On named keys they
 * are how AWS writes key administration, whether in the key policy or, as CDK's Key.grantAdmin
 * writes them, in the administrator's own policy.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators
 */
const KEY_ADMINISTRATION: ReadonlySet<string> = new Set(
  ['Create', 'Describe', 'Enable', 'List', 'Put', 'Update', 'Revoke', 'Disable', 'Get', 'Delete'].map((verb) => `kms:${verb.toLowerCase()}*`),
);

function administersNamedKeys(grant: WildcardGrant, statement: Statement): boolean {
  const resources = statement.resources ?? [];
  return KEY_ADMINISTRATION.has(grant.pattern.toLowerCase()) && resources.length > 0 && resources.every(({ value }) => isEffectivelyStar(value) === 'narrow');
}

function riskNote(grant: WildcardGrant): string {
  if (grant.escalating.length > 0) {
    return `, including privilege-escalation actions ${summarizeList(grant.escalating.map((a) => a.qualifiedName), 3)}`;
  }
  const managing = grant.actions.filter((a) => a.accessLevels.has('Permissions management'));
  return managing.length > 0 ? `, including Permissions management actions ${summarizeList(managing.map((a) => a.qualifiedName), 3)}` : '';
}

function reportWildcard(context: RuleContext, grant: WildcardGrant, statement: Statement, policy: Policy): void {
  // In a resource policy, conditions that pin the caller say who gets every action, not that fewer are granted.
  const narrowing = narrowingFor(grant.actions, statement, policy, context.stack, !isResourcePolicy(policy));
  const severity = weighedSeverity(baseSeverity(grant, statement), narrowing);
  if (!severity) return;
  const count = grant.actions.length === grant.expansion.length ? `${grant.actions.length}` : `${grant.actions.length} of its ${grant.expansion.length}`;
  const plural = grant.actions.length === 1 ? 'action' : 'actions';
  context.report({
    policy,
    statement,
    severity,
    at: grant.entry.item.at,
    message:
      `"${grant.pattern}" allows ${count} ${plural} (${grant.levels.join(', ')}) on ${reachedResources(statement, policy)}` +
      riskNote(grant) +
      describeNarrowing(narrowing),
    ...withScopedResource(wildcardAdvice(grant, ID), grant, statement, policy, context.stack),
    actions: [grant.pattern],
    resources: displayAll(statement.resources),
  });
}

/**
 * On every resource, the list of actions alone still reaches every resource of them: the fix
 * names what to scope Resource to for the listed actions as well (resource-wildcard leaves these
 * actions to this finding).
 */
function withScopedResource(advice: WildcardAdvice, grant: WildcardGrant, statement: Statement, policy: Policy, stack: StackAnalysis): WildcardAdvice {
  if (!coversAllResources(statement) || isResourcePolicy(policy)) return advice;
  return { ...advice, fix: `${advice.fix} Then scope Resource "*" to ${resourceAdvice(intendedExpansion(grant).actions, stack, policy).text}.` };
}

/** `Action: "*"` on resources narrower than every resource (on every resource it is full-admin's). */
function reportAllActions(context: RuleContext, statement: Statement, policy: Policy, stack: StackAnalysis): void {
  const all = statement.actions?.find((a) => isAllActions(a.value));
  if (!all || excludesEveryResource(statement)) return;
  if (policy.kind === 'identity' && coversAllResources(statement)) return;
  const narrowing = narrowingFor('all', statement, policy, stack, !isResourcePolicy(policy));
  const unknown = (statement.resources ?? []).find((r) => typeof r.value !== 'string' && r.value.kind === 'unknown');
  const severity = weighedSeverity('error', narrowing);
  if (!severity) return;
  const resources = displayAll(statement.resources);
  const target =
    policy.kind === 'trust'
      ? ' to the trusted principals (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity, ...)'
      : resources.length > 0
        ? ` on ${reachedResources(statement, policy)}`
        : '';
  context.report({
    policy,
    statement,
    severity,
    at: all.at,
    message:
      `allows every action ("*")${target}` +
      (unknown ? ` (${display(unknown.value)} is not known statically and may be "*")` : '') +
      describeNarrowing(narrowing),
    ...(policy.kind === 'trust'
      ? { fix: 'Allow only the action the principal needs to assume the role: sts:AssumeRole (sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML for federation).' }
      : allActionsAdvice(statement, all.at, ID)),
    actions: ['*'],
    resources,
  });
}

/** `*`, `svc:*` and partial wildcards (`s3:Put*`) that reach Write or Permissions management actions. */
export const actionWildcard: Rule = {
  meta: {
    id: ID,
    title: 'Wildcard actions',
    defaultSeverity: 'error',
    rationale:
      'A wildcard in Action grants every matching action, including ones the workload never calls and ones AWS adds later. ' +
      'Action "*" allows every action of every service: even on one resource it is full control of it (on every resource it is full-admin\'s finding). ' +
      'A service-wide "svc:*" is an error when it reaches Permissions management (changing who may access a resource), privilege-escalation actions, or any Write or Tagging action on resources ("logs:*" on a log group deletes it, and takes every action AWS adds later); one whose changes all act on no resource (the SSM agent\'s "ssmmessages:*") is a warning. A partial wildcard such as "s3:Put*" is an error when it reaches Permissions management or privilege-escalation actions, and otherwise as severe as its actions written out on the resources it reaches: a Write, or an action that returns credentials or data (sts:Assume* is sts:AssumeRole), on every resource of its type is an error (a warning where the resource is not known statically), and Write actions of named resources only (CDK\'s "s3:DeleteObject*", "kms:ReEncrypt*") are info, since the wildcard adds no new target. ' +
      'Only the actions the statement\'s resources let it act on are counted: the message gives the access levels and how many actions the wildcard allows. ' +
      'Read and List wildcards such as "s3:Get*" are not reported here; on unconstrained resources they are resource-wildcard\'s and data-exfiltration\'s findings. ' +
      'This rule reads identity policies, Action "*" in trust policies, and service-wide wildcards in resource policies where they name roles, users or AWS services, or Principal "*" pinned by a condition to an account, organization, source or network: those get every action of the service on the resource with no IAM policy needed (a bucket policy giving an application role, or every principal of the account, "s3:*" lets it rewrite the bucket policy or delete the bucket), and the condition that pins who they are does not lower the finding; partial wildcards there are left alone, as AWS\'s default key policy gives its key administrators kms:Create*, kms:Put* and the like, and those key-administrator wildcards on named keys are left alone in an identity policy too (CDK\'s Key.grantAdmin writes them there); a SAM policy template\'s actions are AWS\'s (SQSSendMessagePolicy writes sqs:SendMessage*) and are not reported either. A resource policy\'s grant to an account root hands the choice to that account\'s IAM policies (the KMS key-policy statement that gives "kms:*" to the root is standard) and is not reported; grants to anyone or to another whole account are public-access\'s and cross-account-access\'s. ' +
      'Every action a reported wildcard covers belongs to this finding: the resource-wildcard, data-exfiltration, credentials-exposure, resource-exposure and privilege-escalation rules do not report them again. ' +
      'A narrowing condition, Deny or permissions boundary lowers the finding and says why; a Deny of the actions on every resource (or of all of them but listings and configuration reads), or a boundary that allows none of them, clears it.',
    fix: 'List the actions the workload calls. Start from the access level it needs (read, write) and the service.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: 's3:*'
    Resource: !Sub '\${DataBucket.Arn}/*'`,
      good: `Statement:
  - Effect: Allow
    Action: [s3:GetObject, s3:PutObject]
    Resource: !Sub '\${DataBucket.Arn}/*'`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (!isAllow(statement)) return;
        if (policy.kind === 'trust') {
          reportAllActions(context, statement, policy, context.stack);
          return;
        }
        const applies = isResourcePolicy(policy) ? grantsNamedPrincipals(statement, policy, context) : grantsToPrincipal(policy, context.stack);
        // A SAM policy template's actions are AWS's (SQSSendMessagePolicy's sqs:SendMessage*): the user cannot list them otherwise.
        if (!applies || isAwsWrittenGrant(statement, policy) || isSamPolicyTemplate(policy)) return;
        reportAllActions(context, statement, policy, context.stack);
        for (const entry of actionEntries(statement)) {
          const grant = reportedWildcard(entry, statement);
          // AWS's default key policy gives its key administrators partial wildcards (kms:Create*, kms:Put*, ...): only "svc:*" is reported in a resource policy.
          if (!grant || (!grant.serviceWide && (isResourcePolicy(policy) || administersNamedKeys(grant, statement)))) continue;
          reportWildcard(context, grant, statement, policy);
        }
      },
    };
  },
};
