/**
 * The config file's contents checked key by key. Unknown keys, unknown rule ids and bad values
 * are problems at the exact node (reported as file:line, exit 2), never ignored. The same keys
 * are described for editors in schema/iamgate.config.schema.json.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import type { Rule } from '../rules/types';
import { SEVERITIES } from '../rules/types';
import { FAIL_ON_VALUES, type ConfigSuppression, type EngineConfig, type RuleSetting, type TemplateParameters, type WrittenAt } from '../engine/config';
import { CDK_INTERNAL_SETTINGS } from '../engine/origin';
import { readSuppressionFields, SUPPRESSION_FIELDS } from '../engine/suppression-fields';
import { child, describeValue, didYouMean, unknownKeys, type Problem } from '../engine/value-checks';
import { isRecord } from '../template/values';

export const CONFIG_KEYS = [
  '$schema',
  'failOn',
  'rules',
  'trustedAccounts',
  'trustedOrganizations',
  'allowedManagedPolicies',
  'parameters',
  'ignorePaths',
  'plugins',
  'suppressions',
  'cdkInternal',
] as const;

/** Config suppressions say where they apply with at least one of these path globs. */
export const SUPPRESSION_SELECTORS = ['file', 'stack', 'logicalId', 'constructPath'] as const;

export const RULE_SEVERITIES = ['off', ...SEVERITIES] as const;

/** The engine settings a config file holds (plugins are loaded before the rest is checked). */
export type ConfigSettings = Partial<
  Pick<
    EngineConfig,
    | 'failOn'
    | 'rules'
    | 'trustedAccounts'
    | 'trustedOrganizations'
    | 'allowedManagedPolicies'
    | 'templateParameters'
    | 'ignorePaths'
    | 'suppressions'
    | 'cdkInternal'
  >
>;

export interface ValidationContext {
  /** Every rule that can be configured: built-in and plugin rules. */
  rules: readonly Rule[];
  /** Where a pointer is in the config file, for suppression reports. */
  locate(at: JsonPointer): WrittenAt;
}

class Checker {
  readonly problems: Problem[] = [];

  problem(at: JsonPointer, message: string): undefined {
    this.problems.push({ at, message });
    return undefined;
  }

  oneOf<T extends string>(value: TemplateValue, allowed: readonly T[], at: JsonPointer, what: string): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
    return this.problem(at, `${what} must be one of ${allowed.join(', ')}; got ${describeValue(value)}${hint}`);
  }

  strings(value: TemplateValue, at: JsonPointer, what: string, check?: (text: string) => string | undefined): string[] | undefined {
    if (!Array.isArray(value)) return this.problem(at, `${what} must be a list, got ${describeValue(value)}`);
    const before = this.problems.length;
    const list = value.flatMap((item, i): string[] => {
      if (typeof item !== 'string') return this.problem(child(at, i), `${what} entries must be strings, got ${describeValue(item)}`) ?? [];
      const wrong = check?.(item);
      return wrong === undefined ? [item] : (this.problem(child(at, i), wrong) ?? []);
    });
    return this.problems.length > before ? undefined : list;
  }

  mapping(value: TemplateValue, at: JsonPointer, what: string): TemplateObject | undefined {
    return isRecord(value) ? value : this.problem(at, `${what} must be a mapping, got ${describeValue(value)}`);
  }
}

/** A 12-digit account id; YAML reads an unquoted one as a number, which is fine unless it lost a leading zero. */
function accountIds(checker: Checker, value: TemplateValue, at: JsonPointer): string[] | undefined {
  if (!Array.isArray(value)) return checker.problem(at, `trustedAccounts must be a list of 12-digit account ids, got ${describeValue(value)}`);
  const before = checker.problems.length;
  const ids = value.map((item, i) => {
    const text = typeof item === 'number' && Number.isSafeInteger(item) ? String(item) : item;
    if (typeof text !== 'string' || !/^\d{12}$/.test(text)) {
      checker.problem(child(at, i), `an account id has 12 digits (quote it to keep leading zeros), got ${describeValue(item)}`);
    }
    return String(text);
  });
  return checker.problems.length > before ? undefined : ids;
}

