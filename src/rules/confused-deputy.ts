import type { Policy, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { partsOf } from '../resolve';
import type { Rule } from './types';
import { docsUrl } from './docs';
import { display, displayAll, summarizeList } from './helpers/statements';
import { protectedName, statementAdmissions } from './helpers/access-policies';
import { protectedTypeOf } from '../extract/targets';
import { sourceConditionAdvice } from './helpers/suggest-conditions';

const ID = 'confused-deputy';

/**
 * Resource types whose policies AWS documents source conditions for when a service principal is
 * granted access (S3 buckets, SNS topics, SQS queues, Lambda permissions, KMS keys, CloudWatch
 * Logs and EventBridge): the services acting on them pass `aws:SourceArn`/`aws:SourceAccount`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
const SOURCE_AWARE_TYPES: ReadonlySet<string> = new Set([
  'AWS::S3::Bucket',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'AWS::KMS::Key',
  'AWS::KMS::ReplicaKey',
  'AWS::Logs::ResourcePolicy',
  'AWS::Logs::LogGroup',
  'AWS::Logs::Destination',
  'AWS::Events::EventBus',
]);

/**
 * Elastic Load Balancing writes a load balancer's access logs under `AWSLogs/<its account id>/`
 * of the bucket, and refuses a log prefix that holds `AWSLogs`: a grant confined to one account's
 * path admits no other account's load balancers, as aws:SourceAccount would (AWS's own bucket
 * policy for the log delivery principal has no condition).
 */
const ACCOUNT_PATH_SERVICES: ReadonlySet<string> = new Set(['logdelivery.elasticloadbalancing.amazonaws.com']);

function confinedToAccountLogs(statement: Statement): boolean {
  const resources = statement.resources ?? [];
  return resources.length > 0 && resources.every(({ value }) => underAccountLogs(value));
}

/** `arn:...:s3:::bucket/prefix/AWSLogs/${AWS::AccountId}/...`: one account's path, nothing before it that may stand for more text. */
function underAccountLogs(value: ResolvedString): boolean {
  if (partsOf(value).some((part) => typeof part === 'object' && part.kind === 'unknown')) return false;
  return /:s3:::[^*?]*\/AWSLogs\/(\$\{AWS::AccountId\}|\d{12})\//.test(display(value));
}

/** A service principal granted access to a resource with nothing that ties the grant to your own source resource or account. */
export const confusedDeputy: Rule = {
  meta: {
    id: ID,
    title: 'Service access not tied to a source',
    defaultSeverity: 'error',
    rationale:
      "A resource policy or Lambda permission that lets an AWS service principal (sns.amazonaws.com, s3.amazonaws.com, events.amazonaws.com, ...) act on a resource without aws:SourceArn, aws:SourceAccount or aws:SourceOrgID lets that service act for ANY customer's resource: another account's topic can deliver to your queue, another account's bucket can invoke your function. This is the cross-service confused deputy problem, and IAM Access Analyzer blocks on it. It is checked on S3 bucket, SNS topic, SQS queue, Lambda function, KMS key, CloudWatch Logs and EventBridge policies, whose services pass those keys (for KMS and Logs, an encryption context naming the source ARN also ties the grant). A Deny that holds in every Fn::If branch and refuses other sources counts too; a source value not known statically is a warning. Elastic Load Balancing's log delivery (logdelivery.elasticloadbalancing.amazonaws.com) writes under AWSLogs/<the load balancer's account>/ and refuses prefixes holding AWSLogs, so a grant confined to your account's AWSLogs path, as AWS documents it, is tied to your account already.",
    fix: 'Add a condition that names your own source: ArnEquals aws:SourceArn (the topic, bucket, rule or API that calls), or StringEquals aws:SourceAccount: !Ref AWS::AccountId.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::SQS::QueuePolicy
Statement:
  - Effect: Allow
    Principal:
      Service: sns.amazonaws.com
    Action: sqs:SendMessage
    Resource: !GetAtt Queue.Arn`,
      good: `# AWS::SQS::QueuePolicy
Statement:
  - Effect: Allow
    Principal:
      Service: sns.amazonaws.com
    Action: sqs:SendMessage
    Resource: !GetAtt Queue.Arn
    Condition:
      ArnEquals:
        aws:SourceArn: !Ref Topic`,
    },
  },
  create(context) {
    return {
      statement(statement: Statement, policy: Policy) {
        if (policy.kind === 'trust' || !SOURCE_AWARE_TYPES.has(protectedTypeOf(policy))) return;
        for (const admission of statementAdmissions(statement, policy, context.settings)) {
          const { reach } = admission;
          if (reach.kind !== 'aws-service' || !reach.servicePrincipal || admission.sourcePinned === 'yes') continue;
          if (ACCOUNT_PATH_SERVICES.has(reach.service) && confinedToAccountLogs(statement)) continue;
          const actions = displayAll(statement.actions ?? statement.notActions);
          const uncertain = admission.sourcePinned === 'unknown';
          context.report({
            policy,
            statement,
            at: admission.principal.at,
            severity: uncertain ? 'warning' : undefined,
            message: uncertain
              ? `lets ${reach.service} ${summarizeList(actions)} on ${protectedName(policy)} for a source not known statically`
              : `lets ${reach.service} ${summarizeList(actions)} on ${protectedName(policy)} for any account's resources: no aws:SourceArn or aws:SourceAccount condition`,
            ...(uncertain ? {} : sourceConditionAdvice(statement, policy, reach.service, context.stack)),
            actions,
            principals: [`Service:${reach.service}`],
          });
        }
      },
    };
  },
};
