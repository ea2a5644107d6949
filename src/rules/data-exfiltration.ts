import type { Rule } from './types';
import { docsUrl } from './docs';
import { dataExfiltrationCatalog } from '../iam';
import { overGrantVisitor } from './helpers/over-grant-rule';
import { catalogWording } from './helpers/catalog-wording';

const ID = 'data-exfiltration';

/** Catalogued reads of data (objects, secrets, parameters, database snapshots) on unconstrained resources. */
export const dataExfiltration: Rule = {
  meta: {
    id: ID,
    title: 'Data reads on every resource',
    defaultSeverity: 'error',
    rationale:
      'Actions that return stored data itself rather than metadata (s3:GetObject, ssm:GetParameter(s), secretsmanager:GetSecretValue, rds:CreateDBSnapshot, ...; the data-exfiltration catalogue, after Cloudsplaining) let a principal read every object, secret or database in the account when granted on "*" or an ARN that covers every resource of the type. ' +
      'This rule owns those actions on unconstrained resources; every other Read action there is resource-wildcard\'s (warning), and actions under a reported wildcard are action-wildcard\'s. ' +
      'Only identity policies are read. A narrowing condition (s3:ExistingObjectTag, resource tags, kms:ViaService, ...), a narrowing Deny or permissions boundary, or a resource not known statically lowers the finding to a warning and says why; a Deny of the action on every resource, or a boundary that allows none of it, clears it.',
    fix: 'Scope the read to the buckets, secrets or parameters the workload owns, e.g. !Sub "${Bucket.Arn}/*" or !Ref Secret.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: [s3:GetObject, secretsmanager:GetSecretValue]
    Resource: '*'`,
      good: `Statement:
  - Effect: Allow
    Action: s3:GetObject
    Resource: !Sub '\${ReportsBucket.Arn}/*'
  - Effect: Allow
    Action: secretsmanager:GetSecretValue
    Resource: !Ref DatabaseSecret`,
    },
  },
  create(context) {
    return overGrantVisitor(context, ID, catalogWording(context.stack, 'it returns stored data', dataExfiltrationCatalog()));
  },
};
