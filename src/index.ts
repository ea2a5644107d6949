/**
 * iamgate's library API. The CLI and the CDK integration (`iamgate/cdk`) are built on it.
 */
export { scan, scanTemplate, exitCodeOf, resolveConfig } from './engine/scan';
export type { ScanOptions, ScanResult, ScanTemplateOptions, TemplateSummary } from './engine/scan';
export type { TemplateAnalysis } from './engine/analyze-template';
export {
  DEFAULT_CONFIG,
  type ConfigSuppression,
  type EngineConfig,
  type FailOn,
  type RuleSetting,
  type TemplateParameters,
  type WrittenAt,
} from './engine/config';
export { buildBaseline, formatBaseline, parseBaseline, BaselineError, type Baseline, type BaselineEntry, type BaselineSummary } from './engine/baseline';
export type { StaleSuppression } from './engine/suppressions';
export { loadConfig, ConfigError, type ConfigProblem, type LoadConfigOptions, type LoadedConfig } from './config';
export { builtinRules, findRule } from './rules/registry';
export { formatReport, REPORT_FORMATS, type ReportFormat } from './report';
export { buildJsonReport, type JsonReport, type JsonFinding } from './report/json';
export { accessCollector, type StackAccess } from './report/html/access-data';
export { formatResolvedString } from './resolve';
export { SEVERITIES } from './rules/types';
export type * from './template/types';
export type * from './resolve/types';
export type * from './extract/types';
export type * from './rules/types';
export {
  generatePolicy,
  parseSpec,
  specOf,
  minimizeActions,
  policyDocument,
  formatPolicyJson,
  formatPolicyYaml,
  formatPolicyCdk,
  SpecError,
  SPEC_LEVELS,
  type GenerateOptions,
  type GenerateSpec,
  type GeneratedPolicy,
  type GeneratedStatement,
  type SpecEntry,
  type SpecLevel,
} from './generate';
export { fixTemplate, type FixOptions, type PlannedFix, type SkippedFix, type TemplateFixResult } from './fix/fix-template';