function ruleSettings(checker: Checker, value: TemplateValue, at: JsonPointer, rules: readonly Rule[]): Record<string, RuleSetting> | undefined {
  const map = checker.mapping(value, at, 'rules');
  if (!map) return undefined;
  const known = new Map(rules.map((rule) => [rule.meta.id, rule]));
  const settings: Record<string, RuleSetting> = {};
  for (const [id, written] of Object.entries(map)) {
    const ruleAt = child(at, id);
    const rule = known.get(id);
    if (!rule) {
      checker.problem(ruleAt, `unknown rule "${id}"${didYouMean(id, known.keys())} (\`iamgate rules\` lists them)`);
      continue;
    }
    if (!isRecord(written)) {
      const severity = checker.oneOf(written, RULE_SEVERITIES, ruleAt, `rule ${id}`);
      if (severity) settings[id] = { severity };
      continue;
    }
    checker.problems.push(...unknownKeys(written, ['severity', 'options'], ruleAt, `rule ${id}`));
    const setting: RuleSetting = {};
    if (written.severity !== undefined) {
      const severity = checker.oneOf(written.severity, RULE_SEVERITIES, child(ruleAt, 'severity'), `the severity of ${id}`);
      if (severity) setting.severity = severity;
    }
    if (written.options !== undefined) {
      const options = checker.mapping(written.options, child(ruleAt, 'options'), `the options of ${id}`);
      const accepted = Object.keys(rule.meta.options ?? {});
      for (const name of Object.keys(options ?? {})) {
        if (accepted.includes(name)) continue;
        const detail = accepted.length > 0 ? `; it takes ${accepted.join(', ')}${didYouMean(name, accepted)}` : '; it takes none';
        checker.problem(child(child(ruleAt, 'options'), name), `rule ${id} has no option "${name}"${detail}`);
      }
      if (options) setting.options = options;
    }
    settings[id] = setting;
  }
  return settings;
}

function templateParameters(checker: Checker, value: TemplateValue, at: JsonPointer): TemplateParameters[] | undefined {
  const map = checker.mapping(value, at, 'parameters (template glob → parameter values)');
  if (!map) return undefined;
  return Object.entries(map).flatMap(([files, written]): TemplateParameters[] => {
    const values = checker.mapping(written, child(at, files), `the parameters for "${files}"`);
    if (!values) return [];
    const entries = Object.entries(values).flatMap(([key, v]): [string, string][] => {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [[key, String(v)]];
      return checker.problem(child(child(at, files), key), `parameter ${key} must be a string, number or boolean, got ${describeValue(v)}`) ?? [];
    });
    return [{ files, values: Object.fromEntries(entries) }];
  });
}

