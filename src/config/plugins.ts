/**
 * Plugins: CommonJS modules that export rules of the built-in shape (`module.exports = { rules }`,
 * docs/plugins.md). They are loaded only when the config names them, resolved from the config
 * file's folder like `require` would. A plugin that cannot be loaded, or whose rules are not
 * rules, is an error that names it: a guardrail that silently did not load would pass everything.
 */
import { createRequire } from 'node:module';
import type { Rule } from '../rules/types';
import { SEVERITIES } from '../rules/types';

export class PluginError extends Error {
  override name = 'PluginError';

  constructor(
    /** The plugin as named in the config. */
    readonly spec: string,
    why: string,
  ) {
    super(`plugin "${spec}" ${why}`);
  }
}

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/** Why `value` is not a rule, or undefined when it is one. */
function ruleShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.meta)) return 'is not a rule: expected { meta, create }';
  const { meta } = value;
  if (typeof meta.id !== 'string' || !RULE_ID.test(meta.id)) return `has meta.id ${JSON.stringify(meta.id)}: expected a kebab-case id such as "org-no-delete-bucket"`;
  if (typeof value.create !== 'function') return `"${meta.id}" has no create(context) function`;
  for (const key of ['title', 'rationale', 'fix', 'docsUrl'] as const) {
    if (typeof meta[key] !== 'string' || (meta[key] as string).trim() === '') return `"${meta.id}" has no meta.${key}`;
  }
  if (!SEVERITIES.includes(meta.defaultSeverity as never)) {
    return `"${meta.id}" has meta.defaultSeverity ${JSON.stringify(meta.defaultSeverity)}: expected ${SEVERITIES.join(', ')}`;
  }
  const examples = meta.examples;
  if (examples !== undefined && (!isRecord(examples) || typeof examples.bad !== 'string' || typeof examples.good !== 'string')) {
    return `"${meta.id}" has meta.examples that are not { bad, good } strings`;
  }
  if (meta.options !== undefined && (!isRecord(meta.options) || Object.values(meta.options).some((v) => typeof v !== 'string'))) {
    return `"${meta.id}" has meta.options that are not { name: description } strings`;
  }
  return undefined;
}

function exportedRules(module: unknown): unknown {
  if (!isRecord(module)) return undefined;
  if (module.rules !== undefined) return module.rules;
  // `export default { rules }` compiled to CommonJS.
  return isRecord(module.default) ? module.default.rules : undefined;
}

/** Requires one plugin; `configFile` is the file it is named in. */
export function loadPlugin(spec: string, configFile: string): Rule[] {
  const fail = (why: string): never => {
    throw new PluginError(spec, why);
  };
  const require = createRequire(configFile);
  let resolved: string;
  try {
    resolved = require.resolve(spec);
  } catch {
    return fail('cannot be found (a path is relative to the config file; a package must be installed)');
  }
  let module: unknown;
  try {
    module = require(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ESM') return fail('is an ES module; iamgate loads CommonJS plugins (module.exports = { rules })');
    return fail(`threw while loading: ${(error as Error).message}`);
  }
  const rules = exportedRules(module);
  if (!Array.isArray(rules)) return fail('exports no rules: expected module.exports = { rules: [...] }');
  rules.forEach((rule, i) => {
    const problem = ruleShapeProblem(rule);
    if (problem !== undefined) fail(`rule ${i + 1} ${problem}`);
  });
  return rules as Rule[];
}

/** All plugins in order, after the built-in rules; a rule id may be defined only once. */
export function withPlugins(builtin: readonly Rule[], plugins: readonly { spec: string; rules: readonly Rule[] }[]): Rule[] {
  const owner = new Map<string, string>(builtin.map((rule) => [rule.meta.id, 'a built-in rule']));
  const all = [...builtin];
  for (const plugin of plugins) {
    for (const rule of plugin.rules) {
      const taken = owner.get(rule.meta.id);
      if (taken !== undefined) throw new PluginError(plugin.spec, `defines rule "${rule.meta.id}", which is already ${taken}`);
      owner.set(rule.meta.id, `defined by plugin "${plugin.spec}"`);
      all.push(rule);
    }
  }
  return all;
}
