import type { Rule } from './types';
import { docsUrl } from './docs';
import { credentialsExposureCatalog } from '../iam';
import { overGrantVisitor } from './helpers/over-grant-rule';
import { catalogWording } from './helpers/catalog-wording';

const ID = 'credentials-exposure';

/** Actions that return credentials (access keys, role sessions, database passwords) on unconstrained resources. */
export const credentialsExposure: Rule = {
  meta: {
    id: ID,
    title: 'Credentials of every resource',
    defaultSeverity: 'error',
    rationale:
      'Actions whose response carries credentials (iam:UpdateAccessKey, sts:AssumeRole, redshift:GetClusterCredentials, rds-db:connect, ...; the credentials-exposure catalogue, after Cloudsplaining) let a principal obtain credentials for every user, role or database they reach when granted on "*" or an ARN that covers every resource of the type. ' +
      'Actions of the catalogue that are also privilege-escalation methods on their own (iam:CreateAccessKey, iam:CreateLoginProfile) are privilege-escalation\'s findings; actions that accept only "*" (ecr:GetAuthorizationToken, sts:GetSessionToken) are never reported. ' +
      'Only identity policies are read. A narrowing condition (resource tags, ...), a narrowing Deny or permissions boundary, or a resource not known statically lowers the finding to a warning and says why; a Deny of the action on every resource, or a boundary that allows none of it, clears it.',
    fix: 'Name the roles, users or databases whose credentials the workload needs, e.g. !GetAtt DeployRole.Arn for sts:AssumeRole.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: sts:AssumeRole
    Resource: '*'`,
      good: `Statement:
  - Effect: Allow
    Action: sts:AssumeRole
    Resource: !Sub 'arn:\${AWS::Partition}:iam::\${ToolsAccountId}:role/deployer'`,
    },
  },
  create(context) {
    return overGrantVisitor(context, ID, catalogWording(context.stack, 'it returns credentials', credentialsExposureCatalog()));
  },
};