function suppressions(checker: Checker, value: TemplateValue, at: JsonPointer, context: ValidationContext): ConfigSuppression[] | undefined {
  if (!Array.isArray(value)) return checker.problem(at, `suppressions must be a list, got ${describeValue(value)}`);
  const known = new Set(context.rules.map((rule) => rule.meta.id));
  return value.flatMap((item, i): ConfigSuppression[] => {
    const itemAt = child(at, i);
    const entry = checker.mapping(item, itemAt, 'a suppression');
    if (!entry) return [];
    checker.problems.push(...unknownKeys(entry, [...SUPPRESSION_FIELDS, ...SUPPRESSION_SELECTORS], itemAt, 'a suppression'));
    const fields = readSuppressionFields(entry, itemAt, known, checker.problems);
    const selectors: Partial<Record<(typeof SUPPRESSION_SELECTORS)[number], string>> = {};
    for (const key of SUPPRESSION_SELECTORS) {
      const written = entry[key];
      if (written === undefined) continue;
      if (typeof written === 'string' && written !== '') selectors[key] = written;
      else checker.problem(child(itemAt, key), `"${key}" must be a glob string, got ${describeValue(written)}`);
    }
    if (Object.keys(selectors).length === 0 && SUPPRESSION_SELECTORS.every((key) => entry[key] === undefined)) {
      checker.problem(
        itemAt,
        `a config suppression says where it applies with ${SUPPRESSION_SELECTORS.join(', ')} (to turn a rule off everywhere, use rules: { ${fields?.id ?? 'rule-id'}: off })`,
      );
    }
    const appliesTo = fields?.appliesTo?.flatMap(({ value: glob, at: globAt }) =>
      typeof glob === 'string' ? [glob] : (checker.problem(globAt, `"appliesTo" entries must be glob strings, got ${describeValue(glob)}`) ?? []),
    );
    if (!fields || Object.keys(selectors).length === 0) return [];
    return [
      {
        id: fields.id,
        reason: fields.reason,
        ...selectors,
        ...(appliesTo ? { appliesTo } : {}),
        ...(fields.expires !== undefined ? { expires: fields.expires } : {}),
        ...(fields.ticket !== undefined ? { ticket: fields.ticket } : {}),
        at: context.locate(itemAt),
      },
    ];
  });
}

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Every setting of a parsed config file, or the problems that keep it from being used. */
export function validateConfig(root: TemplateValue, context: ValidationContext): { settings: ConfigSettings; problems: Problem[] } {
  const checker = new Checker();
  const settings: ConfigSettings = {};
  if (!isRecord(root)) return { settings, problems: [{ at: '', message: `the config must be a mapping of settings, got ${describeValue(root)}` }] };
  checker.problems.push(...unknownKeys(root, CONFIG_KEYS, '', 'the config'));
  const at = (key: string) => child('', key);
  const set = <K extends keyof ConfigSettings>(key: K, value: ConfigSettings[K] | undefined) => {
    if (value !== undefined) settings[key] = value;
  };

  if (root.$schema !== undefined && typeof root.$schema !== 'string') checker.problem(at('$schema'), '$schema must be a string');
  if (root.failOn !== undefined) set('failOn', checker.oneOf(root.failOn, FAIL_ON_VALUES, at('failOn'), 'failOn'));
  if (root.cdkInternal !== undefined) set('cdkInternal', checker.oneOf(root.cdkInternal, CDK_INTERNAL_SETTINGS, at('cdkInternal'), 'cdkInternal'));
  if (root.rules !== undefined) set('rules', ruleSettings(checker, root.rules, at('rules'), context.rules));
  if (root.trustedAccounts !== undefined) set('trustedAccounts', accountIds(checker, root.trustedAccounts, at('trustedAccounts')));
  if (root.trustedOrganizations !== undefined) {
    const check = (id: string) => (ORGANIZATION_ID.test(id) ? undefined : `an organization id looks like o-a1b2c3d4e5, got "${id}"`);
    set('trustedOrganizations', checker.strings(root.trustedOrganizations, at('trustedOrganizations'), 'trustedOrganizations', check));
  }
  if (root.allowedManagedPolicies !== undefined) {
    set('allowedManagedPolicies', checker.strings(root.allowedManagedPolicies, at('allowedManagedPolicies'), 'allowedManagedPolicies'));
  }
  if (root.parameters !== undefined) set('templateParameters', templateParameters(checker, root.parameters, at('parameters')));
  if (root.ignorePaths !== undefined) set('ignorePaths', checker.strings(root.ignorePaths, at('ignorePaths'), 'ignorePaths'));
  if (root.suppressions !== undefined) set('suppressions', suppressions(checker, root.suppressions, at('suppressions'), context));
  return { settings, problems: checker.problems };
}

/** The `plugins` list, checked before anything else: plugin rules can be configured too. */
export function pluginSpecs(root: TemplateValue): { specs: { spec: string; at: JsonPointer }[]; problems: Problem[] } {
  const checker = new Checker();
  if (!isRecord(root) || root.plugins === undefined) return { specs: [], problems: [] };
  const at = child('', 'plugins');
  const list = checker.strings(root.plugins, at, 'plugins', (spec) => (spec.trim() === '' ? 'a plugin must be named' : undefined));
  return { specs: (list ?? []).map((spec, i) => ({ spec, at: child(at, i) })), problems: checker.problems };
}
