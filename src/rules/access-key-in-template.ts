import type { Policy } from '../extract/types';
import type { Rule, StackAnalysis, StackResource } from './types';
import { docsUrl } from './docs';

const ID = 'access-key-in-template';

const ACCESS_KEY = 'AWS::IAM::AccessKey';

/**
 * Findings hang on a policy; an access key holds none, so it stands as an empty identity policy
 * of the key resource itself (its location and `Condition` are the key's).
 */
function keyAsPolicy(resource: StackResource, stack: StackAnalysis): Policy {
  return {
    id: `${stack.stack}/${resource.logicalId}`,
    kind: 'identity',
    source: {
      file: stack.file,
      stack: stack.stack,
      logicalId: resource.logicalId,
      resourceType: resource.resourceType,
      propertyPath: [],
      pointer: resource.at,
      ...(resource.constructPath !== undefined ? { constructPath: resource.constructPath } : {}),
    },
    attachedTo: [],
    resources: [],
    statements: [],
    when: resource.when,
    problems: [],
  };
}

/** Long-term access keys created by the template. */
export const accessKeyInTemplate: Rule = {
  meta: {
    id: ID,
    title: 'Access key created in the template',
    defaultSeverity: 'warning',
    rationale:
      'An AWS::IAM::AccessKey is a long-term credential: it does not expire, its secret ends up in stack outputs, parameters or the hands of whoever reads them, and it stays valid after the stack\'s purpose is gone. Workloads on AWS get temporary credentials from their roles; people and external systems can use SSO, OIDC federation or IAM Roles Anywhere.',
    fix: 'Give the workload a role (an instance profile, a task or function role), or federate the external system (OIDC, IAM Roles Anywhere) instead of creating a key.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `CiKey:
  Type: AWS::IAM::AccessKey
  Properties:
    UserName: !Ref CiUser`,
      good: `CiRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { Federated: !Ref GitHubOidcProvider }
          Action: sts:AssumeRoleWithWebIdentity
          Condition:
            StringEquals:
              token.actions.githubusercontent.com:aud: sts.amazonaws.com
              token.actions.githubusercontent.com:sub: repo:my-org/my-repo:ref:refs/heads/main`,
    },
  },
  create(context) {
    return {
      stack(stack) {
        for (const resource of stack.resources) {
          if (resource.resourceType !== ACCESS_KEY) continue;
          context.report({
            policy: keyAsPolicy(resource, stack),
            at: resource.at,
            message: `${resource.logicalId} creates a long-term access key`,
          });
        }
      },
    };
  },
};
