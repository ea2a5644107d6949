import type { Rule } from './types';
import { docsUrl } from './docs';
import { isAllActions, isAllow } from './helpers/statements';
import { coversAllResources } from './helpers/resources';

const ID = 'full-admin';

/** Every action on every resource: the policy is an administrator, whatever its name says. */
export const fullAdmin: Rule = {
  meta: {
    id: ID,
    title: 'Full administrator access',
    defaultSeverity: 'error',
    rationale:
      'A statement that allows every action on every resource makes its principal an administrator of the account: it can read all data, change every policy and delete everything. Nothing in an application needs that.',
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
        const all = isAllow(statement) ? statement.actions?.find((a) => isAllActions(a.value)) : undefined;
        if (!all) return;
        if (!coversAllResources(statement)) return;
        const managed = policy.managed?.awsManagedName;
        context.report({
          policy,
          statement,
          at: managed ? policy.source.pointer : all.at,
          message: managed
            ? `AWS-managed policy ${managed} grants every action on every resource`
            : 'allows every action ("*") on every resource',
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
