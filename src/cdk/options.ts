/**
 * Options of the Aspect and the Validator, checked when they are constructed so that a typo
 * fails at once with a clear message instead of silently running a different gate.
 */
import { FAIL_ON_VALUES, type EngineConfig, type FailOn, type RuleSetting } from '../engine/config';
import { CDK_INTERNAL_SETTINGS, type CdkInternalSetting } from '../engine/origin';
import { loadConfig, ConfigError } from '../config';
import { builtinRules } from '../rules/registry';
import { SEVERITIES, type Rule, type Severity } from '../rules/types';
import { didYouMean } from '../engine/value-checks';

/** `off`, a severity, or a severity with rule options: the same as a rule entry of the config file. */
export type RuleOption = Severity | 'off' | RuleSetting;

export interface IamGateOptions {
  /** Lowest severity that fails synthesis: `error` (default), `warning`, `info` or `none`. */
  readonly failOn?: FailOn;
  /** Per rule id: `off`, a severity that replaces the rule's, or `{ severity, options }`. */
  readonly rules?: Readonly<Record<string, RuleOption>>;
  /** AWS accounts trusted besides the stack's own. */
  readonly trustedAccounts?: readonly string[];
  readonly trustedOrganizations?: readonly string[];
  /** AWS-managed policy names the team has accepted. */
  readonly allowedManagedPolicies?: readonly string[];
  /** Findings on what CDK generates for its internal singletons: at most this severity (default `warning`), or `off`. */
  readonly cdkInternal?: CdkInternalSetting;
  /** Rules beyond the built-in ones, e.g. an organization's rule pack (the same shape as a plugin's rules). */
  readonly additionalRules?: readonly Rule[];
  /**
   * An iamgate config file (`iamgate.config.yml`), relative to the working folder: its settings,
   * suppressions and plugins apply as in the CLI; the options above win over it.
   */
  readonly configFile?: string;
}

/** What the engine is called with: the same config and rules the CLI would use. */
export interface EngineSetup {
  readonly config: Partial<EngineConfig>;
  readonly rules: readonly Rule[];
}

const SEVERITY_OR_OFF: readonly string[] = [...SEVERITIES, 'off'];

export class IamGateOptionsError extends Error {
  override name = 'IamGateOptionsError';
}

/** Validates `options` and turns them into engine config; `owner` names the class in messages. */
export function engineSetup(options: IamGateOptions, owner: string): EngineSetup {
  const fail = (message: string): never => {
    throw new IamGateOptionsError(`${owner}: ${message}`);
  };
  const file = loadConfigFile(options.configFile, fail);
  const rules = [...file.rules, ...(options.additionalRules ?? [])];
  const ids = rules.map((rule) => rule.meta.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) fail(`rule id '${duplicate}' is defined twice (additionalRules repeats a rule)`);

  if (options.failOn !== undefined && !FAIL_ON_VALUES.includes(options.failOn)) {
    fail(`failOn must be one of ${FAIL_ON_VALUES.join(', ')}, not '${String(options.failOn)}'`);
  }
  if (options.cdkInternal !== undefined && !CDK_INTERNAL_SETTINGS.includes(options.cdkInternal)) {
    fail(`cdkInternal must be one of ${CDK_INTERNAL_SETTINGS.join(', ')}, not '${String(options.cdkInternal)}'`);
  }
  const ruleSettings: Record<string, RuleSetting> = { ...file.config.rules };
  for (const [id, option] of Object.entries(options.rules ?? {})) {
    if (!ids.includes(id)) fail(`unknown rule id '${id}' in rules${didYouMean(id, ids) || `; known: ${ids.join(', ')}`}`);
    const setting: RuleSetting = typeof option === 'string' ? { severity: option } : option;
    if (setting.severity !== undefined && !SEVERITY_OR_OFF.includes(setting.severity)) {
      fail(`rules['${id}']: severity must be one of ${SEVERITY_OR_OFF.join(', ')}, not '${String(setting.severity)}'`);
    }
    ruleSettings[id] = setting;
  }
  for (const [key, list] of Object.entries({
    trustedAccounts: options.trustedAccounts,
    trustedOrganizations: options.trustedOrganizations,
    allowedManagedPolicies: options.allowedManagedPolicies,
  })) {
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))) fail(`${key} must be a list of strings`);
  }

  const config: Partial<EngineConfig> = {
    ...file.config,
    rules: ruleSettings,
    ...(options.failOn !== undefined && { failOn: options.failOn }),
    ...(options.cdkInternal !== undefined && { cdkInternal: options.cdkInternal }),
    ...(options.trustedAccounts !== undefined && { trustedAccounts: [...options.trustedAccounts] }),
    ...(options.trustedOrganizations !== undefined && { trustedOrganizations: [...options.trustedOrganizations] }),
    ...(options.allowedManagedPolicies !== undefined && { allowedManagedPolicies: [...options.allowedManagedPolicies] }),
  };
  return { config, rules };
}

function loadConfigFile(configFile: string | undefined, fail: (message: string) => never): ReturnType<typeof loadConfig> {
  if (configFile === undefined) return { config: {}, rules: builtinRules, pluginRules: [] };
  if (typeof configFile !== 'string' || configFile === '') return fail('configFile must be the path of an iamgate config file');
  try {
    return loadConfig({ cwd: process.cwd(), file: configFile });
  } catch (error) {
    if (error instanceof ConfigError) return fail(`config file ${configFile}:\n${error.message}`);
    throw error;
  }
}
