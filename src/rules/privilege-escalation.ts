import type { JsonPointer } from '../template/types';
import type { Policy, PrincipalEntity, PrincipalTarget, Statement } from '../extract/types';
import type { PrincipalPolicySet, Rule, RuleContext } from './types';
import { docsUrl } from './docs';
import { actionPatternMatches, actionServiceKey, getAction, privilegeEscalationCatalog, type ActionInfo, type PrivilegeEscalationMethod } from '../iam';
import { isAllActions, isAllow, keyPointer, summarizeList } from './helpers/statements';
import { formatResolvedString } from '../resolve';
import { coversAllResources, excludesEveryResource } from './helpers/resources';
import { appliesTo, reportedWildcard, resourceReach } from './helpers/over-grants';
import { actionElementCovering, actionEntries, singleActionMethod } from './helpers/actions';
import { isPassRole, namesPassedToService, passesTo, withoutPassedToService } from './helpers/pass-role';
import { overGrantVisitor, type OverGrantWording } from './helpers/over-grant-rule';
import { describeReach, narrowingFor } from './helpers/report-over-grants';
import { isAcceptedManagedPolicy } from './helpers/managed-policies';
import { groupResourceAdvice } from './helpers/suggest-resources';
import { actionScope, scopeMayReachService } from '../analysis/grants';

const ID = 'privilege-escalation';

function singleActionWording(context: RuleContext): OverGrantWording {
  return {
    baseSeverity: () => 'error',
    message: ({ grants, reach }) => {
      const method = singleActionMethod(grants[0]!.action);
      const names = summarizeList(grants.map((g) => g.action.qualifiedName));
      return `allows ${names} on ${describeReach(reach)}, which escalates privileges on its own${method ? `: ${method.explanation.replace(/\.$/, '')}` : ''}`;
    },
    fix: (group) =>
      `Scope it to the resources the workload manages, never its own policies or role: ${groupResourceAdvice(group, context.stack).text}; or drop the action and manage IAM in the template.`,
  };
}

/** Where a principal holds one action of a method. */
/** What closes the path: for PassRole methods, the roles passed (and the service, unless the grant already names it), or a split. */
function escalationFix(path: { method: { actions: readonly string[]; passRoleTo?: string }; holdings: ReadonlyMap<string, Holding> }): string {
  const { method } = path;
  if (method.passRoleTo === undefined) return `Scope ${summarizeList([...method.actions])} to the resources this principal manages, or split them between principals.`;
  const others = summarizeList(method.actions.filter((a) => a !== 'iam:PassRole'));
  const passRole = path.holdings.get('iam:PassRole');
  const namesService = passRole !== undefined && namesPassedToService(passRole.statement);
  return namesService
    ? `Scope iam:PassRole to the roles this principal must pass (its iam:PassedToService condition already admits ${method.passRoleTo}), or split ${others} into another principal.`
    : `Scope iam:PassRole to the roles this principal must pass and add Condition StringEquals iam:PassedToService: ${method.passRoleTo}, or split ${others} into another principal.`;
}

interface Holding {
  policy: Policy;
  statement: Statement;
  at: JsonPointer;
  /** A condition or Deny limits it (the method may still be open). */
  narrowed: boolean;
}

function literalPatterns(statement: Statement, key: 'actions' | 'notActions'): string[] | undefined {
  const list = statement[key];
  if (!list || list.some((item) => typeof item.value !== 'string')) return undefined;
  return list.map((item) => (item.value as string).trim());
}

/** The Action element (or the NotAction) that grants the action. */
function grantingElement(statement: Statement, action: ActionInfo): JsonPointer | undefined {
  const match = actionElementCovering(statement, action);
  if (match) return match.at;
  const excluded = literalPatterns(statement, 'notActions');
  return excluded && !excluded.some((pattern) => actionPatternMatches(pattern, action)) ? keyPointer(statement, 'NotAction') : undefined;
}

/**
 * The first place the principal holds the action: iam:PassRole on every role (for the method's
 * service), an action on existing resources on every resource, any other action on any resource.
 */
