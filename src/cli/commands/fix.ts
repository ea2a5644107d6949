import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { LoadError, TemplateInput } from '../../template/types';
import type { ExportedValue } from '../../resolve/types';
import type { Finding } from '../../rules/types';
import { discoverTemplates } from '../../template';
import { exitCodeOf, nothingScanned, resolveConfig } from '../../engine/scan';
import { isIgnoredPath } from '../../engine/config-paths';
import { builtinRules } from '../../rules/registry';
import { fixTemplate } from '../../fix/fix-template';
import { formatFixResult } from '../../fix/report';
import { ioErrorMessage } from '../../template/read-template';
import { repeatable, type CliIO } from '../io';
import { addScanSetupOptions, scanSetup, type ScanSetupFlags } from '../scan-setup';
import { UsageError } from '../usage-error';
import type { CommandContext } from './context';

interface FixFlags extends ScanSetupFlags {
  write?: boolean;
  dryRun?: boolean;
  accept: string[];
}

function readText(path: string, file: string): string | LoadError {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return { file, line: 1, column: 1, message: ioErrorMessage(error) };
  }
}

async function runFix(paths: string[], flags: FixFlags, io: CliIO): Promise<number> {
  if (flags.write && flags.dryRun) throw new UsageError('--write and --dry-run exclude each other');
  const setup = scanSetup(flags, io);
  const rules = setup.rules ?? builtinRules;
  const known = new Set(rules.map((rule) => rule.meta.id));
  const unknown = flags.accept.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UsageError(`--accept: unknown rule ${unknown.join(', ')} (see \`iamgate rules\`)`);
  const config = resolveConfig(setup.config);
  const given = paths.length > 0 ? paths : ['.'];
  const discovery = await discoverTemplates(given, { cwd: io.cwd });
  const errors: LoadError[] = [...discovery.errors];
  const after: Finding[] = [];
  let changed = 0;
  // As a scan does: the templates that import values come last, with every other stack's exports.
  const exports = new Map<string, ExportedValue>();
  const importing: TemplateInput[] = [];
  let templates = 0;
  const fixFile = (input: TemplateInput, otherExports?: ReadonlyMap<string, ExportedValue>): void => {
    const text = readText(input.absolutePath, input.file);
    if (typeof text !== 'string') {
      errors.push(text);
      return;
    }
    const options = { config, rules, accept: new Set(flags.accept), stackName: input.stackName, explicit: input.explicit === true, exports: otherExports };
    const result = fixTemplate(text, input.file, options);
    if (result.waitsForExports) importing.push(input);
    if (result.notATemplate || result.waitsForExports) return;
    templates++;
    if (result.errors.length > 0) {
      errors.push(...result.errors);
      return;
    }
    if (otherExports === undefined) for (const exported of result.exports) exports.set(exported.name, exported);
    io.stdout(formatFixResult(result));
    after.push(...result.findingsAfter);
    if (result.after === result.before) return;
    changed++;
    if (flags.write) writeFileSync(input.absolutePath, result.after);
  };
  const kept = discovery.inputs.filter((i) => i.explicit || !isIgnoredPath(i.file, config));
  for (const input of kept) fixFile(input);
  for (const input of importing) fixFile(input, exports);
  if (templates === 0 && errors.length === 0) errors.push(...nothingScanned(given, io.cwd, discovery.inputs.length, kept.length));
  for (const error of errors) io.stderr(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
  if (changed > 0) io.stdout(flags.write ? `wrote ${changed} ${changed === 1 ? 'file' : 'files'}\n` : 'dry run: nothing written; --write applies the changes above\n');
  return exitCodeOf({ findings: after, errors, config });
}

export function registerFix(program: Command, { io, setExitCode }: CommandContext): void {
  const command = program
    .command('fix')
    .description('Apply the fixes that only narrow access (source conditions, TLS-only Deny); shows the diff unless --write')
    .argument('[paths...]', 'template files or folders (default: .)')
    .option('--dry-run', 'show the changes without writing them (the default)')
    .option('--write', 'write the changes to the templates')
    .option('--accept <rule>', 'also apply this rule\'s fixes that change what the workload may do, e.g. action-wildcard (repeatable)', repeatable, []);
  addScanSetupOptions(command).action(async (paths: string[], flags: FixFlags) => setExitCode(await runFix(paths, flags, io)));
}
