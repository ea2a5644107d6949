import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE_NAMES } from '../../config';
import { STARTER_CONFIG } from '../../config/starter';
import { UsageError } from '../usage-error';
import type { CommandContext } from './context';

export function registerInit(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('init')
    .description(`Write a commented starter ${CONFIG_FILE_NAMES[0]} in the working folder`)
    .option('--force', 'replace an existing config file')
    .action((flags: { force?: boolean }) => {
      const existing = CONFIG_FILE_NAMES.filter((name) => existsSync(path.join(io.cwd, name)));
      if (existing.length > 0 && !flags.force) throw new UsageError(`${existing.join(', ')} already exists (--force replaces it)`);
      const file = path.join(io.cwd, CONFIG_FILE_NAMES[0]);
      try {
        writeFileSync(file, STARTER_CONFIG);
      } catch (error) {
        throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      io.stdout(`wrote ${CONFIG_FILE_NAMES[0]}\n`);
      setExitCode(0);
    });
}