function holding(context: RuleContext, policies: readonly Policy[], action: ActionInfo, method: PrivilegeEscalationMethod): Holding | undefined {
  const passRole = isPassRole(action);
  const needsEvery = passRole || method.category === 'existing-resource-with-role';
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!isAllow(statement)) continue;
      const at = grantingElement(statement, action);
      if (!at) continue;
      const reaches = (statement.notResources !== undefined && !excludesEveryResource(statement)) || (needsEvery ? resourceReach(statement, action)?.verdict === 'star' : appliesTo(statement, action));
      if (!reaches || (passRole && !passesTo(statement, method.passRoleTo ?? ''))) continue;
      // Limiting the passed-to service is what makes a method apply to one service: it does not close it.
      const narrowing = narrowingFor([action], passRole ? withoutPassedToService(statement) : statement, policy, context.stack);
      if (narrowing.verdict === 'denied') continue;
      return { policy, statement, at, narrowed: narrowing.verdict !== 'open' };
    }
  }
  return undefined;
}

function isReportedAsBroader(held: Holding): boolean {
  if (held.at === keyPointer(held.statement, 'NotAction')) return true;
  const entry = actionEntries(held.statement).find((e) => e.item.at === held.at);
  return entry !== undefined && (entry.expansion?.kind === 'all-actions' || reportedWildcard(entry, held.statement) !== undefined);
}

function isFullAdmin(policies: readonly Policy[]): boolean {
  return policies.some((policy) =>
    policy.statements.some((s) => isAllow(s) && s.actions?.some((a) => isAllActions(a.value)) && coversAllResources(s)),
  );
}

function principalName(principal: PrincipalEntity | PrincipalTarget): string {
  if (principal.logicalId !== undefined) return `${principal.kind} ${principal.logicalId}`;
  return 'name' in principal && principal.name !== undefined ? `${principal.kind} ${formatResolvedString(principal.name)}` : `${principal.kind} (named)`;
}

interface OpenMethod {
  method: PrivilegeEscalationMethod;
  holdings: Map<string, Holding>;
}

/** Whether an Allow among the policies may name an action's service at all (by the prefix of a pattern, or through NotAction). */
function servicesHeld(policies: readonly Policy[]): (action: string) => boolean {
  const answers = new Map<string, boolean>();
  return (action) => {
    const service = actionServiceKey(action);
    let answer = answers.get(service);
    if (answer === undefined) {
      answer = policies.some((policy) => policy.statements.some((statement) => isAllow(statement) && scopeMayReachService(actionScope(statement), service)));
      answers.set(service, answer);
    }
    return answer;
  };
}

function openMethods(context: RuleContext, set: PrincipalPolicySet): OpenMethod[] {
  const policies = set.policies.filter((p) => p.kind !== 'managed-policy-reference' || !isAcceptedManagedPolicy(p, context.settings));
  if (isFullAdmin(policies)) return [];
  const open: OpenMethod[] = [];
  const mayHold = servicesHeld(policies);
  for (const method of privilegeEscalationCatalog().methods) {
    if (method.actions.length < 2) continue;
    const holdings = new Map<string, Holding>();
    for (const name of method.actions) {
      // Deciding first whether any Allow can name the service keeps the IAM data of services the principal never touches unloaded.
      const action = mayHold(name) ? getAction(name) : undefined;
      const held = action && holding(context, policies, action, method);
      if (!held) break;
      holdings.set(action.qualifiedName, held);
    }
    if (holdings.size < method.actions.length) continue;
    // A method wholly inside AWS-managed policies is aws-managed-broad's to report; one wholly
    // under reported wildcards (`cloudformation:*`) or NotAction is action-wildcard's or allow-with-not's.
    const held = [...holdings.values()];
    if (held.every((h) => h.policy.kind === 'managed-policy-reference') || held.every(isReportedAsBroader)) continue;
    open.push({ method, holdings });
  }
  return open;
}

function describeHolding(name: string, held: Holding): string {
  const where = held.policy.managed?.awsManagedName ?? (held.policy.name !== undefined && typeof held.policy.name === 'string' ? held.policy.name : held.policy.source.logicalId);
  return `${name} (${where})`;
}

/**
 * A policy no in-template principal holds (a customer-managed policy attached elsewhere, or to
 * roles named outside the template) gives its combinations to whoever holds it: it is a set of
 * its own.
 */
function heldOutsideTemplate(policy: Policy): { set: PrincipalPolicySet; holder: string } | undefined {
  if (policy.kind !== 'identity' || policy.attachedTo.some((target) => target.logicalId !== undefined)) return undefined;
  const [named] = policy.attachedTo;
  return {
    set: { principal: named ?? { kind: 'role' }, policies: [policy], boundaries: [] },
    holder: named ? principalName(named) : `whoever holds ${policy.source.logicalId}`,
  };
}

