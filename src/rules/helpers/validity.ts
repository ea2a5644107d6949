import type { Policy } from '../../extract/types';
import { samPolicyTemplateNames } from '../../extract';

let samTemplates: ReadonlySet<string> | undefined;

/**
 * A SAM policy template (`SQSPollerPolicy: {QueueName: ...}`) expanded: AWS wrote its actions,
 * like an AWS-managed policy's. Every statement of the expansion points at the template entry.
 */
export function isSamPolicyTemplate(policy: Policy): boolean {
  samTemplates ??= new Set(samPolicyTemplateNames());
  return (
    policy.source.resourceType.startsWith('AWS::Serverless::') &&
    typeof policy.name === 'string' &&
    samTemplates.has(policy.name) &&
    policy.statements.every((statement) => statement.at === policy.source.pointer)
  );
}

/** A policy a SAM connector writes from SAM's own profiles (`AWS::Serverless::Connector`, or a resource's `Connectors`). */
export function isSamConnectorPolicy(policy: Policy): boolean {
  return policy.source.resourceType === 'AWS::Serverless::Connector' || policy.source.propertyPath[0] === 'Connectors';
}

/**
 * Policies the validity rules read: everything the user wrote. AWS-managed documents, SAM policy
 * templates and SAM connector profiles are AWS's (a DynamoDB Write connector names the table's
 * indexes for actions that act on the table alone), and a boundary's statements are a copy of an
 * in-template managed policy read on its own.
 */
export function isValidityCandidate(policy: Policy): boolean {
  return policy.kind !== 'managed-policy-reference' && policy.kind !== 'boundary' && !isSamPolicyTemplate(policy) && !isSamConnectorPolicy(policy);
}
