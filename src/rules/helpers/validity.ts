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

/**
 * Policies the validity rules read: everything the user wrote. AWS-managed documents and SAM
 * policy templates are AWS's, and a boundary's statements are a copy of an in-template managed
 * policy read on its own.
 */
export function isValidityCandidate(policy: Policy): boolean {
  return policy.kind !== 'managed-policy-reference' && policy.kind !== 'boundary' && !isSamPolicyTemplate(policy);
}
