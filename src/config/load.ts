/**
 * Loading the config: find the file, parse it, load its plugins, check every key. Anything
 * wrong is a `ConfigError` listing each problem as file:line:column (the CLI exits 2).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../rules/types';
import type { EngineConfig } from '../engine/config';
import type { Problem } from '../engine/value-checks';
import { builtinRules } from '../rules/registry';
import { findConfigFile } from './discover';
import { parseConfigText } from './parse';
import { loadPlugin, PluginError, withPlugins } from './plugins';
import { pluginSpecs, validateConfig } from './validate';

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  }
}

export interface LoadedConfig {
  /** The config file read (as given or found), or undefined when there is none. */
  file?: string;
  /** Settings for the engine; the caller adds its own (command-line flags) over them. */
  config: Partial<EngineConfig>;
  /** The rules to run: built-in, then each plugin's. */
  rules: readonly Rule[];
  /** The plugins' rules alone. */
  pluginRules: readonly Rule[];
}

export interface LoadConfigOptions {
  /** The working folder: where the search starts, and what finding paths are relative to. */
  cwd: string;
  /** `--config FILE`: this file and no search. */
  file?: string;
}

const NO_CONFIG: LoadedConfig = { config: {}, rules: builtinRules, pluginRules: [] };

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const cwd = path.resolve(options.cwd);
  let file: string;
  if (options.file !== undefined) file = path.resolve(cwd, options.file);
  else {
    const search = findConfigFile(cwd);
    if (search.kind === 'none') return NO_CONFIG;
    if (search.kind === 'ambiguous') {
      throw new ConfigError([{ file: search.files[0]!, line: 1, column: 1, message: `more than one config file here (${search.files.map((f) => path.basename(f)).join(', ')}): keep one` }]);
    }
    file = search.file;
  }
  const shown = path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
  const problem = (line: number, column: number, message: string) => new ConfigError([{ file: shown, line, column, message }]);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw problem(1, 1, `cannot read the config file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = parseConfigText(text, file);
  if (!parsed.ok) throw problem(parsed.position.line, parsed.position.column, parsed.message);
  const located = (problems: readonly Problem[]) => problems.map((p) => ({ file: shown, ...parsed.locate(p.at), message: p.message }));

  const plugins = pluginSpecs(parsed.value);
  if (plugins.problems.length > 0) throw new ConfigError(located(plugins.problems));
  let rules: Rule[];
  try {
    rules = withPlugins(
      builtinRules,
      plugins.specs.map(({ spec }) => ({ spec, rules: loadPlugin(spec, file) })),
    );
  } catch (error) {
    if (!(error instanceof PluginError)) throw error;
    const at = plugins.specs.find(({ spec }) => spec === error.spec)?.at ?? '/plugins';
    throw new ConfigError(located([{ at, message: error.message }]));
  }

  const { settings, problems } = validateConfig(parsed.value, { rules, locate: (at) => ({ file: shown, ...parsed.locate(at) }) });
  if (problems.length > 0) throw new ConfigError(located(problems));
  const posix = (p: string) => p.split(path.sep).join('/');
  const globBase = posix(path.relative(path.dirname(file), cwd));
  const configFolder = posix(path.relative(cwd, path.dirname(file)));
  return { file: shown, config: { ...settings, globBase, configFolder }, rules, pluginRules: rules.slice(builtinRules.length) };
}
