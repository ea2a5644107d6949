import type { Policy, Statement } from '../extract/types';
import type { Rule } from './types';
import { actionPatternMatches, getAction, parseConditionOperator, resourceTypesMatched } from '../iam';
import { keyMayBeAbsent } from '../analysis/conditions';
import { docsUrl } from './docs';
import { protectedName } from './helpers/access-policies';
import { protectedTypeOf } from '../extract/targets';
import { tlsDenyAdvice } from './helpers/suggest-conditions';

const ID = 'transport-not-enforced';

/** The resource types whose policies should refuse plain HTTP, and actions such a Deny must reach. */
const TRANSPORT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::Bucket': ['s3:GetObject', 's3:PutObject'],
  'AWS::SQS::Queue': ['sqs:SendMessage', 'sqs:ReceiveMessage'],
  'AWS::SNS::Topic': ['sns:Publish'],
};

/** `Bool aws:SecureTransport: false` (or `BoolIfExists`): the clause is true exactly for plain-HTTP requests. */
function refusesPlainHttp(statement: Statement): boolean {
  return statement.conditions.some((clause) => {
    const operator = parseConditionOperator(clause.operator);
    return (
      operator?.family === 'Bool' &&
      !operator.negated &&
      !operator.setQualifier &&
      clause.key.toLowerCase() === 'aws:securetransport' &&
      !keyMayBeAbsent(clause.key) &&
      clause.values.length > 0 &&
      clause.values.every((v) => String(v.value).toLowerCase() === 'false')
    );
  });
}

/** A Deny, present in every branch, of the service's data actions to everyone, for plain-HTTP requests. */
function enforcesTransport(statement: Statement, actions: readonly string[]): boolean {
  if (statement.effect !== 'Deny' || statement.when.length > 0 || !refusesPlainHttp(statement)) return false;
  if (!(statement.principals ?? []).some((p) => p.value.type === 'public')) return false;
  const patterns = (statement.actions ?? []).flatMap((a) => (typeof a.value === 'string' ? [a.value] : []));
  return actions.every((action) => patterns.some((pattern) => actionPatternMatches(pattern, action)) && reachesResources(statement, action));
}

/** Whether the Deny's resources take in what the action acts on: a bucket's objects, not the bucket alone. */
function reachesResources(statement: Statement, name: string): boolean {
  const action = getAction(name);
  if (!action || statement.notResources) return true;
  return (statement.resources ?? []).some((r) => r.value === '*' || resourceTypesMatched(r.value, action).length > 0);
}

/** An S3 bucket, SQS queue or SNS topic policy that does not refuse requests sent without TLS. */
export const transportNotEnforced: Rule = {
  meta: {
    id: ID,
    title: 'Policy does not require TLS',
    defaultSeverity: 'info',
    rationale:
      'S3, SQS and SNS accept plain-HTTP requests unless the resource policy refuses them. A Deny to "*" of the service\'s actions with Bool aws:SecureTransport: false (present in every Fn::If branch) makes every client use TLS, whatever its SDK settings; a Deny whose Resource leaves out what the actions act on (a bucket\'s ARN without its objects) does not. It is information by default; raise the rule\'s severity in the config to enforce it.',
    fix: 'Add a statement: Effect Deny, Principal "*", Action s3:* (sqs:*, sns:Publish), Resource the resource and its objects, Condition Bool aws:SecureTransport: false.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::SQS::QueuePolicy
Statement:
  - Effect: Allow
    Principal: { Service: sns.amazonaws.com }
    Action: sqs:SendMessage
    Resource: !GetAtt Queue.Arn
    Condition:
      ArnEquals: { aws:SourceArn: !Ref Topic }`,
      good: `# AWS::SQS::QueuePolicy
Statement:
  - Effect: Allow
    Principal: { Service: sns.amazonaws.com }
    Action: sqs:SendMessage
    Resource: !GetAtt Queue.Arn
    Condition:
      ArnEquals: { aws:SourceArn: !Ref Topic }
  - Effect: Deny
    Principal: '*'
    Action: sqs:*
    Resource: !GetAtt Queue.Arn
    Condition:
      Bool: { aws:SecureTransport: 'false' }`,
    },
  },
  create(context) {
    return {
      policy(policy: Policy) {
        const actions = TRANSPORT_ACTIONS[protectedTypeOf(policy)];
        if (policy.kind !== 'resource' || !actions || policy.statements.length === 0) return;
        if (policy.statements.some((statement) => enforcesTransport(statement, actions))) return;
        context.report({
          policy,
          message: `the policy of ${protectedName(policy)} does not deny requests without TLS (aws:SecureTransport false)`,
          ...tlsDenyAdvice(policy, context.stack),
          actions: [...actions],
        });
      },
    };
  },
};
