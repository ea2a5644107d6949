import type { LoadError, LoadedTemplate, LoadResult, TemplateValue } from '../../src/template';
import { isRecord } from '../../src/template/values';

export function loaded(result: LoadResult): LoadedTemplate {
  if (result.status !== 'loaded') throw new Error(`expected a template, got ${JSON.stringify(result)}`);
  return result.template;
}

export function loadError(result: LoadResult): LoadError {
  if (result.status !== 'error') throw new Error(`expected an error, got ${result.status}`);
  return result.error;
}

/** The value at `path` in a parsed template, failing the test when the path does not exist. */
export function valueAt(value: TemplateValue, ...path: Array<string | number>): TemplateValue {
  let current = value;
  for (const segment of path) {
    const next = Array.isArray(current) ? current[Number(segment)] : isRecord(current) ? current[String(segment)] : undefined;
    if (next === undefined) throw new Error(`no value at ${path.join('/')}`);
    current = next;
  }
  return current;
}


/** A one-resource YAML template whose `Properties.Value` is `yaml` (written after `Value:`). */
export function yamlWithValue(yaml: string): string {
  return ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:', `      Value: ${yaml}`, ''].join('\n');
}
