/**
 * Suppressions written in a template. On a resource, `Metadata.iamgate.suppressions` (the
 * contract shared with the CDK integration, docs/suppressions.md) applies to the findings on
 * that resource; `cdk_nag`, `cfn_nag` and `checkov` metadata are migrated where their rules
 * mean what iamgate's do. `cdk_nag` metadata on the template itself (stack suppressions)
 * applies to the whole stack.
 */
import type { JsonPointer, LoadedTemplate, TemplateValue } from '../template/types';
import type { TemplateResolver } from '../resolve/types';
import type { WrittenAt } from './config';
import { formatResolvedString, toResolvedString } from '../resolve';
import { FOREIGN_TOOLS, readForeignSuppressions } from './foreign-suppressions';
import { readSuppressionFields, SUPPRESSION_FIELDS, type SuppressionFields } from './suppression-fields';
import { globPattern, type SubjectPattern, type SuppressionEntry } from './suppressions';
import { child, describeValue, unknownKeys, type Problem } from './value-checks';
import { isRecord } from '../template/values';

export interface TemplateSuppressions {
  /** In precedence order: iamgate's own first, then migrated ones. */
  entries: SuppressionEntry[];
  problems: Problem[];
}

interface ReadContext {
  template: LoadedTemplate;
  resolver: TemplateResolver;
  knownRuleIds: ReadonlySet<string>;
  problems: Problem[];
}

const writtenAt = (template: LoadedTemplate, at: JsonPointer): WrittenAt => ({ file: template.file, ...template.locate(at) });

/** An `appliesTo` entry: a glob as written, or an intrinsic (CDK tokens) resolved to the form findings show. */
function appliesToPattern(entry: { value: TemplateValue; at: JsonPointer }, context: ReadContext): string | undefined {
  if (typeof entry.value === 'string') return namingOwnResources(entry.value, entry.at, context) ?? entry.value;
  const node = context.resolver.resolveAt(entry.at);
  const resolved = node === undefined ? undefined : toResolvedString(node);
  if (resolved !== undefined && !(typeof resolved === 'object' && resolved.kind === 'unknown')) return formatResolvedString(resolved);
  context.problems.push({ at: entry.at, message: `an "appliesTo" entry must be a string, or an intrinsic function that resolves to one; got ${describeValue(entry.value)}` });
  return undefined;
}

/**
 * A glob that names the template's resources as `${Bucket.Arn}` or `${Bucket}` is read as
 * `Fn::Sub` would write it, the form findings show (`arn:${AWS::Partition}:s3:::${Bucket}`);
 * `undefined` when it names none (or names one the template lacks).
 */
function namingOwnResources(glob: string, at: JsonPointer, context: ReadContext): string | undefined {
  const names = [...glob.matchAll(/\$\{([^}!]+)\}/g)].map((m) => m[1]!.split('.')[0]!);
  const resources = isRecord(context.template.body.Resources) ? context.template.body.Resources : {};
  if (names.length === 0 || !names.every((name) => name.startsWith('AWS::') || Object.hasOwn(resources, name))) return undefined;
  if (names.every((name) => name.startsWith('AWS::'))) return undefined;
  const node = context.resolver.resolveValue({ 'Fn::Sub': glob }, at);
  const resolved = node === undefined ? undefined : toResolvedString(node);
  return resolved === undefined || (typeof resolved === 'object' && resolved.kind === 'unknown') ? undefined : formatResolvedString(resolved);
}

function ownEntry(fields: SuppressionFields, at: JsonPointer, logicalId: string, context: ReadContext): SuppressionEntry | undefined {
  const written = fields.appliesTo ?? [];
  const globs = written.flatMap((entry) => appliesToPattern(entry, context) ?? []);
  // An entry that cannot be read was reported; the suppression must not hold wider without it.
  if (globs.length < written.length) return undefined;
  const appliesTo: SubjectPattern[] = globs.map(globPattern);
  const key = JSON.stringify([fields.id, fields.reason, globs, fields.expires ?? '', fields.ticket ?? '']);
  return {
    ruleIds: [fields.id],
    source: 'template-metadata',
    reason: fields.reason,
    ...(fields.ticket !== undefined ? { ticket: fields.ticket } : {}),
    ...(fields.expires !== undefined ? { expires: fields.expires } : {}),
    at: writtenAt(context.template, at),
    reaches: (location) => location.logicalId === logicalId,
    appliesTo,
    tracking: { kind: 'template', key, logicalId },
  };
}

function ownEntries(metadata: TemplateValue, at: JsonPointer, logicalId: string, context: ReadContext): SuppressionEntry[] {
  const { problems } = context;
  if (!isRecord(metadata)) {
    problems.push({ at, message: `Metadata "iamgate" must be a mapping with "suppressions", got ${describeValue(metadata)}` });
    return [];
  }
  problems.push(...unknownKeys(metadata, ['suppressions'], at, 'Metadata "iamgate"'));
  const list = metadata.suppressions;
  const listAt = child(at, 'suppressions');
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({ at: listAt, message: `"suppressions" must be a list, got ${describeValue(list)}` });
    return [];
  }
  return list.flatMap((item, i): SuppressionEntry[] => {
    const itemAt = child(listAt, i);
    if (!isRecord(item)) {
      problems.push({ at: itemAt, message: `a suppression must be a mapping with id and reason, got ${describeValue(item)}` });
      return [];
    }
    problems.push(...unknownKeys(item, SUPPRESSION_FIELDS, itemAt, 'a suppression'));
    const fields = readSuppressionFields(item, itemAt, context.knownRuleIds, problems);
    const entry = fields && ownEntry(fields, itemAt, logicalId, context);
    return entry ? [entry] : [];
  });
}

export function readTemplateSuppressions(
  template: LoadedTemplate,
  resolver: TemplateResolver,
  knownRuleIds: ReadonlySet<string>,
): TemplateSuppressions {
  const context: ReadContext = { template, resolver, knownRuleIds, problems: [] };
  const own: SuppressionEntry[] = [];
  const migrated: SuppressionEntry[] = [];
  const foreign = (metadata: TemplateValue, reaches: SuppressionEntry['reaches'], at: JsonPointer) => {
    for (const tool of FOREIGN_TOOLS) {
      if (!isRecord(metadata) || metadata[tool] === undefined) continue;
      const locate = (pointer: JsonPointer) => writtenAt(template, pointer);
      migrated.push(...readForeignSuppressions(metadata[tool], child(at, tool), { tool, knownRuleIds, locate, reaches }));
    }
  };

  foreign(template.body.Metadata, () => true, '/Metadata');
  const resources = template.body.Resources;
  if (isRecord(resources)) {
    for (const [logicalId, resource] of Object.entries(resources)) {
      const metadata = isRecord(resource) ? resource.Metadata : undefined;
      if (!isRecord(metadata)) continue;
      const at = child(child('/Resources', logicalId), 'Metadata');
      if (metadata.iamgate !== undefined) own.push(...ownEntries(metadata.iamgate, child(at, 'iamgate'), logicalId, context));
      foreign(metadata, (location) => location.logicalId === logicalId, at);
    }
  }
  return { entries: [...own, ...migrated], problems: context.problems };
}
