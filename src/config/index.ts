/** The config file (`iamgate.config.yml`): discovery, parsing with positions, plugins and validation. */
export { loadConfig, ConfigError, type ConfigProblem, type LoadConfigOptions, type LoadedConfig } from './load';
export { CONFIG_FILE_NAMES, findConfigFile } from './discover';
export { loadPlugin, PluginError } from './plugins';
export { CONFIG_KEYS, SUPPRESSION_SELECTORS } from './validate';
