import type { LoadError, LoadedTemplate, LoadResult, TemplateObject, TemplateValue } from '../../src/template';

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
    const next = Array.isArray(current) ? current[Number(segment)] : isObject(current) ? current[String(segment)] : undefined;
    if (next === undefined) throw new Error(`no value at ${path.join('/')}`);
    current = next;
  }
  return current;
}

function isObject(value: TemplateValue): value is TemplateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A one-resource YAML template whose `Properties.Value` is `yaml` (written after `Value:`). */
export function yamlWithValue(yaml: string): string {
  return ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:', `      Value: ${yaml}`, ''].join('\n');
}
