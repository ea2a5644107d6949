import type { Rule } from './types';
import { docsUrl } from './docs';
import { overGrantVisitor } from './helpers/over-grant-rule';
import { catalogWording } from './helpers/catalog-wording';

const ID = 'resource-exposure';

/** Permissions management actions (resource policies, ACLs, sharing) on unconstrained resources. */
export const resourceExposure: Rule = {
  meta: {
    id: ID,
    title: 'Access to every resource can be changed',
    defaultSeverity: 'error',
    rationale:
      'Actions at the Permissions management access level (s3:PutBucketPolicy, s3:PutObjectAcl, sqs:AddPermission, kms:CreateGrant, lambda:AddPermission, ...) change who may access a resource. Granted on "*" or an ARN that covers every resource of the type, they let a principal open any such resource in the account to other accounts or to the public. ' +
      'The catalogue is derived from the AWS Service Authorization Reference, not listed. IAM actions that escalate privileges on their own (iam:PutRolePolicy, iam:AttachRolePolicy, ...) are privilege-escalation\'s findings, and Permissions management actions under a reported wildcard are action-wildcard\'s. ' +
      'Only identity policies are read. A narrowing condition (resource tags, ...), a narrowing Deny or permissions boundary, or a resource not known statically lowers the finding to a warning and says why; a Deny of the action on every resource, or a boundary that allows none of it, clears it.',
    fix: 'Scope the action to the resources whose policy the workload manages, built from the template (!GetAtt Queue.Arn), or drop it: policies are best written in the template.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: s3:PutBucketPolicy
    Resource: '*'`,
      good: `Statement:
  - Effect: Allow
    Action: s3:PutBucketPolicy
    Resource: !GetAtt LogsBucket.Arn`,
    },
  },
  create(context) {
    return overGrantVisitor(context, ID, catalogWording(context.stack, 'it changes who may access the resource (Permissions management)'));
  },
};
