/** `--format json`: the policy document; intrinsics stay in CloudFormation's JSON form (`{"Fn::GetAtt": [...]}`). */
import { policyDocument } from './document';
import type { GeneratedStatement } from './types';

export function formatPolicyJson(statements: readonly GeneratedStatement[]): string {
  return `${JSON.stringify(policyDocument(statements), null, 2)}\n`;
}
