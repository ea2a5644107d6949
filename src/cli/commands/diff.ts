import { statSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { scan } from '../../engine/scan';
import type { LoadError } from '../../template/types';
import { accessInputOf } from '../../analysis/access-input';
import { accessFacts } from '../../analysis/access-facts';
import { diffStacks, formatDiffJson, formatDiffText, locateStack, pairStacks, type LocatedStack } from '../../report/diff';
import { collectParameters } from '../parameters';
import { emit, repeatable, type CliIO } from '../io';
import type { CommandContext } from './context';

const DIFF_FORMATS = ['text', 'json'] as const;

interface DiffFlags {
  format: (typeof DIFF_FORMATS)[number];
  output?: string;
  failOnNewAccess?: boolean;
  parameter: string[];
  parametersFile: string[];
  trustedAccount: string[];
}

interface Side {
  stacks: LocatedStack[];
  errors: LoadError[];
}

/** Where templates sit under the path given: nowhere for a file, their path relative to a folder or cdk.out. */
function keyUnder(root: string, io: CliIO): (file: string) => string {
  const absoluteRoot = path.resolve(io.cwd, root);
  let isFolder = false;
  try {
    isFolder = statSync(absoluteRoot).isDirectory();
  } catch {
    // An unreadable path comes back from the scan as an error of its own.
  }
  return (file) => (isFolder ? path.relative(absoluteRoot, path.resolve(io.cwd, file)).split(path.sep).join('/') : '');
}

async function collectSide(root: string, flags: DiffFlags, io: CliIO): Promise<Side> {
  const parameters = collectParameters(flags.parameter, flags.parametersFile);
  const trust = { trustedAccounts: flags.trustedAccount, trustedOrganizations: [] };
  const stacks: LocatedStack[] = [];
  const keyOf = keyUnder(root, io);
  const result = await scan([root], {
    cwd: io.cwd,
    rules: [],
    config: { parameters, trustedAccounts: flags.trustedAccount },
    onTemplate: (analysis, template) => {
      const facts = accessFacts(accessInputOf(analysis.extraction, template, { parameters, trust }));
      stacks.push(locateStack(facts, template, keyOf(template.file)));
    },
  });
  // A path holding no template comes back as an error of the scan: nothing to compare must not pass the gate.
  return { stacks, errors: result.errors };
}

async function runDiff(older: string, newer: string, flags: DiffFlags, io: CliIO): Promise<number> {
  const before = await collectSide(older, flags, io);
  const after = await collectSide(newer, flags, io);
  const errors = [...before.errors, ...after.errors];
  const unreadable = { older: before.errors.length > 0, newer: after.errors.length > 0 };
  const report = { old: older, new: newer, ...diffStacks(pairStacks(before.stacks, after.stacks), unreadable), errors };
  emit(flags.format === 'json' ? formatDiffJson(report) : formatDiffText(report), flags.output, io);
  if (flags.output !== undefined || flags.format === 'json') {
    for (const error of errors) io.stderr(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
  }
  if (errors.length > 0) return 2;
  return flags.failOnNewAccess && report.rows.length > 0 ? 1 : 0;
}

export function registerDiff(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('diff')
    .description('Show the access NEW grants that OLD did not (two templates, folders or cdk.out folders)')
    .argument('<old>', 'the template, folder or cdk.out folder before the change')
    .argument('<new>', 'the template, folder or cdk.out folder after the change')
    .option('--fail-on-new-access', 'exit 1 when NEW grants any access OLD did not')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-p, --parameter <Key=Value>', 'template parameter value, for both versions (repeatable)', repeatable, [])
    .option('--parameters-file <file>', 'JSON file of parameter values, for both versions (repeatable)', repeatable, [])
    .option('--trusted-account <id>', "an AWS account trusted besides the template's own (repeatable)", repeatable, [])
    .action(async (older: string, newer: string, flags: DiffFlags) => setExitCode(await runDiff(older, newer, flags, io)));
}
