/**
 * Reading a generate spec (YAML or JSON). Every problem names the exact node, so it is reported
 * as `file:line:column`; all problems are reported at once.
 *
 * ```yaml
 * grants:
 *   - service: s3                      # optional: each ARN's service segment says it
 *     read: [!Sub '${Bucket.Arn}/*']
 *     list: Bucket                     # a logical id of --template
 *     conditions: { Bool: { aws:SecureTransport: 'true' } }
 *   - actions: ['sqs:SendMessage', 'sqs:Get*']
 *     resources: [!GetAtt Queue.Arn]
 * ```
 */
import { parseJson } from '../template/json';
import { parseYaml } from '../template/yaml';
import { formatOf } from '../template/parse-template';
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import { child, describeValue, unknownKeys, type Problem } from '../engine/value-checks';
import { parseConditionOperator } from '../iam';
import { intrinsicCall } from '../template/intrinsic-call';
import type { Located } from '../extract/types';
import { SPEC_LEVELS, SpecError, type ActionsEntry, type GenerateSpec, type LevelEntry, type SpecArn, type SpecEntry, type SpecLevel } from './types';
import { isRecord } from '../template/values';

const ENTRY_KEYS: readonly string[] = ['service', ...SPEC_LEVELS, 'actions', 'resources', 'conditions'];

/** Problems found while reading one spec value; `undefined` results mean "reported, skip". */
class SpecReader {
  readonly problems: Problem[] = [];

  problem(at: JsonPointer, message: string): undefined {
    this.problems.push({ at, message });
    return undefined;
  }

  /** A scalar or a list of them: `read: arn` is `read: [arn]`. An intrinsic is one item. */
  items(value: TemplateValue, at: JsonPointer, what: string): SpecArn[] {
    const list = Array.isArray(value) ? value.map((item, i) => ({ value: item, at: child(at, i) })) : [{ value, at }];
    if (list.length === 0) this.problem(at, `${what} is empty`);
    return list.filter((item) => this.arn(item, what));
  }

  private arn(item: SpecArn, what: string): boolean {
    const { value, at } = item;
    if (typeof value === 'string' && value.trim() !== '') return true;
    if (intrinsicCall(value)) return true;
    this.problem(at, `${what} entries must be ARNs (strings), logical ids or intrinsics such as !GetAtt Bucket.Arn; got ${describeValue(value)}`);
    return false;
  }

  string(value: TemplateValue | undefined, at: JsonPointer, what: string): Located<string> | undefined {
    if (typeof value === 'string' && value.trim() !== '') return { value: value.trim(), at };
    return this.problem(at, `${what} must be a non-empty string, got ${describeValue(value)}`);
  }

  conditions(value: TemplateValue, at: JsonPointer): Located<TemplateObject> | undefined {
    if (!isRecord(value)) return this.problem(at, `conditions must be a mapping of operator to {key: values}, got ${describeValue(value)}`);
    for (const [operator, test] of Object.entries(value)) {
      const where = child(at, operator);
      if (parseConditionOperator(operator) === undefined) this.problem(where, `unknown condition operator "${operator}"`);
      else if (!isRecord(test) || Object.keys(test).length === 0) this.problem(where, `${operator} must map condition keys to values, got ${describeValue(test)}`);
    }
    return { value, at };
  }
}

function readLevels(reader: SpecReader, entry: TemplateObject, at: JsonPointer): LevelEntry | undefined {
  const levels = new Map<SpecLevel, SpecArn[]>();
  for (const level of SPEC_LEVELS) {
    if (entry[level] !== undefined) levels.set(level, reader.items(entry[level], child(at, level), level));
  }
  if (entry.resources !== undefined) reader.problem(child(at, 'resources'), 'resources go with actions; with access levels, list the ARNs under each level');
  if (levels.size === 0) return reader.problem(at, `a grant needs access levels (${SPEC_LEVELS.join(', ')}) or actions`);
  const service = entry.service === undefined ? undefined : reader.string(entry.service, child(at, 'service'), 'service');
  const conditions = entry.conditions === undefined ? undefined : reader.conditions(entry.conditions, child(at, 'conditions'));
  return { kind: 'levels', at, levels, ...(service && { service }), ...(conditions && { conditions }) };
}

function readActions(reader: SpecReader, entry: TemplateObject, at: JsonPointer): ActionsEntry | undefined {
  for (const key of ['service', ...SPEC_LEVELS]) {
    if (entry[key] !== undefined) reader.problem(child(at, key), `"${key}" cannot go with actions: use one grant for actions and another for access levels`);
  }
  const actionsAt = child(at, 'actions');
  const written = Array.isArray(entry.actions) ? entry.actions : [entry.actions!];
  const actions = written.flatMap((action, i) => reader.string(action, Array.isArray(entry.actions) ? child(actionsAt, i) : actionsAt, 'an action') ?? []);
  if (written.length === 0) reader.problem(actionsAt, 'actions is empty');
  if (entry.resources === undefined) {
    return reader.problem(at, 'a grant with actions needs resources (use "*" for actions that accept only "*")');
  }
  const resources = reader.items(entry.resources, child(at, 'resources'), 'resources');
  const conditions = entry.conditions === undefined ? undefined : reader.conditions(entry.conditions, child(at, 'conditions'));
  return { kind: 'actions', at, actions, resources, ...(conditions && { conditions }) };
}

function readEntries(reader: SpecReader, body: TemplateValue): SpecEntry[] {
  if (!isRecord(body)) {
    reader.problem('', `a spec must be a mapping with a "grants" list, got ${describeValue(body)}`);
    return [];
  }
  reader.problems.push(...unknownKeys(body, ['grants'], '', 'the spec'));
  const grants = body.grants;
  if (!Array.isArray(grants) || grants.length === 0) {
    const got = Array.isArray(grants) ? 'it is empty' : `got ${describeValue(grants)}`;
    reader.problem(grants === undefined ? '' : '/grants', `"grants" must be a non-empty list of grants; ${got}`);
    return [];
  }
  return grants.flatMap((entry, i) => {
    const at = child('/grants', i);
    if (!isRecord(entry)) return reader.problem(at, `each grant must be a mapping, got ${describeValue(entry)}`) ?? [];
    reader.problems.push(...unknownKeys(entry, ENTRY_KEYS, at, 'a grant'));
    return (entry.actions !== undefined ? readActions(reader, entry, at) : readLevels(reader, entry, at)) ?? [];
  });
}

/** A spec read from a file's text; a `SpecError` lists every problem as `file:line:column: message`. */
export function parseSpec(text: string, file: string): GenerateSpec {
  const parsed = formatOf(file, text) === 'json' ? parseJson(text) : parseYaml(text);
  if (!parsed.ok) throw new SpecError([`${file}:${parsed.position.line}:${parsed.position.column}: ${parsed.message}`]);
  const where = (at: JsonPointer): string => {
    const { line, column } = parsed.locate(at);
    return `${file}:${line}:${column}`;
  };
  return specOf(parsed.value, where);
}

/** A spec from a value already in long form (YAML short tags read as `Fn::` keys), e.g. built from flags. */
export function specOf(body: TemplateValue, where: (at: JsonPointer) => string): GenerateSpec {
  const reader = new SpecReader();
  const entries = readEntries(reader, body);
  if (reader.problems.length > 0) throw new SpecError(reader.problems.map((p) => `${where(p.at)}: ${p.message}`));
  return { entries, where };
}
