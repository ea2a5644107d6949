/** The config settings that go by template path: parameters per glob, and paths folder searches skip. */
import type { EngineConfig } from './config';
import { matchesPathGlob, pathForGlobs } from './path-glob';

/** Parameter values for one template: matching `templateParameters` in order, then `parameters` over them. */
export function parametersFor(file: string, config: EngineConfig): Record<string, string> {
  const path = pathForGlobs(file, config);
  const matching = config.templateParameters.filter((entry) => matchesPathGlob(entry.files, path));
  return Object.assign({}, ...matching.map((entry) => entry.values), config.parameters);
}

export function isIgnoredPath(file: string, config: EngineConfig): boolean {
  if (config.ignorePaths.length === 0) return false;
  const path = pathForGlobs(file, config);
  return config.ignorePaths.some((pattern) => matchesPathGlob(pattern, path));
}
