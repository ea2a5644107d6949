/** Suppressions from the config file, by file glob, stack, logical id or construct path. */
import type { FindingLocation } from '../rules/types';
import type { ConfigSuppression, EngineConfig } from './config';
import { matchesPathGlob, pathForGlobs } from './path-glob';
import { globPattern, type StaleSuppression, type SuppressionEntry } from './suppressions';

function reaches(suppression: ConfigSuppression, where: Parameters<typeof pathForGlobs>[1]) {
  return (location: FindingLocation): boolean =>
    (suppression.file === undefined || matchesPathGlob(suppression.file, pathForGlobs(location.file, where))) &&
    (suppression.stack === undefined || matchesPathGlob(suppression.stack, location.stack)) &&
    (suppression.logicalId === undefined || matchesPathGlob(suppression.logicalId, location.logicalId)) &&
    (suppression.constructPath === undefined ||
      (location.constructPath !== undefined && matchesPathGlob(suppression.constructPath, location.constructPath)));
}

const CONFIG_FILE = { file: 'iamgate config', line: 1, column: 1 };

export function configSuppressionEntries(config: EngineConfig): SuppressionEntry[] {
  return config.suppressions.map((suppression, index) => ({
    ruleIds: [suppression.id],
    source: 'config',
    reason: suppression.reason,
    ...(suppression.ticket !== undefined ? { ticket: suppression.ticket } : {}),
    ...(suppression.expires !== undefined ? { expires: suppression.expires } : {}),
    at: suppression.at ?? CONFIG_FILE,
    reaches: reaches(suppression, config),
    appliesTo: (suppression.appliesTo ?? []).map(globPattern),
    tracking: { kind: 'config', index },
  }));
}

/** Config suppressions no template had a finding for; rules that are off are left out. */
export function staleConfigSuppressions(
  config: EngineConfig,
  used: ReadonlySet<number>,
  enabledRuleIds: ReadonlySet<string>,
): StaleSuppression[] {
  return config.suppressions.flatMap((suppression, index): StaleSuppression[] =>
    used.has(index) || !enabledRuleIds.has(suppression.id)
      ? []
      : [{ ruleId: suppression.id, source: 'config', reason: suppression.reason, ...(suppression.at ?? CONFIG_FILE), copies: 1 }],
  );
}
