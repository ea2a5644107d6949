import type { Policy } from '../extract/types';
import type { Rule } from './types';
import { docsUrl } from './docs';
import { arnParts, awsManagedPolicySnapshot } from '../iam';
import { display } from './helpers/statements';

const ID = 'unresolved-managed-policy';

/** Why the document could not be read, for the message. */
function reason(policy: Policy): string {
  const arn = policy.managed!.arn;
  if (typeof arn === 'object' && arn.kind === 'unknown') return `its ARN is not known statically (${arn.reason})`;
  const account = arnParts(arn)?.account;
  if (account === 'aws') return `it is not in the AWS-managed policy snapshot of ${awsManagedPolicySnapshot().snapshotDate.slice(0, 10)} (a newer, renamed or misspelt policy)`;
  return 'it is a customer-managed policy defined outside this template';
}

/** A managed policy or boundary whose document iamgate cannot read: its permissions go unchecked, never silently. */
export const unresolvedManagedPolicy: Rule = {
  meta: {
    id: ID,
    title: 'Managed policy that could not be analyzed',
    defaultSeverity: 'info',
    rationale:
      'A ManagedPolicyArns entry (or a SAM policy name, an SSO permission set\'s managed policy, a permissions boundary) whose document is neither in the template nor in the AWS-managed policy snapshot cannot be analyzed: whatever it grants is not checked. ' +
      'This is context, not a fault, so that an unchecked policy is never a silent pass: a customer-managed policy from another stack, an ARN built from a parameter, or an AWS-managed policy newer than the snapshot.',
    fix: 'Scan the stack that defines the policy together with this one, give the parameter a value (-p / --parameters-file), or define the policy in this template.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `ManagedPolicyArns:
  - !Ref SharedPolicyArn   # a parameter without default
  - !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/team-shared'`,
      good: `ManagedPolicyArns:
  - !Ref AppPolicy          # an AWS::IAM::ManagedPolicy in this template
  - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
    },
  },
  create(context) {
    return {
      policy(policy) {
        if ((policy.kind !== 'managed-policy-reference' && policy.kind !== 'boundary') || !policy.managed || policy.managed.resolved) return;
        const what = policy.kind === 'boundary' ? 'permissions boundary' : 'managed policy';
        context.report({
          policy,
          at: policy.source.pointer,
          message: `${what} ${display(policy.managed.arn)} is not analyzed: ${reason(policy)}`,
          resources: [display(policy.managed.arn)],
        });
      },
    };
  },
};
