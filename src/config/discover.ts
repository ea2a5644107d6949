/** Which config file applies: the one given with `--config`, else the nearest one upward from the working folder. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_FILE_NAMES = ['iamgate.config.yml', 'iamgate.config.yaml', 'iamgate.config.json'] as const;

export type ConfigSearch =
  | { kind: 'found'; file: string }
  | { kind: 'none' }
  /** Two config files in one folder: which one counts would be a guess. */
  | { kind: 'ambiguous'; files: string[] };

/**
 * Looks in `start` and each folder above it, stopping after the repository root (the folder
 * with `.git`), so that a config outside the repository never applies by accident.
 */
export function findConfigFile(start: string): ConfigSearch {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const found = CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).filter((file) => existsSync(file));
    if (found.length > 1) return { kind: 'ambiguous', files: found };
    if (found.length === 1) return { kind: 'found', file: found[0]! };
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return { kind: 'none' };
  }
}
