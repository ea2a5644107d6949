/**
 * `AWS::LanguageExtensions` loops among the resources, expanded as the transform expands them so
 * that the resources they make are analysed like any other:
 *
 *   Fn::ForEach::Topics: [Name, [Orders, Refunds], {'${Name}Topic': {Type: AWS::SNS::Topic, ...}}]
 *
 * makes `OrdersTopic` and `RefundsTopic`. In an output key `${Name}` stands for the item and
 * `&{Name}` for the item without its non-alphanumeric characters; in the fragment, `Ref: Name` and
 * `${Name}` in `Fn::Sub` stand for the item. A loop whose collection is not known statically, or
 * that is not written as the transform requires, cannot be expanded: that is an error, never a
 * loop left unread. Findings in an expanded resource point into the loop's fragment.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from './types';
import { childPointer, parsePointer } from './pointer';
import { isRecord, splitListParameter } from './values';
import { MAX_LOOP_RESOURCES } from './limits';

const LOOP_PREFIX = 'Fn::ForEach::';

export type LoopExpansion =
  | {
      ok: true;
      body: TemplateObject;
      /** The pointer where the value an expanded pointer names is written. */
      written(pointer: JsonPointer): JsonPointer;
    }
  | { ok: false; message: string; pointer: JsonPointer };

class LoopError extends Error {
  constructor(
    message: string,
    readonly pointer: JsonPointer,
  ) {
    super(message);
  }
}

/**
 * The template with its resource loops expanded; the template itself when it has none.
 * `given`: parameter values given for this template (`--parameter`, the config), which a loop
 * over a list parameter takes before the parameter's `Default`, as a deployment would.
 */
export function expandResourceLoops(body: TemplateObject, given: Readonly<Record<string, string>> = {}): LoopExpansion {
  const resources = body.Resources;
  if (!isRecord(resources) || !Object.keys(resources).some(isLoopKey)) return { ok: true, body, written: (pointer) => pointer };
  const origins = new Map<string, JsonPointer>();
  const expanded: TemplateObject = {};
  try {
    const parameters = listsOf(isRecord(body.Parameters) ? body.Parameters : {}, given);
    for (const [key, value] of Object.entries(resources)) {
      const at = childPointer('/Resources', key);
      if (isLoopKey(key)) expandLoop({ key, loop: value, at, outer: new Map(), parameters }, expanded, origins);
      else add(expanded, origins, key, value, at);
    }
  } catch (error) {
    if (error instanceof LoopError) return { ok: false, message: error.message, pointer: error.pointer };
    throw error;
  }
  return {
    ok: true,
    body: { ...body, Resources: expanded },
    written(pointer) {
      const [section, logicalId, ...rest] = parsePointer(pointer);
      const origin = section === 'Resources' && logicalId !== undefined ? origins.get(logicalId) : undefined;
      return origin === undefined ? pointer : rest.reduce<JsonPointer>(childPointer, origin);
    },
  };
}

function isLoopKey(key: string): boolean {
  return key.startsWith(LOOP_PREFIX);
}

function add(into: TemplateObject, origins: Map<string, JsonPointer>, logicalId: string, value: TemplateValue, at: JsonPointer): void {
  if (Object.hasOwn(into, logicalId)) throw new LoopError(`Fn::ForEach makes resource ${logicalId} twice, or one the template already has`, at);
  if (origins.size >= MAX_LOOP_RESOURCES) throw new LoopError(`Fn::ForEach makes more than ${MAX_LOOP_RESOURCES} resources (CloudFormation accepts 500)`, at);
  into[logicalId] = value;
  origins.set(logicalId, at);
}

interface Loop {
  key: string;
  loop: TemplateValue;
  at: JsonPointer;
  /** The items of the loops around this one, by identifier. */
  outer: ReadonlyMap<string, TemplateValue>;
  /** The list each parameter stands for, when known. */
  parameters: ReadonlyMap<string, readonly TemplateValue[]>;
}

