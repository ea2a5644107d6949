/**
 * Parameter values from `--parameter Key=Value` and `--parameters-file`. The file may be a
 * plain `{"Key": "Value"}` object, the CloudFormation CLI's `[{ParameterKey, ParameterValue}]`
 * list, or a CodePipeline template configuration `{"Parameters": {...}}`.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error';

export function parseParameterFlag(flag: string): [string, string] {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UsageError(`--parameter expects Key=Value, got "${flag}"`);
  return [flag.slice(0, eq), flag.slice(eq + 1)];
}

function asParameterMap(data: unknown, file: string): Record<string, string> {
  const fail = (why: string): never => {
    throw new UsageError(`${file}: ${why}`);
  };
  if (Array.isArray(data)) {
    const entries = data.map((item, i) => {
      const entry = item as { ParameterKey?: unknown; ParameterValue?: unknown };
      if (typeof entry?.ParameterKey !== 'string' || entry.ParameterValue === undefined) {
        return fail(`entry ${i} needs ParameterKey and ParameterValue`);
      }
      return [entry.ParameterKey, String(entry.ParameterValue)] as const;
    });
    return Object.fromEntries(entries);
  }
  if (data === null || typeof data !== 'object') return fail('expected an object of parameter values or a list of {ParameterKey, ParameterValue}');
  const record = data as Record<string, unknown>;
  const values = 'Parameters' in record && typeof record.Parameters === 'object' ? record.Parameters : record;
  return Object.fromEntries(
    Object.entries(values as Record<string, unknown>).map(([key, value]) => {
      if (value !== null && typeof value === 'object') fail(`parameter ${key} must be a string, number or boolean`);
      return [key, String(value)];
    }),
  );
}

export function readParametersFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read parameters file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return asParameterMap(data, file);
}

export function collectParameters(flags: readonly string[], files: readonly string[]): Record<string, string> {
  const fromFiles = files.map(readParametersFile);
  return Object.assign({}, ...fromFiles, Object.fromEntries(flags.map(parseParameterFlag)));
}