function reportCombinations(context: RuleContext, set: PrincipalPolicySet, holder = principalName(set.principal)): void {
  const open = openMethods(context, set);
  if (open.length === 0) return;
  const first = open[0]!;
  const entries = [...first.holdings.entries()];
  // Point at the grant the user wrote, iam:PassRole first when it is one.
  const [, anchor] = entries.find(([name, h]) => name === 'iam:PassRole' && h.policy.kind !== 'managed-policy-reference') ??
    entries.find(([, h]) => h.policy.kind !== 'managed-policy-reference')!;
  const narrowed = open.every((o) => [...o.holdings.values()].some((h) => h.narrowed));
  const titles = open.map((o) => o.method.title);
  context.report({
    policy: anchor.policy,
    statement: anchor.statement,
    at: anchor.at,
    severity: narrowed ? 'warning' : 'error',
    message:
      `${holder} holds ${summarizeList(entries.map(([name, h]) => describeHolding(name, h)))}, together a privilege-escalation path: ` +
      `${first.method.explanation.replace(/\.$/, '')}` +
      (titles.length > 1 ? ` (also open: ${summarizeList(titles.slice(1), 3)})` : '') +
      (narrowed ? '; a condition or Deny limits some of these grants' : ''),
    fix: escalationFix(first),
    actions: entries.map(([name]) => name),
  });
}

/** Single actions that escalate privileges on unconstrained resources, and combinations within one principal's policies. */
export const privilegeEscalation: Rule = {
  meta: {
    id: ID,
    title: 'Privilege escalation',
    defaultSeverity: 'error',
    rationale:
      'Some permissions let a principal give itself more permissions: rewriting or attaching policies (iam:CreatePolicyVersion, iam:PutRolePolicy, iam:AttachRolePolicy, iam:UpdateAssumeRolePolicy, ...), obtaining other users\' credentials (iam:CreateAccessKey, iam:CreateLoginProfile), or running code as a more privileged role (lambda:UpdateFunctionCode, ssm:SendCommand, ...). The privilege-escalation catalogue lists the methods with their sources (Rhino Security Labs, Bishop Fox, Cloudsplaining). ' +
      'A single action that escalates on its own is reported on the statement that grants it on unconstrained resources ("*" or an ARN that covers every resource of the type). ' +
      'Methods that need several actions (iam:PassRole with lambda:CreateFunction and lambda:InvokeFunction, with ec2:RunInstances, cloudformation:CreateStack, glue, sagemaker, ecs, codebuild, datapipeline, ...) are found on each in-template role, user or group across all the policies that apply to it (inline, AWS::IAM::Policy, customer- and AWS-managed, and a user\'s groups), and within each policy no in-template principal holds (a customer-managed policy attached elsewhere, a policy on a role named outside the template): iam:PassRole must reach every role and be allowed for the method\'s service, the other actions any resource they apply to. ' +
      'Methods held entirely through AWS-managed policies are aws-managed-broad\'s findings, a principal with "*" on every resource is full-admin\'s, and iam:PassRole alone is pass-role-unrestricted\'s. ' +
      'A narrowing condition, Deny or permissions boundary lowers a finding to a warning; a Deny of the action on every resource, or a boundary that allows none of it, clears it. Grants whose action or resource is not known statically are not combined. Only identity policies are read (inline, AWS::IAM::Policy, customer-managed and SAM policies, and AWS-managed ones within a principal\'s set); resource and trust policies are the cross-account and escalation-path rules\' concern.',
    fix: 'Keep IAM changes in the template instead of in the workload\'s permissions; scope iam:PassRole to named roles with iam:PassedToService; give the actions that create compute and the right to pass roles to different principals.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: iam:PutRolePolicy
    Resource: '*'
  - Effect: Allow
    Action: iam:PassRole
    Resource: '*'
  - Effect: Allow
    Action: [lambda:CreateFunction, lambda:InvokeFunction]
    Resource: '*'`,
      good: `Statement:
  - Effect: Allow
    Action: iam:PassRole
    Resource: !GetAtt FunctionRole.Arn
    Condition:
      StringEquals:
        iam:PassedToService: lambda.amazonaws.com
  - Effect: Allow
    Action: [lambda:CreateFunction, lambda:InvokeFunction]
    Resource: !Sub 'arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:jobs-*'`,
    },
  },
  create(context) {
    const single = overGrantVisitor(context, ID, singleActionWording(context));
    return {
      statement: single.statement,
      principal(set) {
        reportCombinations(context, set);
      },
      policy(policy) {
        const held = heldOutsideTemplate(policy);
        if (held) reportCombinations(context, held.set, held.holder);
      },
    };
  },
};
