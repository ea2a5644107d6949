import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { scanSpooled, exitCodeOf, type ScanOptions } from '../../engine/scan';
import { BaselineError, parseBaseline } from '../../engine/baseline';
import { defaultJobs } from '../../engine/parallel';
import { writeReport, REPORT_FORMATS, type ReportFormat, type ReportOptions } from '../../report';
import { formatPolicyListJson, formatPolicyListText, listPolicies, type ListedPolicy } from '../../report/policies';
import { accessCollector } from '../../report/html/access-data';
import { emit, openOutput, useColor, type CliIO } from '../io';
import { addScanSetupOptions, scanSetup, type ScanSetupFlags } from '../scan-setup';
import { UsageError } from '../usage-error';
import { rebased, sourceRoot } from '../source-root';
import type { CommandContext } from './context';

interface ScanFlags extends ScanSetupFlags {
  format: ReportFormat;
  output?: string;
  baseline?: string;
  listPolicies?: boolean;
  color?: boolean;
  jobs?: number;
}

function readBaseline(file: string, io: CliIO): NonNullable<ScanOptions['baseline']> {
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return { baseline: parseBaseline(text, file), file };
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
}

async function runScan(paths: string[], flags: ScanFlags, io: CliIO): Promise<number> {
  const listed: ListedPolicy[] = [];
  const setup = scanSetup(flags, io);
  // The HTML report's access map needs each template while it is in memory.
  const access = flags.format === 'html' && !flags.listPolicies ? accessCollector(setup.config) : undefined;
  // Findings wait on disk until the report is written, so memory follows the largest template.
  const result = await scanSpooled(paths.length > 0 ? paths : ['.'], {
    ...setup,
    ...(flags.baseline !== undefined ? { baseline: readBaseline(flags.baseline, io) } : {}),
    onTemplate: flags.listPolicies ? (analysis, template) => listed.push(...listPolicies(analysis, template)) : access?.onTemplate,
    jobs: flags.jobs ?? defaultJobs(),
  });
  try {
    return writeScanReport(result, flags, io, listed, access?.stacks);
  } finally {
    result.findings.close();
  }
}

function writeScanReport(
  result: Awaited<ReturnType<typeof scanSpooled>>,
  flags: ScanFlags,
  io: CliIO,
  listed: readonly ListedPolicy[],
  access: ReportOptions['access'],
): number {
  if (flags.listPolicies) {
    emit(flags.format === 'json' ? formatPolicyListJson(listed) : formatPolicyListText(listed), flags.output, io);
    for (const error of result.errors) io.stderr(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
    return result.errors.length > 0 ? 2 : 0;
  }
  // Code scanning and workflow annotations name files from the repository root, not the working folder.
  const root = flags.format === 'sarif' || flags.format === 'github' ? sourceRoot(io) : undefined;
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined; // The report then carries the fix as text only.
    }
  };
  const readSource = (file: string) => (root ? read(path.resolve(root.dir, file)) : undefined) ?? read(path.resolve(io.cwd, file));
  const output = openOutput(flags.output, io);
  try {
    const input = root ? rebased(result, root) : result;
    writeReport(input, flags.format, { color: useColor(flags.color, flags.output, io), access, readSource, rootUri: root?.uri }, output.write);
  } finally {
    output.close();
  }
  return exitCodeOf(result);
}

/** `--jobs`: a whole number of threads, at least 1. */
function parseJobs(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('expected a whole number of threads, 1 or more');
  return Number(value);
}

export function registerScan(program: Command, { io, setExitCode }: CommandContext): void {
  const command = program
    .command('scan')
    .description('Scan CloudFormation/SAM templates, folders and cdk.out assemblies')
    .argument('[paths...]', 'template files, folders or cdk.out folders (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout');
  addScanSetupOptions(command)
    .option('--baseline <file>', 'fail only on findings not in this baseline (written by `iamgate baseline`)')
    .option('--list-policies', 'list every extracted policy instead of findings')
    .option('--color', 'force colour output')
    .option('--no-color', 'never use colour')
    .option('-j, --jobs <n>', 'files scanned in parallel by worker threads (default: one fewer than the CPU cores)', parseJobs)
    .action(async (paths: string[], flags: ScanFlags) => setExitCode(await runScan(paths, flags, io)));
}
