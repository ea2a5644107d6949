/**
 * `--format yaml`: the policy document as CloudFormation YAML, ready to paste under
 * `PolicyDocument:`, with intrinsics in short form (`!GetAtt Bucket.Arn`, `!Sub '${Bucket.Arn}/*'`).
 */
import { yamlSnippet } from '../template/yaml-writer';
import { policyDocument } from './document';
import type { GeneratedStatement } from './types';

export function formatPolicyYaml(statements: readonly GeneratedStatement[]): string {
  return `${yamlSnippet(policyDocument(statements))}\n`;
}
