/**
 * The command line. Exit codes: 0 pass, 1 findings at or above --fail-on, 2 usage error or
 * unreadable input (2 wins over 1).
 */
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { scan, exitCodeOf } from '../engine/scan';
import { FAIL_ON_VALUES, type FailOn } from '../engine/config';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../report';
import { formatPolicyListJson, formatPolicyListText, listPolicies, type ListedPolicy } from '../report/policies';
import { toolVersion } from '../report/version';
import { collectParameters } from './parameters';
import { UsageError } from './usage-error';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour is only used there). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIO = (): CliIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  failOn: FailOn;
  parameter: string[];
  parametersFile: string[];
  trustedAccount: string[];
  listPolicies?: boolean;
  color?: boolean;
}

const repeatable = (value: string, previous: string[]) => [...previous, value];

function useColor(flags: ScanFlags, io: CliIO): boolean {
  if (flags.color !== undefined) return flags.color && !flags.output;
  return io.isTTY && !flags.output && io.env.NO_COLOR === undefined;
}

function emit(text: string, flags: ScanFlags, io: CliIO): void {
  if (flags.output) {
    try {
      writeFileSync(flags.output, text);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else io.stdout(text);
}

async function runScan(paths: string[], flags: ScanFlags, io: CliIO): Promise<number> {
  const parameters = collectParameters(flags.parameter, flags.parametersFile);
  const listed: ListedPolicy[] = [];
  const result = await scan(paths.length > 0 ? paths : ['.'], {
    cwd: io.cwd,
    config: { failOn: flags.failOn, parameters, trustedAccounts: flags.trustedAccount },
    onTemplate: flags.listPolicies ? (analysis, template) => listed.push(...listPolicies(analysis, template)) : undefined,
  });
  if (flags.listPolicies) {
    emit(flags.format === 'json' ? formatPolicyListJson(listed) : formatPolicyListText(listed), flags, io);
    for (const error of result.errors) io.stderr(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
    return result.errors.length > 0 ? 2 : 0;
  }
  emit(formatReport(result, flags.format, { color: useColor(flags, io) }), flags, io);
  return exitCodeOf(result);
}

function buildProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  const program = new Command('iamgate')
    .description('Fails the build when an IAM policy grants more than it needs. Offline; no AWS credentials.')
    .version(toolVersion())
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError();

  program
    .command('scan')
    .description('Scan CloudFormation/SAM templates, folders and cdk.out assemblies')
    .argument('[paths...]', 'template files, folders or cdk.out folders (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices(FAIL_ON_VALUES).default('error'))
    .option('-p, --parameter <Key=Value>', 'template parameter value (repeatable)', repeatable, [])
    .option('--parameters-file <file>', 'JSON file of parameter values (repeatable)', repeatable, [])
    .option('--trusted-account <id>', 'an AWS account trusted besides the template\'s own (repeatable)', repeatable, [])
    .option('--list-policies', 'list every extracted policy instead of findings')
    .option('--color', 'force colour output')
    .option('--no-color', 'never use colour')
    .action(async (paths: string[], flags: ScanFlags) => setExitCode(await runScan(paths, flags, io)));

  return program;
}

export async function main(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
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
