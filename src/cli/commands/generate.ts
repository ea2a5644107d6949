import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { readTemplate, type LoadedTemplate } from '../../template';
import { stackNameOf } from '../../template/parse-template';
import { ioErrorMessage } from '../../template/read-template';
import type { JsonPointer, TemplateObject } from '../../template/types';
import {
  formatPolicyCdk,
  formatPolicyJson,
  formatPolicyYaml,
  generatePolicy,
  parseSpec,
  specOf,
  SPEC_LEVELS,
  SpecError,
  type GeneratedStatement,
  type GenerateSpec,
  type SpecLevel,
} from '../../generate';
import { collectParameters } from '../parameters';
import { emit, repeatable, type CliIO } from '../io';
import { UsageError } from '../usage-error';
import type { CommandContext } from './context';

const GENERATE_FORMATS = ['json', 'yaml', 'cdk'] as const;

const FORMATTERS: Readonly<Record<(typeof GENERATE_FORMATS)[number], (statements: readonly GeneratedStatement[]) => string>> = {
  json: formatPolicyJson,
  yaml: formatPolicyYaml,
  cdk: formatPolicyCdk,
};

/** `permissions-management` → commander's `permissionsManagement`. */
type LevelFlags = { [K in SpecLevel as K extends 'permissions-management' ? 'permissionsManagement' : K]: string[] };

interface GenerateFlags extends LevelFlags {
  format: (typeof GENERATE_FORMATS)[number];
  output?: string;
  template?: string;
  minimize?: boolean;
  service?: string;
  actions: string[];
  resource: string[];
  condition?: string;
  parameter: string[];
  parametersFile: string[];
}

function levelFlag(level: SpecLevel, flags: GenerateFlags): string[] {
  return level === 'permissions-management' ? flags.permissionsManagement : flags[level];
}

function conditionsFlag(text: string | undefined): TemplateObject | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--condition expects a JSON object such as '{"StringEquals": {"aws:SourceAccount": "123456789012"}}': ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--condition expects a JSON object of operator to {key: values}');
  return value as TemplateObject;
}

/** A spec from the flags; its messages name the flag a problem is about. */
function specFromFlags(flags: GenerateFlags): GenerateSpec | undefined {
  const flagAt = new Map<JsonPointer, string>();
  const grants: TemplateObject[] = [];
  const conditions = conditionsFlag(flags.condition);
  const levels = SPEC_LEVELS.filter((level) => levelFlag(level, flags).length > 0);
  if (levels.length > 0 || flags.service !== undefined) {
    const at = `/grants/${grants.length}`;
    const grant: TemplateObject = {};
    if (flags.service !== undefined) {
      grant.service = flags.service;
      flagAt.set(`${at}/service`, `--service ${flags.service}`);
    }
    for (const level of levels) {
      grant[level] = levelFlag(level, flags);
      grant[level].forEach((arn, i) => flagAt.set(`${at}/${level}/${i}`, `--${level} ${arn}`));
    }
    if (conditions) grant.conditions = conditions;
    flagAt.set(at, '--service and access-level flags');
    grants.push(grant);
  }
  if (flags.actions.length > 0 || flags.resource.length > 0) {
    const at = `/grants/${grants.length}`;
    const grant: TemplateObject = { actions: flags.actions, ...(flags.resource.length > 0 && { resources: flags.resource }) };
    if (conditions) grant.conditions = conditions;
    flags.actions.forEach((action, i) => flagAt.set(`${at}/actions/${i}`, `--actions ${action}`));
    flags.resource.forEach((arn, i) => flagAt.set(`${at}/resources/${i}`, `--resource ${arn}`));
    flagAt.set(at, '--actions and --resource');
    grants.push(grant);
  }
  if (grants.length === 0) return undefined;
  // The nearest pointer a flag set: a problem inside a condition is the flags' grant.
  const where = (at: JsonPointer): string => {
    let pointer = at;
    while (!flagAt.has(pointer) && pointer !== '') pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    return `command line (${flagAt.get(pointer) ?? 'flags'})`;
  };
  return specOf({ grants }, where);
}

function readSpec(file: string, io: CliIO): GenerateSpec {
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new SpecError([`${file}:1:1: ${ioErrorMessage(error)}`]);
  }
  return parseSpec(text, file);
}

function loadTemplate(file: string, io: CliIO): LoadedTemplate {
  const loaded = readTemplate({ file, absolutePath: path.resolve(io.cwd, file), stackName: stackNameOf(file), explicit: true });
  if (loaded.status === 'loaded') return loaded.template;
  if (loaded.status === 'error') throw new SpecError([`${loaded.error.file}:${loaded.error.line}:${loaded.error.column}: ${loaded.error.message}`]);
  throw new SpecError([`${file}:1:1: not a CloudFormation template: no Resources section`]);
}

function runGenerate(specFile: string | undefined, flags: GenerateFlags, io: CliIO): number {
  try {
    const fromFlags = specFromFlags(flags);
    if (specFile !== undefined && fromFlags) throw new UsageError('give a spec file or access flags (--read, --actions, ...), not both');
    const spec = specFile !== undefined ? readSpec(specFile, io) : fromFlags;
    if (!spec) throw new UsageError('nothing to generate: give a spec file, or flags such as --service s3 --read ARN or --actions s3:GetObject --resource ARN');
    const policy = generatePolicy(spec, {
      ...(flags.template !== undefined && { template: loadTemplate(flags.template, io) }),
      parameters: collectParameters(flags.parameter, flags.parametersFile),
      minimize: flags.minimize ?? false,
    });
    for (const warning of policy.warnings) io.stderr(`warning: ${warning}\n`);
    emit(FORMATTERS[flags.format](policy.statements), flags.output, io);
    return 0;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    for (const problem of error.problems) io.stderr(`${problem}\n`);
    return 2;
  }
}

export function registerGenerate(program: Command, { io, setExitCode }: CommandContext): void {
  const command = program
    .command('generate')
    .description('Write the least-privilege policy for the access a workload needs (from a spec file or flags)')
    .argument('[spec]', 'YAML or JSON spec of grants (see docs/generate.md)')
    .option('--service <prefix>', 'service of the access-level flags, e.g. s3 (default: from each ARN)');
  for (const level of SPEC_LEVELS) {
    command.option(`--${level} <arn>`, `ARN, logical id or "*" to grant ${level} access on (repeatable)`, repeatable, []);
  }
  command
    .option('--actions <pattern>', 'action or wildcard, e.g. s3:Get* (repeatable)', repeatable, [])
    .option('--resource <arn>', 'ARN, logical id or "*" for --actions (repeatable)', repeatable, [])
    .option('--condition <json>', 'Condition block for the grants given by flags, as JSON')
    .option('-t, --template <file>', 'template whose logical ids, parameters and resources ARNs may name')
    .option('-p, --parameter <Key=Value>', 'template parameter value (repeatable)', repeatable, [])
    .option('--parameters-file <file>', 'JSON file of parameter values (repeatable)', repeatable, [])
    .option('--minimize', 'collapse action lists into wildcards that match exactly the same actions')
    .addOption(new Option('-f, --format <format>', 'output format').choices(GENERATE_FORMATS).default('json'))
    .option('-o, --output <file>', 'write the policy to a file instead of stdout')
    .action((spec: string | undefined, flags: GenerateFlags) => setExitCode(runGenerate(spec, flags, io)));
}
