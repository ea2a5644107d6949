import type { Rule, Severity } from './types';
import { docsUrl } from './docs';
import { resourceScope, strongestAccessLevel } from '../iam';
import { display, summarizeList } from './helpers/statements';
import { isEveryResource } from './helpers/resources';
import { actionEntries, accessLevelsOf } from './helpers/actions';
import { isOverGrantCandidate, type OverGrant } from './helpers/over-grants';
import { reportOwnedOverGrants, type OverGrantWording } from './helpers/over-grant-rule';
import { describeReach } from './helpers/report-over-grants';
import { groupResourceAdvice } from './helpers/suggest-resources';

const ID = 'resource-wildcard';

/**
 * Actions that create a resource under a name the caller picks and touch no existing one, which
 * AWS documents on every name of the type: a user creates a virtual MFA device with any name
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html).
 */
const CREATES_ONLY_NEW: ReadonlySet<string> = new Set(['iam:createvirtualmfadevice']);

/** By what the action can do to every resource: change it (error), tag it (warning), read it (warning), list or describe it (info). */
function baseSeverity(grant: OverGrant): Severity {
  if (resourceScope(grant.action) === 'optional' || CREATES_ONLY_NEW.has(grant.action.qualifiedName.toLowerCase())) return 'info';
  switch (strongestAccessLevel(grant.action.accessLevels)) {
    case 'Permissions management':
    case 'Write':
      return 'error';
    case 'Tagging':
      return 'warning';
    case 'Read':
      return grant.action.name.startsWith('Describe') ? 'info' : 'warning';
    default:
      return 'info';
  }
}

/** Actions on `Resource: "*"` (or an ARN that covers every resource of a type) that could be scoped to named resources. */
export const resourceWildcard: Rule = {
  meta: {
    id: ID,
    title: 'Every resource where named resources are possible',
    defaultSeverity: 'error',
    rationale:
      'Resource "*", or an ARN that covers every resource of a type ("arn:aws:s3:::*", "arn:aws:logs:*:*:*"), lets an action reach resources the workload never uses, in this stack and every other one in the account. ' +
      'Only actions that support resource-level permissions are reported: an action that accepts only "*" (ec2:DescribeInstances, xray:PutTraceSegments, sts:GetCallerIdentity) can be written no other way; nor is one AWS documents on "*" for a service\'s role because what it acts on has no ARN the role could name (sns:Publish for a Cognito user pool\'s SMS role, the SSM agent\'s reports such as ssm:UpdateInstanceInformation for an instance role, the network interfaces Lambda and CodeBuild create and delete in a VPC, the ECS tasks Step Functions stops after running them), when only those services assume the role; nor is a resource an action creates under an id AWS assigns, which no policy can know beforehand (ec2:RunInstances on instance/*, network-interface/* and volume/* beside the image, subnet and security group it launches from; ec2:CreateNatGateway on natgateway/*; ec2:CreateLaunchTemplate on "*"). ' +
      'Severity follows what the action does: Write, error; Tagging and Read, warning; List and Describe, info; an action whose only resource type is optional (cloudwatch:PutMetricData) may need "*" and is info, and so is one that only creates a resource under a name the caller picks, as AWS documents it on every name (iam:CreateVirtualMFADevice on mfa/*). ' +
      'Some actions on unconstrained resources are other rules\' findings, one finding per problem: iam:PassRole is pass-role-unrestricted\'s, actions that escalate privileges alone are privilege-escalation\'s, and the catalogued reads of data (s3:GetObject, secretsmanager:GetSecretValue, ...), credential-returning actions and Permissions management actions are data-exfiltration\'s, credentials-exposure\'s and resource-exposure\'s; actions under a reported wildcard are action-wildcard\'s. ' +
      'A value not known statically (a parameter without default) cannot prove the resource narrow: the finding is one step lower and says so; so is a grant narrowed by a condition (resource tags, aws:SourceArn, kms:ViaService, ...) or a Deny or permissions boundary, and a Deny of the action on every resource (or of all a wildcard\'s actions but listings and configuration reads), or a boundary that allows none of it, clears it. ' +
      'Only identity policies are read: in a resource policy, "*" means the resource the policy is attached to. ' +
      'What a SAM policy template grants on "*", or on an ARN with no parameter of the user\'s in it, as AWS wrote it (VPCAccessPolicy, CloudWatchPutMetricPolicy, PollyFullAccessPolicy\'s lexicon/*) is AWS\'s, as an AWS-managed policy\'s is: nothing in the template narrows it, and these rules read neither; a resource a template parameter makes broad (S3ReadPolicy with BucketName "*") is read like any other.',
    fix: 'Replace "*" with the ARNs of the resources the workload uses, built from the template (!GetAtt Table.Arn, !Sub "${Bucket.Arn}/*"), or narrow the statement with a condition on resource tags.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: [dynamodb:PutItem, dynamodb:UpdateItem]
    Resource: '*'`,
      good: `Statement:
  - Effect: Allow
    Action: [dynamodb:PutItem, dynamodb:UpdateItem]
    Resource: !GetAtt OrdersTable.Arn
  - Effect: Allow
    Action: [ec2:DescribeInstances, xray:PutTraceSegments]
    Resource: '*'`,
    },
  },
  create(context) {
    const wording: OverGrantWording = {
      baseSeverity,
      message: ({ grants, reach }) => {
        const actions = grants.map((g) => g.action);
        return `allows ${summarizeList(actions.map((a) => a.qualifiedName))} (${accessLevelsOf(actions).join(', ')}) on ${describeReach(reach)}`;
      },
      fix: ({ grants, policy, reach }) => {
        const optional = grants.every((g) => resourceScope(g.action) === 'optional')
          ? ` If the calls name no such resource, "*" is needed: keep it for ${summarizeList(grants.map((g) => g.action.qualifiedName))} alone.`
          : '';
        return `Replace the unconstrained resource with ${groupResourceAdvice({ grants, policy, reach }, context.stack).text}.${optional}`;
      },
      suggestion: (group) => groupResourceAdvice(group, context.stack).suggestion,
    };
    return {
      statement(statement, policy) {
        reportOwnedOverGrants(context, ID, wording, statement, policy);
        if (!isOverGrantCandidate(statement, policy, context.stack)) return;
        // An action not known statically may be anything: on every resource it cannot be proved narrow.
        const star = statement.resources?.find((r) => isEveryResource(r.value));
        const unknown = actionEntries(statement).find((entry) => entry.pattern === undefined);
        if (!star || !unknown) return;
        context.report({
          policy,
          statement,
          severity: 'warning',
          at: unknown.item.at,
          message: `allows ${display(unknown.item.value)}, an action not known statically, on every resource ("${display(star.value)}")`,
          fix: 'Give the action as literal text, or scope Resource to the ARNs the workload uses, so that the grant can be checked.',
          actions: [display(unknown.item.value)],
          resources: [display(star.value)],
        });
      },
    };
  },
};
