/**
 * Template values written as CloudFormation YAML with short-form intrinsics (`!Ref Topic`,
 * `!GetAtt Queue.Arn`, `!Sub '${Bucket.Arn}/*'`): how fixes show snippets, and how `iamgate fix`
 * writes what it inserts into a YAML template.
 */
import type { TemplateObject, TemplateValue } from '../../template/types';

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~|-?\d[\d_.eE+-]*|0x[0-9a-f]+|\.inf|\.nan)$/i;

/** A scalar as YAML reads it back unchanged: plain when safe, single-quoted otherwise. */
export function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  if (/^[A-Za-z0-9_./@$-][A-Za-z0-9_./@:*$-]*$/.test(value) && !RESERVED.test(value) && !value.endsWith(':')) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

function isObject(value: TemplateValue): value is TemplateObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The short form of a one-key intrinsic whose argument fits on the line, e.g. `!GetAtt Queue.Arn`. */
function shortIntrinsic(value: TemplateObject): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  const argument = value[key]!;
  if (key === 'Ref' && typeof argument === 'string') return `!Ref ${yamlScalar(argument)}`;
  if (key === 'Fn::GetAtt' && Array.isArray(argument) && argument.every((a) => typeof a === 'string')) return `!GetAtt ${argument.join('.')}`;
  if (key === 'Fn::Sub' && typeof argument === 'string') return `!Sub ${yamlScalar(argument)}`;
  return undefined;
}

/** The value on one line, when it fits there: scalars, short intrinsics, empty collections. */
export function inlineYaml(value: TemplateValue): string | undefined {
  if (value === null || typeof value !== 'object') return yamlScalar(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  return Object.keys(value).length === 0 ? '{}' : shortIntrinsic(value);
}

/** Lines of a mapping or list in block style, each starting with `indent` spaces. */
export function blockYaml(value: TemplateObject | TemplateValue[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const inline = inlineYaml(item);
      if (inline !== undefined) return [`${pad}- ${inline}`];
      const lines = blockYaml(item as TemplateObject | TemplateValue[], indent + 2);
      return [`${pad}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1)];
    });
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const inline = inlineYaml(item);
    if (inline !== undefined) return [`${pad}${yamlScalar(key)}: ${inline}`];
    return [`${pad}${yamlScalar(key)}:`, ...blockYaml(item as TemplateObject | TemplateValue[], indent + 2)];
  });
}

/** A snippet: the value in block style (or on one line), without a trailing newline. */
export function yamlSnippet(value: TemplateValue): string {
  const inline = isObject(value) || Array.isArray(value) ? inlineYaml(value) : yamlScalar(value);
  return inline ?? blockYaml(value as TemplateObject | TemplateValue[], 0).join('\n');
}

/** The value in flow style on one line: `{ Bool: { aws:SecureTransport: 'false' } }`. */
export function flowYaml(value: TemplateValue): string {
  const inline = inlineYaml(value);
  if (inline !== undefined) return inline;
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  return `{ ${Object.entries(value as TemplateObject)
    .map(([key, item]) => `${yamlScalar(key)}: ${flowYaml(item)}`)
    .join(', ')} }`;
}
