import { Option, type Command } from 'commander';
import { scan } from '../../engine/scan';
import { accessEntries, type AccessFilter } from '../../analysis/effective-access';
import { accessInputOf } from '../../analysis/access-input';
import { roleEdges } from '../../analysis/escalation';
import { accessJsonWriter, accessRows, accessTextWriter, reachRows, type AccessReportWriter } from '../../report/access';
import { collectParameters } from '../parameters';
import { openOutput, repeatable, type CliIO, type OutputSink } from '../io';
import type { CommandContext } from './context';

const ACCESS_FORMATS = ['text', 'json'] as const;

interface AccessFlags {
  format: (typeof ACCESS_FORMATS)[number];
  output?: string;
  principal?: string;
  resource?: string;
  parameter: string[];
  parametersFile: string[];
  trustedAccount: string[];
}

/** A name matches a logical id or a principal as written, case-insensitively, whole or in part. */
function matcher(query: string | undefined): ((...names: string[]) => boolean) | undefined {
  if (query === undefined) return undefined;
  const wanted = query.toLowerCase();
  return (...names) => names.some((name) => name.toLowerCase().includes(wanted));
}

function filterOf(flags: AccessFlags): AccessFilter {
  const principal = matcher(flags.principal);
  const resource = matcher(flags.resource);
  return {
    ...(principal ? { principal: (p) => principal(p.id, p.shown) } : {}),
    ...(resource ? { target: (t) => resource(t.logicalId, t.resourceType) } : {}),
  };
}

async function runAccess(paths: string[], flags: AccessFlags, io: CliIO): Promise<number> {
  const parameters = collectParameters(flags.parameter, flags.parametersFile);
  const filter = filterOf(flags);
  // Opened on the first piece of the report, so that a scan that throws leaves no output file behind.
  let sink: OutputSink | undefined;
  const out = (text: string) => (sink ??= openOutput(flags.output, io)).write(text);
  let writer: AccessReportWriter | undefined;
  const report = () => (writer ??= (flags.format === 'json' ? accessJsonWriter : accessTextWriter)(out));
  const result = await scan(paths.length > 0 ? paths : ['.'], {
    cwd: io.cwd,
    rules: [],
    config: { parameters, trustedAccounts: flags.trustedAccount },
    onTemplate: (analysis, template) => {
      const input = accessInputOf(analysis.extraction, template, {
        parameters,
        trust: { trustedAccounts: flags.trustedAccount, trustedOrganizations: [] },
      });
      const rows = accessRows(accessEntries(input, filter), template);
      const shown = new Set(rows.map((row) => row.principal.id));
      const edges = roleEdges(input).filter((e) => !filter.principal || shown.has(e.from));
      report().add(rows, reachRows(edges, template));
    },
  });
  report().end(result.errors);
  sink?.close();
  if (flags.output !== undefined || flags.format === 'json') {
    for (const error of result.errors) io.stderr(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
  }
  return result.errors.length > 0 ? 2 : 0;
}

export function registerAccess(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('access')
    .description('Show what each principal can do on each resource of the templates (effective access)')
    .argument('[paths...]', 'template files, folders or cdk.out folders (default: .)')
    .option('--principal <name>', 'only principals whose logical id or name contains this')
    .option('--resource <name>', 'only resources whose logical id or type contains this')
    .addOption(new Option('-f, --format <format>', 'output format').choices(ACCESS_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-p, --parameter <Key=Value>', 'template parameter value (repeatable)', repeatable, [])
    .option('--parameters-file <file>', 'JSON file of parameter values (repeatable)', repeatable, [])
    .option('--trusted-account <id>', "an AWS account trusted besides the template's own (repeatable)", repeatable, [])
    .action(async (paths: string[], flags: AccessFlags) => setExitCode(await runAccess(paths, flags, io)));
}
