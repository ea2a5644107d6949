import { Option, type Command } from 'commander';
import { scan, exitCodeOf } from '../../engine/scan';
import { FAIL_ON_VALUES, type FailOn } from '../../engine/config';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../report';
import { formatPolicyListJson, formatPolicyListText, listPolicies, type ListedPolicy } from '../../report/policies';
import { collectParameters } from '../parameters';
import { emit, repeatable, useColor, type CliIO } from '../io';
import type { CommandContext } from './context';

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

async function runScan(paths: string[], flags: ScanFlags, io: CliIO): Promise<number> {
  const parameters = collectParameters(flags.parameter, flags.parametersFile);
  const listed: ListedPolicy[] = [];
  const result = await scan(paths.length > 0 ? paths : ['.'], {
    cwd: io.cwd,
    config: { failOn: flags.failOn, parameters, trustedAccounts: flags.trustedAccount },
    onTemplate: flags.listPolicies ? (analysis, template) => listed.push(...listPolicies(analysis, template)) : undefined,
  });
  if (flags.listPolicies) {
    emit(flags.format === 'json' ? formatPolicyListJson(listed) : formatPolicyListText(listed), flags.output, io);
    for (const error of result.errors) io.stderr(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
    return result.errors.length > 0 ? 2 : 0;
  }
  emit(formatReport(result, flags.format, { color: useColor(flags.color, flags.output, io) }), flags.output, io);
  return exitCodeOf(result);
}

export function registerScan(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('scan')
    .description('Scan CloudFormation/SAM templates, folders and cdk.out assemblies')
    .argument('[paths...]', 'template files, folders or cdk.out folders (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices(FAIL_ON_VALUES).default('error'))
    .option('-p, --parameter <Key=Value>', 'template parameter value (repeatable)', repeatable, [])
    .option('--parameters-file <file>', 'JSON file of parameter values (repeatable)', repeatable, [])
    .option('--trusted-account <id>', "an AWS account trusted besides the template's own (repeatable)", repeatable, [])
    .option('--list-policies', 'list every extracted policy instead of findings')
    .option('--color', 'force colour output')
    .option('--no-color', 'never use colour')
    .action(async (paths: string[], flags: ScanFlags) => setExitCode(await runScan(paths, flags, io)));
}
