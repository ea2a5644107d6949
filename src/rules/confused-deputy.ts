import type { ConditionClause, Policy, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { partsOf } from '../resolve';
import type { Rule, Severity } from './types';
import { actionsOfPattern } from '../analysis/actions';
import { allowRequirements } from '../analysis/conditions';
import { SOURCE_ACCOUNT_KEYS } from '../analysis/admission';
import { arnParts, readsOnlyMetadata } from '../iam';
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

const LAMBDA_TYPES: ReadonlySet<string> = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

/**
 * Services that act on a resource only for resources of its own account: a load balancer's target
 * group invokes only functions of its account and region, so no other account's can use it here.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */
const SAME_ACCOUNT_ONLY: Readonly<Record<string, ReadonlySet<string>>> = {
  'elasticloadbalancing.amazonaws.com': LAMBDA_TYPES,
};

function actsOnlyForItsAccount(service: string, policy: Policy): boolean {
  return SAME_ACCOUNT_ONLY[service]?.has(protectedTypeOf(policy)) ?? false;
}


/**
 * How much an unpinned grant matters. A function another account's resource can invoke runs your
 * code on its input: an error. A service that delivers into or reads from the resource for another
 * account's resource (a trail's log files, a rule's events) is to review: a warning. Reading the
 * resource's configuration only (s3:GetBucketAcl, which log delivery checks first): information.
 */
function severityOf(statement: Statement, policy: Policy): Severity | undefined {
  if (LAMBDA_TYPES.has(protectedTypeOf(policy))) return undefined;
  const configurationOnly = (statement.actions ?? []).every(({ value }) => {
    const actions = typeof value === 'string' ? actionsOfPattern(value) : 'unknown';
    return actions !== 'all' && actions !== 'unknown' && actions.every(readsOnlyMetadata);
  });
  return statement.actions && configurationOnly ? 'info' : 'warning';
}

/** The source condition a statement writes that does not pin the source (`aws:SourceArn` with a wildcard account), if any. */
function loosePin(statement: Statement): ConditionClause | undefined {
  return statement.conditions.find((clause) => {
    const key = clause.key.toLowerCase();
    return key === 'aws:sourcearn' || SOURCE_ACCOUNT_KEYS.has(key);
  });
}

/**
 * A source pinned by `aws:SourceArn` alone to S3 buckets, whose ARNs hold no account and whose
 * names any account may take once free: a bucket of the same name in another account, once yours
 * is deleted, passes too. AWS asks for `aws:SourceAccount` beside it.
 */
function accountlessSource(statement: Statement): { shown: string; ownBucket: boolean } | undefined {
  const requirements = allowRequirements(statement);
  if (requirements.some((r) => SOURCE_ACCOUNT_KEYS.has(r.key))) return undefined;
  const arns = requirements.filter((r) => r.key === 'aws:sourcearn').flatMap((r) => r.values.map((v) => v.value));
  if (arns.length === 0) return undefined;
  const accountless = arns.every((value) => {
    if (typeof value !== 'string' && (typeof value !== 'object' || value.kind === 'unknown')) return false;
    const parts = arnParts(value);
    return parts !== undefined && display(parts.service) === 's3' && partsOf(parts.account).every((part) => part === '');
  });
  if (!accountless) return undefined;
  // A bucket of the template lives and goes with the grant: its name is not free while the grant stands.
  const ownBucket = arns.every((value) => typeof value === 'object' && partsOf(value as ResolvedString).some((part) => typeof part === 'object' && part.kind === 'resource'));
  return { shown: display(arns[0] as ResolvedString), ownBucket };
}

/** Alexa's principals, which say which skill calls through lambda:EventSourceToken, not a source ARN or account. */
const SKILL_SERVICES: ReadonlySet<string> = new Set(['alexa-appkit.amazon.com', 'alexa-connectedhome.amazon.com']);

/** A service principal granted access to a resource with nothing that ties the grant to your own source resource or account. */
export const confusedDeputy: Rule = {
  meta: {
    id: ID,
    title: 'Service access not tied to a source',
    defaultSeverity: 'error',
    rationale:
      "A resource policy or Lambda permission that lets an AWS service principal (sns.amazonaws.com, s3.amazonaws.com, events.amazonaws.com, ...) act on a resource without aws:SourceArn, aws:SourceAccount or aws:SourceOrgID lets that service act for ANY customer's resource: another account's topic can deliver to your queue, another account's bucket can invoke your function. This is the cross-service confused deputy problem, and IAM Access Analyzer blocks on it. It is checked on S3 bucket, SNS topic, SQS queue, Lambda function, KMS key, CloudWatch Logs and EventBridge policies, whose services pass those keys (for KMS and Logs, an encryption context naming the source ARN also ties the grant). A Deny that holds in every Fn::If branch and refuses other sources counts too. How much it matters decides the severity: a Lambda function that any account's resource can invoke runs your code on its input, an error; a service that delivers into or reads from the resource for another account's resource (a trail's log files, a topic's messages, a rule's events) is a warning; a grant of configuration reads only (s3:GetBucketAcl, which log delivery checks first) is information. A source value not known statically is a warning. A source named by aws:SourceArn alone when it is an S3 bucket, whose ARN holds no account (once the bucket is deleted, another account may create one of the same name), which AWS pairs with aws:SourceAccount, is weighed as an unpinned one: an error on a Lambda function, a warning elsewhere, and a warning too when the bucket is the template's own, which lives and goes with the grant. An Alexa skill's permission is pinned by its EventSourceToken (the skill id), not by a source ARN or account, and the finding says so. A load balancer invokes only functions of its own account (AWS documents it), so Elastic Load Balancing's Lambda permission needs no source. A source condition whose ARN leaves the account open (arn:aws:sns:*:*:topic) pins nothing, and the message says so. Elastic Load Balancing's log delivery (logdelivery.elasticloadbalancing.amazonaws.com) writes under AWSLogs/<the load balancer's account>/ and refuses prefixes holding AWSLogs, so a grant confined to your account's AWSLogs path, as AWS documents it, is tied to your account already.",
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
          if (reach.kind !== 'aws-service' || !reach.servicePrincipal) continue;
          const actions = displayAll(statement.actions ?? statement.notActions);
          const granted = `lets ${reach.service} ${summarizeList(actions)} on ${protectedName(policy)}`;
          const base = { policy, statement, at: admission.principal.at, actions, principals: [`Service:${reach.service}`] };
          if (admission.sourcePinned === 'yes') {
            const bucket = accountlessSource(statement);
            if (bucket !== undefined) {
              context.report({
                ...base,
                severity: bucket.ownBucket ? 'warning' : severityOf(statement, policy),
                message: `${granted} for the source ${bucket.shown}, named by aws:SourceArn alone: its ARN holds no account, so a resource of that name in another account (once yours is deleted) passes too`,
                fix: 'Add StringEquals aws:SourceAccount: !Ref AWS::AccountId beside aws:SourceArn.',
              });
            }
            continue;
          }
          if (ACCOUNT_PATH_SERVICES.has(reach.service) && confinedToAccountLogs(statement)) continue;
          if (actsOnlyForItsAccount(reach.service, policy)) continue;
          if (admission.sourcePinned === 'unknown') {
            context.report({ ...base, severity: 'warning', message: `${granted} for a source not known statically` });
            continue;
          }
          if (SKILL_SERVICES.has(reach.service)) {
            // Alexa names the skill that calls, not an account or ARN: the permission's EventSourceToken pins it.
            context.report({
              ...base,
              severity: severityOf(statement, policy),
              message: `${granted} for any Alexa skill: no EventSourceToken (the skill id)`,
              fix: 'Set EventSourceToken: the id of your skill (amzn1.ask.skill.…, from the Alexa developer console) on the permission, so that no other skill can invoke the function.',
            });
            continue;
          }
          const written = loosePin(statement);
          const why = written
            ? `its ${written.operator} ${written.key} ${written.values.map((v) => display(typeof v.value === 'object' ? v.value : String(v.value))).join(', ')} admits other accounts' resources`
            : 'no aws:SourceArn or aws:SourceAccount condition';
          context.report({
            ...base,
            severity: severityOf(statement, policy),
            message: `${granted} for any account's resources: ${why}`,
            ...sourceConditionAdvice(statement, policy, reach.service, context.stack),
          });
        }
      },
    };
  },
};
