/**
 * Template values written as CloudFormation YAML with short-form intrinsics (`!Ref Topic`,
 * `!GetAtt Queue.Arn`, `!Sub '${Bucket.Arn}/*'`): how fixes show snippets, and how `iamgate fix`
 * writes what it inserts into a YAML template, and `iamgate generate --format yaml`.
 */
import type { TemplateObject, TemplateValue } from './types';
import { intrinsicCall } from './intrinsic-call';
import { shortFormOf } from './yaml-tags';

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~|-?\d[\d_.eE+-]*|0x[0-9a-f]+|\.inf|\.nan)$/i;

/** A scalar as YAML reads it back unchanged: plain when safe, single-quoted otherwise. */
export function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  if (/^[A-Za-z0-9_./@$-][A-Za-z0-9_./@:*$-]*$/.test(value) && !RESERVED.test(value) && !value.endsWith(':')) return value;
  return `'${value.replace(/'/g, "''")}'`;
}


/** A one-key intrinsic as its short-form tag and argument: `{ "Fn::Join": [...] }` → `!Join` and `[...]`. */
function tagged(value: TemplateValue): { tag: string; argument: TemplateValue } | undefined {
  // Never `Condition`: as a key of a statement it is the condition block, not the intrinsic.
  const call = intrinsicCall(value);
  const tag = call && shortFormOf(call.name);
  if (!call || tag === undefined) return undefined;
  const { name, argument } = call;
  // `!GetAtt Queue.Arn`: the dotted form is the one people write.
  if (name === 'Fn::GetAtt' && Array.isArray(argument) && argument.every((a) => typeof a === 'string')) return { tag, argument: argument.join('.') };
  return { tag, argument };
}

/** The value on one line, when it fits there: scalars, intrinsics of a scalar, empty collections. */
export function inlineYaml(value: TemplateValue): string | undefined {
  const intrinsic = tagged(value);
  if (intrinsic) {
    const argument = inlineYaml(intrinsic.argument);
    return argument === undefined ? undefined : `${intrinsic.tag} ${argument}`;
  }
  if (value === null || typeof value !== 'object') return yamlScalar(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  return Object.keys(value).length === 0 ? '{}' : undefined;
}

/** What follows `- ` or `key: `: the value on the same line, or a tag there and the block below. */
function nested(value: TemplateValue, indent: number): { head: string; below: string[] } {
  const inline = inlineYaml(value);
  if (inline !== undefined) return { head: ` ${inline}`, below: [] };
  const intrinsic = tagged(value);
  if (intrinsic) return { head: ` ${intrinsic.tag}`, below: blockYaml(intrinsic.argument as TemplateObject | TemplateValue[], indent) };
  return { head: '', below: blockYaml(value as TemplateObject | TemplateValue[], indent) };
}

/** Lines of a mapping or list in block style, each starting with `indent` spaces. */
export function blockYaml(value: TemplateObject | TemplateValue[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const { head, below } = nested(item, indent + 2);
      // A plain mapping or list starts on the dash's line.
      if (head === '') return [`${pad}- ${below[0]!.slice(indent + 2)}`, ...below.slice(1)];
      return [`${pad}-${head}`, ...below];
    });
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const { head, below } = nested(item, indent + 2);
    return [`${pad}${yamlScalar(key)}:${head}`, ...below];
  });
}

/** A snippet: the value in block style (or on one line), without a trailing newline. */
export function yamlSnippet(value: TemplateValue): string {
  const { head, below } = nested(value, 0);
  return [head.trimStart(), ...below].filter((line) => line !== '').join('\n');
}

/** The value in flow style on one line: `{ Bool: { aws:SecureTransport: 'false' } }`. */
export function flowYaml(value: TemplateValue): string {
  const inline = inlineYaml(value);
  if (inline !== undefined) return inline;
  const intrinsic = tagged(value);
  if (intrinsic) return `${intrinsic.tag} ${flowYaml(intrinsic.argument)}`;
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  return `{ ${Object.entries(value as TemplateObject)
    .map(([key, item]) => `${yamlScalar(key)}: ${flowYaml(item)}`)
    .join(', ')} }`;
}
