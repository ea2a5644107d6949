import type { Severity } from '../rules/types';

export type FailOn = Severity | 'none';

export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'info', 'none'];

export interface RuleSetting {
  /** `off` disables the rule; a severity replaces the severity of every finding it reports. */
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
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
}

export const DEFAULT_CONFIG: EngineConfig = {
  failOn: 'error',
  rules: {},
  trustedAccounts: [],
  trustedOrganizations: [],
  allowedManagedPolicies: [],
  parameters: {},
};

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/** Whether a finding of this severity fails the gate. */
export function failsGate(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
