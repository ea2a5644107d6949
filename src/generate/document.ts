/** The generated statements as an IAM policy document, intrinsics in CloudFormation long form. */
import type { TemplateObject } from '../template/types';
import type { GeneratedStatement } from './types';

export const POLICY_VERSION = '2012-10-17';

export function policyDocument(statements: readonly GeneratedStatement[]): TemplateObject {
  return {
    Version: POLICY_VERSION,
    Statement: statements.map((statement) => ({
      Sid: statement.sid,
      Effect: 'Allow',
      Action: [...statement.actions],
      Resource: statement.resources.length === 1 && statement.resources[0] === '*' ? '*' : [...statement.resources],
      ...(statement.conditions !== undefined && { Condition: statement.conditions }),
    })),
  };
}
