import type { Rule } from './types';
import { docsUrl } from './docs';
import { isAllActions, isAllow } from './helpers/statements';
import { coversAllResources } from './helpers/resources';
import { grantsToPrincipal } from './helpers/over-grants';
import { describeNarrowing, narrowingFor, weighedSeverity } from './helpers/report-over-grants';
import { isAcceptedManagedPolicy } from './helpers/managed-policies';

const ID = 'full-admin';

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
      'A condition that narrows what the statement reaches (resource tags, aws:SourceArn, kms:ViaService, ...) or a Deny that leaves only some actions or resources lowers the finding to a warning, naming what was weighed; a Deny of everything clears it. ' +
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
        context.report({
          policy,
          statement,
          severity,
          at: managed ? policy.source.pointer : all.at,
          message:
            (managed ? `AWS-managed policy ${managed} grants every action on every resource` : 'allows every action ("*") on every resource') +
            describeNarrowing(narrowing),
          fix: managed
            ? `Replace ${managed} with a policy that lists the actions this principal needs, scoped to its resources.`
            : undefined,
          actions: ['*'],
          resources: ['*'],
        });
      },
    };
  },
};
