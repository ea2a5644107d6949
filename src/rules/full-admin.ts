import type { Policy, Statement } from '../extract/types';
import type { Rule, StackAnalysis } from './types';
import { docsUrl } from './docs';
import { isAllActions, isAllow, summarizeList } from './helpers/statements';
import { coversAllResources } from './helpers/resources';
import { grantsToPrincipal } from './helpers/over-grants';
import { describeNarrowing, narrowingFor, weighedSeverity } from './helpers/report-over-grants';
import { isAcceptedManagedPolicy } from './helpers/managed-policies';
import { ownResourcesAdvice } from './helpers/suggest-resources';
import { assumedBy } from './helpers/assuming-services';

const ID = 'full-admin';

/**
 * The literal actions the same principals get from their other statements (and the other
 * `Fn::If` branches of this one): the clearest sign of what the workload calls.
 */
function grantedElsewhere(statement: Statement, policy: Policy, stack: StackAnalysis): string[] {
  const sets = stack.principals.filter((set) => set.policies.includes(policy));
  const policies = new Set(sets.length > 0 ? sets.flatMap((set) => set.policies) : [policy]);
  const names = new Set<string>();
  for (const other of policies) {
    if (other.kind === 'managed-policy-reference') continue;
    for (const s of other.statements) {
      if (s === statement || !isAllow(s)) continue;
      for (const { value } of s.actions ?? []) if (typeof value === 'string' && !isAllActions(value)) names.add(value);
    }
  }
  return [...names].sort();
}

/** Every action on every resource: the policy is an administrator, whatever its name says. */
export const fullAdmin: Rule = {
  meta: {
    id: ID,
    title: 'Full administrator access',
    defaultSeverity: 'error',
    rationale:
      'A statement that allows every action on every resource makes its principal an administrator of the account: it can read all data, change every policy and delete everything. Nothing in an application needs that. ' +
      'The rule reads identity policies (inline, AWS::IAM::Policy, customer-managed and SAM policies) and the AWS-managed policies attached to principals (AdministratorAccess); "every resource" is "*", NotResource, or an ARN whose service and resource are wildcards ("arn:aws:*:*:*:*", also within one region). ' +
      'Resource policies are left to the public and cross-account rules ("*" there means "this resource"), and permissions boundaries are ceilings, not grants. ' +
      'A condition that narrows what the statement reaches (resource tags, aws:SourceArn, kms:ViaService, ...), a Deny with such a condition, or a permissions boundary that leaves only some actions or resources lowers the finding to a warning, naming what was weighed; a Deny of everything clears it, and so does one of everything but listings and configuration reads. Calls that must come through CloudFormation (aws:CalledVia cloudformation.amazonaws.com, or a pattern it matches) are not fewer: a stack can create any resource, an administrator role among them. A Deny of every action but some (NotAction) is judged by what it leaves, as the other rules judge those actions written out on every resource: actions that change resources or read data or credentials on every resource (iam:*, ec2:StartInstances, s3:GetObject) keep the error, and the message names what is left; actions that are no over-grant there (xray:PutTraceSegments, iam:Get*) lower it to a warning. A Deny of every resource but some (NotResource) does not lower it: every action on every role is as much an administrator. A boundary counts when every principal the policy applies to has one, in every Fn::If branch, with a document known statically. ' +
      'Action "*" on narrower resources is action-wildcard\'s finding, and an AWS-managed policy listed in allowedManagedPolicies is accepted.',
    fix: 'List the actions the workload calls and scope them to the resources it owns; for humans, use SSO permission sets with job-function policies.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Policies:
  - PolicyName: everything
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Action: '*'
          Resource: '*'
ManagedPolicyArns:
  - arn:aws:iam::aws:policy/AdministratorAccess`,
      good: `Policies:
  - PolicyName: deploy-app
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Action: [cloudformation:CreateChangeSet, cloudformation:ExecuteChangeSet]
          Resource: !Sub 'arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:stack/app-*/*'`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        const managed = policy.managed?.awsManagedName;
        const applies = policy.kind === 'managed-policy-reference' ? !isAcceptedManagedPolicy(policy, context.settings) : grantsToPrincipal(policy, context.stack);
        if (!applies || !isAllow(statement)) return;
        const all = statement.actions?.find((a) => isAllActions(a.value));
        if (!all || !coversAllResources(statement)) return;
        const narrowing = narrowingFor('all', statement, policy, context.stack);
        const severity = weighedSeverity('error', narrowing);
        if (!severity) return;
        const own = ownResourcesAdvice(context.stack, policy);
        const elsewhere = grantedElsewhere(statement, policy, context.stack);
        const hint = elsewhere.length > 0 ? `; its other statements grant ${summarizeList(elsewhere)}: start from those` : '';
        const services = assumedBy(policy, context.stack);
        const calls = services.length > 0 ? `what ${summarizeList(services)} calls with this role` : 'the actions this principal calls';
        const scoped =
          own || hint || services.length > 0
            ? `List ${calls} and scope it to ${own ? own.text : 'the resources it works on'}${hint} (\`iamgate generate\` writes the statements from access levels)`
            : undefined;
        context.report({
          policy,
          statement,
          severity,
          at: managed ? policy.source.pointer : all.at,
          message:
            (managed ? `AWS-managed policy ${managed} grants every action on every resource` : 'allows every action ("*") on every resource') +
            describeNarrowing(narrowing),
          fix: managed
            ? `Replace ${managed} with a policy that lists ${services.length > 0 ? calls : 'the actions this principal needs'}, scoped to ${own ? own.text : 'its resources'}${hint}.`
            : scoped && `${scoped}; for humans, use SSO permission sets with job-function policies.`,
          suggestion: own?.suggestion,
          actions: ['*'],
          resources: ['*'],
        });
      },
    };
  },
};
