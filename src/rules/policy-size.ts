import type { Policy, PrincipalTarget } from '../extract/types';
import type { Rule, RuleContext, StackAnalysis } from './types';
import { docsUrl } from './docs';
import { display, summarizeList } from './helpers/statements';
import { documentLength } from './helpers/document-size';

const ID = 'policy-size';

/**
 * IAM's character quotas, white space not counted
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
const INLINE_QUOTA: Readonly<Record<PrincipalTarget['kind'], number>> = { role: 10_240, user: 2_048, group: 5_120 };
const MANAGED_POLICY_QUOTA = 6_144;
const TRUST_POLICY_QUOTA = 2_048;

const count = (n: number): string => n.toLocaleString('en-US');

function policyName(policy: Policy): string {
  return policy.name !== undefined ? display(policy.name) : policy.source.logicalId;
}

function trustQuota(context: RuleContext): number {
  const value = context.options.trustPolicyQuota;
  return typeof value === 'number' && value > 0 ? value : TRUST_POLICY_QUOTA;
}

function reportDocument(context: RuleContext, policy: Policy, quota: number, what: string): void {
  const size = documentLength(policy);
  if (size <= quota) return;
  context.report({
    policy,
    at: policy.source.pointer,
    message: `${what} ${policyName(policy)} has at least ${count(size)} characters without white space; IAM's quota is ${count(quota)}, so the deployment fails`,
  });
}

function targetKey(target: PrincipalTarget): string | undefined {
  if (target.logicalId !== undefined) return `${target.kind}\u0000${target.logicalId}`;
  return target.name !== undefined && typeof target.name === 'string' ? `${target.kind}\u0000name:${target.name}` : undefined;
}

/** Inline policies of each role, user or group that are there in every branch, with their sizes. */
function inlinePolicies(stack: StackAnalysis): Map<string, { target: PrincipalTarget; policies: { policy: Policy; size: number }[] }> {
  const byTarget = new Map<string, { target: PrincipalTarget; policies: { policy: Policy; size: number }[] }>();
  for (const policy of stack.extraction.policies) {
    if (policy.kind !== 'identity' || policy.source.resourceType === 'AWS::IAM::ManagedPolicy' || policy.when.length > 0) continue;
    const size = documentLength(policy);
    for (const target of policy.attachedTo) {
      const key = targetKey(target);
      if (key === undefined) continue;
      const entry = byTarget.get(key) ?? { target, policies: [] };
      entry.policies.push({ policy, size });
      byTarget.set(key, entry);
    }
  }
  return byTarget;
}

/** Policy documents over IAM's size quotas: the deployment fails. */
export const policySize: Rule = {
  meta: {
    id: ID,
    title: 'Policy over IAM\'s size quota',
    defaultSeverity: 'error',
    rationale:
      'IAM limits policy documents by their characters without white space: the inline policies of a role may add up to 10,240, of a user 2,048, of a group 5,120; a managed policy may have 6,144; a role trust policy 2,048 unless the account\'s quota was raised (up to 8,192). A stack over a quota fails to deploy, usually late, after other resources were created. ' +
      'Sizes are computed from the resolved documents and rounded down wherever a value is not known statically (a parameter counts as empty, a resource name as one character), so a reported size is certainly over. AWS::IAM::Policy resources are inline policies of each role, user and group they name; SAM\'s generated policies are inline policies of the function\'s role. ' +
      'Source: IAM and AWS STS quotas, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html.',
    fix: 'Split the permissions into customer-managed policies (up to 10 per role by default, 6,144 characters each), merge statements that share actions or resources, or use wildcards only where they stay narrow (a common ARN prefix).',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# 40 statements, each listing the same 25 actions on a different table:
# more than 10,240 characters of inline policy on one role`,
      good: `Statement:
  - Effect: Allow
    Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]
    Resource: !Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/orders-*'`,
    },
    options: {
      trustPolicyQuota: 'The account\'s role trust policy quota, if raised from the default 2,048 characters (at most 8,192).',
    },
  },
  create(context) {
    return {
      stack(stack) {
        for (const policy of stack.extraction.policies) {
          if (policy.kind === 'trust') reportDocument(context, policy, trustQuota(context), 'trust policy of');
          else if (policy.kind === 'identity' && policy.source.resourceType === 'AWS::IAM::ManagedPolicy') {
            reportDocument(context, policy, MANAGED_POLICY_QUOTA, 'managed policy');
          }
        }
        for (const { target, policies } of inlinePolicies(stack).values()) {
          const quota = INLINE_QUOTA[target.kind];
          const total = policies.reduce((sum, p) => sum + p.size, 0);
          if (total <= quota) continue;
          const largest = policies.reduce((a, b) => (b.size > a.size ? b : a));
          const name = target.logicalId ?? (target.name !== undefined ? display(target.name) : target.kind);
          context.report({
            policy: largest.policy,
            at: largest.policy.source.pointer,
            message:
              `the inline policies of ${target.kind} ${name} add up to at least ${count(total)} characters without white space ` +
              `(${summarizeList(policies.map((p) => `${policyName(p.policy)}: ${count(p.size)}`))}); IAM's quota is ${count(quota)}, so the deployment fails`,
            principals: [name],
          });
        }
      },
    };
  },
};
