import path from 'node:path';
import type { Command } from 'commander';
import { scan } from '../../engine/scan';
import { buildBaseline, formatBaseline } from '../../engine/baseline';
import { emit, type CliIO } from '../io';
import { addScanSetupOptions, scanSetup, type ScanSetupFlags } from '../scan-setup';
import type { CommandContext } from './context';

interface BaselineFlags extends ScanSetupFlags {
  output: string;
}

const DEFAULT_BASELINE_FILE = 'iamgate-baseline.json';

async function runBaseline(paths: string[], flags: BaselineFlags, io: CliIO): Promise<number> {
  const result = await scan(paths.length > 0 ? paths : ['.'], scanSetup(flags, io));
  if (result.errors.length > 0) {
    // A baseline of a partial scan would hide the unread files' findings as "new" later, or worse.
    for (const error of result.errors) io.stderr(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
    io.stderr('iamgate: no baseline written: some inputs could not be read\n');
    return 2;
  }
  const baseline = buildBaseline(result.findings);
  emit(formatBaseline(baseline), path.resolve(io.cwd, flags.output), io);
  const count = baseline.entries.length;
  io.stderr(`wrote ${count} finding${count === 1 ? '' : 's'} to ${flags.output}; \`iamgate scan --baseline ${flags.output}\` now fails only on new ones\n`);
  return 0;
}

export function registerBaseline(program: Command, { io, setExitCode }: CommandContext): void {
  const command = program
    .command('baseline')
    .description("Record today's findings, so that `scan --baseline` fails only on new ones")
    .argument('[paths...]', 'template files, folders or cdk.out folders (default: .)')
    .option('-o, --output <file>', 'baseline file to write', DEFAULT_BASELINE_FILE);
  addScanSetupOptions(command).action(async (paths: string[], flags: BaselineFlags) => setExitCode(await runBaseline(paths, flags, io)));
}
