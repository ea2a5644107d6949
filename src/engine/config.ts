import type { Severity } from '../rules/types';
import type { CdkInternalSetting } from './origin';

export type FailOn = Severity | 'none';

export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'info', 'none'];

export interface RuleSetting {
  /** `off` disables the rule; a severity replaces the severity of every finding it reports. */
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

/** Where something is written in a file (the config file, a template), for messages. */
export interface WrittenAt {
  file: string;
  line: number;
  column: number;
}

/**
 * A suppression from the config file. It applies to findings of rule `id` whose location
 * matches every selector given (`file`, `stack`, `logicalId`, `constructPath`: path globs,
 * docs/suppressions.md); the config loader requires at least one.
 */
export interface ConfigSuppression {
  id: string;
  reason: string;
  file?: string;
  stack?: string;
  logicalId?: string;
  constructPath?: string;
  /** Globs matched against the finding's actions, resources or principals. */
  appliesTo?: readonly string[];
  /** ISO date (YYYY-MM-DD) from which the finding fails again. */
  expires?: string;
  ticket?: string;
  at?: WrittenAt;
}

/** Parameter values for the templates whose path matches `files` (a path glob). */
export interface TemplateParameters {
  files: string;
  values: Readonly<Record<string, string>>;
}

/** What the engine needs to know beyond the templates. The CLI, the CDK integration and the API build it. */
export interface EngineConfig {
  failOn: FailOn;
  rules: Readonly<Record<string, RuleSetting>>;
  trustedAccounts: readonly string[];
  trustedOrganizations: readonly string[];
  allowedManagedPolicies: readonly string[];
  /** Parameter values for every template (they win over `Default`s). */
  parameters: Readonly<Record<string, string>>;
  /** Findings on statements CDK generates for its internal singletons: at most this severity, or `off`. */
  cdkInternal: CdkInternalSetting;
  /** Parameter values by template path glob, in order (later entries win); `parameters` win over all. */
  templateParameters: readonly TemplateParameters[];
  /** Path globs of files that folder searches skip (files named explicitly are still scanned). */
  ignorePaths: readonly string[];
  suppressions: readonly ConfigSuppression[];
  /**
   * The path globs above are relative to the config file's folder; this is the way from that
   * folder to the folder file names are shown relative to ('' when it is the same folder).
   */
  globBase: string;
  /** The config file's folder as seen from the working folder ('' when it is the same folder). */
  configFolder: string;
}

export const DEFAULT_CONFIG: EngineConfig = {
  failOn: 'error',
  rules: {},
  trustedAccounts: [],
  trustedOrganizations: [],
  allowedManagedPolicies: [],
  parameters: {},
  cdkInternal: 'warning',
  templateParameters: [],
  ignorePaths: [],
  suppressions: [],
  globBase: '',
  configFolder: '',
};

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/** Whether a finding of this severity fails the gate. */
export function failsGate(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
