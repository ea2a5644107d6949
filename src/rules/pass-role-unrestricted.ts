import type { Policy, Statement } from '../extract/types';
import type { Rule, RuleContext } from './types';
import { docsUrl } from './docs';
import { getAction } from '../iam';
import { displayAll, summarizeList } from './helpers/statements';
import { actionEntries, entryActions } from './helpers/actions';
import { isPassRole, namesPassedToService } from './helpers/pass-role';
import { isOverGrantCandidate, overGrants, reportedWildcard } from './helpers/over-grants';
import { reportOwnedOverGrants, type OverGrantWording } from './helpers/over-grant-rule';
import { describeReach } from './helpers/report-over-grants';
import { narrowerResourcesFor } from './helpers/suggest-resources';

const ID = 'pass-role-unrestricted';

/** The template's roles, the principal's own aside, as the narrower alternative to "*". */
function roleAdvice(context: RuleContext, policy: Policy): string {
  const passRole = getAction('iam:PassRole');
  const roles = passRole ? narrowerResourcesFor([passRole], context.stack, policy).arns.slice(0, 2).map((arn) => arn.written) : [];
  return roles.length > 0 ? ` (roles this template names: ${roles.join(', ')})` : '';
}

function wording(context: RuleContext): OverGrantWording {
  return {
    baseSeverity: () => 'error',
    message: ({ reach }) =>
      `allows iam:PassRole on ${describeReach(reach)}: the principal can hand any role, an administrator's included, to a service that then acts with it`,
    fix: ({ policy, statement }) =>
      namesPassedToService(statement)
        ? `Name the roles the workload passes${roleAdvice(context, policy)}: its iam:PassedToService condition limits the services, not which roles go to them.`
        : `Name the roles the workload passes${roleAdvice(context, policy)} and add Condition StringEquals iam:PassedToService with the service that receives them (e.g. lambda.amazonaws.com).`,
  };
}

/** PassRole on named roles without `iam:PassedToService`: the roles may go to any service. */
function reportScopedPassRole(context: RuleContext, statement: Statement, policy: Policy): void {
  if (!isOverGrantCandidate(statement, policy, context.stack) || namesPassedToService(statement)) return;
  if (overGrants(statement).some((grant) => grant.owner === ID)) return;
  const entry = actionEntries(statement).find((e) => !reportedWildcard(e, statement) && entryActions(e).some(isPassRole));
  if (!entry) return;
  const roles = displayAll(statement.resources);
  context.report({
    policy,
    statement,
    severity: 'info',
    at: entry.item.at,
    message: `allows iam:PassRole on ${summarizeList(roles)} to any service (no iam:PassedToService condition)`,
    fix: 'Add Condition StringEquals iam:PassedToService naming the service that receives the role (e.g. ecs-tasks.amazonaws.com), so it cannot be handed to another one.',
    actions: ['iam:PassRole'],
    resources: roles,
  });
}

/** `iam:PassRole` on every role, or without saying which service may receive the role. */
export const passRoleUnrestricted: Rule = {
  meta: {
    id: ID,
    title: 'iam:PassRole on every role or to any service',
    defaultSeverity: 'error',
    rationale:
      'iam:PassRole lets a principal give a role to a service (a Lambda function, an EC2 instance, a CloudFormation stack) that then acts with that role\'s permissions. On "*" (or every role of an account) the principal can pass an administrator role to code it controls: the usual first step of privilege escalation. ' +
      'The iam:PassedToService condition limits which service may receive the roles: with it the finding is a warning; other narrowing conditions (iam:ResourceTag, ...) and narrowing Denies lower it the same way, and a role ARN not known statically is a warning too. ' +
      'PassRole on named roles without iam:PassedToService is info: only the roles\' own trust policies then decide which services may receive them. ' +
      'This rule owns iam:PassRole on unconstrained resources (resource-wildcard does not report it); combinations of PassRole with the actions that create compute are privilege-escalation\'s findings, on the principal that holds them all. Only identity policies are read.',
    fix: 'Name the roles the workload passes (!GetAtt TaskRole.Arn) and add Condition StringEquals iam:PassedToService with the service that receives them.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: iam:PassRole
    Resource: '*'`,
      good: `Statement:
  - Effect: Allow
    Action: iam:PassRole
    Resource: !GetAtt TaskRole.Arn
    Condition:
      StringEquals:
        iam:PassedToService: ecs-tasks.amazonaws.com`,
    },
  },
  create(context) {
    const words = wording(context);
    return {
      statement(statement, policy) {
        reportOwnedOverGrants(context, ID, words, statement, policy);
        reportScopedPassRole(context, statement, policy);
      },
    };
  },
};