/** One loop: every resource it makes goes into `into`. */
function expandLoop({ key, loop, at, outer, parameters }: Loop, into: TemplateObject, origins: Map<string, JsonPointer>): void {
  if (!Array.isArray(loop) || loop.length !== 3) throw new LoopError(`${key} must be a list of an identifier, a collection and a fragment`, at);
  const [identifier, collection, fragment] = loop;
  if (typeof identifier !== 'string' || identifier === '') throw new LoopError(`${key}: the identifier must be a string`, childPointer(at, 0));
  if (!isRecord(fragment)) throw new LoopError(`${key}: the fragment must be a mapping of output keys to resources`, childPointer(at, 2));
  for (const item of itemsOf(key, substitute(collection, outer), parameters, childPointer(at, 1))) {
    const bound = new Map(outer).set(identifier, item);
    for (const [outputKey, value] of Object.entries(fragment)) {
      const valueAt = childPointer(childPointer(at, 2), outputKey);
      if (isLoopKey(outputKey)) expandLoop({ key: outputKey, loop: value, at: valueAt, outer: bound, parameters }, into, origins);
      else add(into, origins, substituteKey(outputKey, bound, valueAt), substitute(value, bound), valueAt);
    }
  }
}

/** Each declared parameter's list: the value given for it, else its `Default`. */
function listsOf(declared: TemplateObject, given: Readonly<Record<string, string>>): Map<string, readonly TemplateValue[]> {
  const lists = new Map<string, readonly TemplateValue[]>();
  for (const [name, declaration] of Object.entries(declared)) {
    const value = given[name] ?? (isRecord(declaration) ? declaration.Default : undefined);
    if (typeof value === 'string') lists.set(name, splitListParameter(value));
    else if (Array.isArray(value)) lists.set(name, value);
  }
  return lists;
}

/** The collection's items: a list written out, or the list parameter it names. */
function itemsOf(key: string, collection: TemplateValue, parameters: ReadonlyMap<string, readonly TemplateValue[]>, at: JsonPointer): readonly TemplateValue[] {
  if (Array.isArray(collection)) return collection;
  const items = isRecord(collection) && typeof collection.Ref === 'string' ? parameters.get(collection.Ref) : undefined;
  if (items !== undefined) return items;
  throw new LoopError(
    `${key}: the collection is not known statically, so the resources the loop makes cannot be analysed; write the list out, give its parameter a Default, or give its value (--parameter Name=a,b)`,
    at,
  );
}

/** An output key with `${Id}` as the item and `&{Id}` as the item's alphanumeric characters; the item must be a string. */
function substituteKey(key: string, bound: ReadonlyMap<string, TemplateValue>, at: JsonPointer): string {
  for (const [, name] of key.matchAll(/[$&]\{([^}]*)\}/g)) {
    const item = bound.get(name!);
    if (item !== undefined && typeof item !== 'string') throw new LoopError(`Fn::ForEach: the item ${name} stands for in output key ${key} is not a string`, at);
  }
  return placeholders(key, bound);
}

/**
 * The fragment with the items in: `Ref: Id` is the item; in `Fn::Sub` text, in the logical ids
 * `Ref`, `Fn::GetAtt` and `DependsOn` name (`!Ref 'Queue${Id}'`, the resources the loop makes),
 * `${Id}` and `&{Id}` are as in output keys.
 */
function substitute(value: TemplateValue, bound: ReadonlyMap<string, TemplateValue>): TemplateValue {
  if (bound.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => substitute(item, bound));
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === 'Ref' && typeof value.Ref === 'string') return bound.has(value.Ref) ? bound.get(value.Ref)! : { Ref: placeholders(value.Ref, bound) };
  if (only === 'Fn::Sub' || only === 'Fn::GetAtt') return { [only]: substituteText(value[only]!, bound) };
  const out: TemplateObject = {};
  for (const key of keys) out[key] = key === 'DependsOn' ? substituteText(value[key]!, bound) : substitute(value[key]!, bound);
  return out;
}

/** Strings, and the strings of a list, with their placeholders filled; other values substituted. */
function substituteText(argument: TemplateValue, bound: ReadonlyMap<string, TemplateValue>): TemplateValue {
  if (typeof argument === 'string') return placeholders(argument, bound);
  if (Array.isArray(argument)) return argument.map((item) => (typeof item === 'string' ? placeholders(item, bound) : substitute(item, bound)));
  return substitute(argument, bound);
}

/** `${Id}` as the item and `&{Id}` as its alphanumeric characters, where the item is a string. */
function placeholders(text: string, bound: ReadonlyMap<string, TemplateValue>): string {
  return text.replace(/([$&])\{([^}]*)\}/g, (whole, sigil: string, name: string) => {
    const item = bound.get(name);
    if (typeof item !== 'string') return whole;
    return sigil === '&' ? item.replace(/[^A-Za-z0-9]/g, '') : item;
  });
}
