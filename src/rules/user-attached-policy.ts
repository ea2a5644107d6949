import type { JsonPointer } from '../template/types';
import type { Policy, PrincipalTarget } from '../extract/types';
import type { Rule, StackAnalysis } from './types';
import { docsUrl } from './docs';
import { formatPointer } from '../template';
import { display, summarizeList } from './helpers/statements';

const ID = 'user-attached-policy';

/** The property that names the users, on resources that attach a policy to principals they list. */
const USERS_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::IAM::Policy': 'Users',
  'AWS::IAM::ManagedPolicy': 'Users',
  'AWS::IAM::UserPolicy': 'UserName',
};

function userName(target: PrincipalTarget): string {
  return target.logicalId ?? (target.name !== undefined ? display(target.name) : 'a user');
}

/**
 * Users a policy attaches to by its own properties. An in-template managed policy attached from
 * the user's ManagedPolicyArns is reported at that entry instead.
 */
function directUsers(policy: Policy, stack: StackAnalysis): PrincipalTarget[] {
  const users = policy.attachedTo.filter((target) => target.kind === 'user');
  if (policy.source.resourceType !== 'AWS::IAM::ManagedPolicy') return users;
  const viaReference = stack.extraction.policies.filter(
    (p) => p.kind === 'managed-policy-reference' && p.managed?.logicalId === policy.source.logicalId,
  );
  return users.filter((user) => !viaReference.some((ref) => ref.attachedTo.some((t) => t.kind === 'user' && t.logicalId === user.logicalId && t.logicalId !== undefined)));
}

/** The Users property that attaches it, or the user's own `Policies` entry rather than the document in it. */
function attachmentPointer(policy: Policy): JsonPointer {
  const { logicalId, propertyPath } = policy.source;
  const property = USERS_PROPERTY[policy.source.resourceType];
  if (property) return `/Resources${formatPointer([logicalId, 'Properties', property])}`;
  if (propertyPath[propertyPath.length - 1] === 'PolicyDocument') return `/Resources${formatPointer([logicalId, ...propertyPath.slice(0, -1)])}`;
  return policy.source.pointer;
}

/** Permissions given to IAM users one by one instead of through groups or roles. */
export const userAttachedPolicy: Rule = {
  meta: {
    id: ID,
    title: 'Policy attached directly to a user',
    defaultSeverity: 'warning',
    rationale:
      'Permissions attached to individual IAM users (inline Policies, ManagedPolicyArns, AWS::IAM::Policy or ManagedPolicy with Users, AWS::IAM::UserPolicy) drift apart user by user and are hard to review or revoke; AWS recommends granting through groups, or better, roles assumed through federation, so that long-term user credentials are not needed at all. ' +
      'An in-template managed policy attached from a user\'s ManagedPolicyArns is reported once, at that entry. What the policy grants is judged by the other rules.',
    fix: 'Attach the policy to a group and add the users to it, or replace the users with roles assumed through SSO.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Deployer:
  Type: AWS::IAM::User
  Properties:
    ManagedPolicyArns:
      - !Ref DeployPolicy`,
      good: `Deployers:
  Type: AWS::IAM::Group
  Properties:
    ManagedPolicyArns:
      - !Ref DeployPolicy
Deployer:
  Type: AWS::IAM::User
  Properties:
    Groups: [!Ref Deployers]`,
    },
  },
  create(context) {
    return {
      policy(policy) {
        if (policy.kind !== 'identity' && policy.kind !== 'managed-policy-reference') return;
        const users = directUsers(policy, context.stack);
        if (users.length === 0) return;
        const name =
          policy.managed?.awsManagedName ??
          policy.managed?.logicalId ??
          (policy.managed ? display(policy.managed.arn) : policy.name !== undefined ? display(policy.name) : policy.source.logicalId);
        context.report({
          policy,
          at: attachmentPointer(policy),
          message: `policy ${name} is attached directly to ${users.length > 1 ? 'users' : 'user'} ${summarizeList(users.map(userName))}`,
          principals: users.map(userName),
        });
      },
    };
  },
};
