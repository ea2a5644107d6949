/**
 * `iamgate generate`: the least-privilege policy for a spec of access levels or actions on
 * resources, as JSON, CloudFormation YAML or CDK TypeScript. See docs/generate.md.
 */
export type * from './types';
export { SpecError, SPEC_LEVELS } from './types';
export { parseSpec, specOf } from './spec';
export { generatePolicy, type GenerateOptions } from './generate';
export { minimizeActions } from './minimize';
export { policyDocument } from './document';
export { formatPolicyJson } from './format-json';
export { formatPolicyYaml } from './format-yaml';
export { formatPolicyCdk } from './format-cdk';
