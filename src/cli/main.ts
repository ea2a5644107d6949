/**
 * The command line. Exit codes: 0 pass, 1 findings at or above --fail-on, 2 usage error or
 * unreadable input (2 wins over 1). Each command lives in its own module under `commands/`.
 */
import { Command, CommanderError } from 'commander';
import { toolVersion } from '../report/version';
import { processIO, type CliIO } from './io';
import { UsageError } from './usage-error';
import type { CommandContext } from './commands/context';
import { registerScan } from './commands/scan';
import { registerBaseline } from './commands/baseline';
import { registerInit } from './commands/init';
import { registerRules } from './commands/rules';
import { registerExplain } from './commands/explain';
import { registerAccess } from './commands/access';
import { registerDiff } from './commands/diff';
import { registerGenerate } from './commands/generate';
import { registerFix } from './commands/fix';

const COMMANDS: readonly ((program: Command, context: CommandContext) => void)[] = [
  registerScan,
  registerBaseline,
  registerInit,
  registerRules,
  registerExplain,
  registerAccess,
  registerDiff,
  registerFix,
  registerGenerate,
];

export type { CliIO } from './io';

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const context: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command('iamgate')
    .description('Fails the build when an IAM policy grants more than it needs. Offline; no AWS credentials.')
    .version(toolVersion())
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError();
  for (const register of COMMANDS) register(program, context);
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`iamgate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
