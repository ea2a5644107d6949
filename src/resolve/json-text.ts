/**
 * Values that are not template nodes: JSON strings (`Logs::ResourcePolicy`, `Fn::Sub`-built key
 * policies, the object CDK's `CfnJson` returns) and AWS-managed documents. They have no positions
 * of their own, so every node they yield carries the pointer of the property (or reference) they
 * came from. What a string built by `Fn::Sub`/`Fn::Join` refers to stays a reference.
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import type { ResolvedNode, StringPart, SymbolicNode } from './types';
import { concatParts } from './strings';

/** A resolved value with no open `Fn::If` in it. */
export type DecidedNode = Exclude<ResolvedNode, { kind: 'choice' }>;

/** How the caller reports text that cannot be read; it does not return. */
export type JsonTextFailure = (message: string, at: JsonPointer) => never;

/** Deeper than any real policy; bounds recursion on hostile input. */
const MAX_DOCUMENT_DEPTH = 64;

/** Values written in iamgate itself (a snapshot document, the trust SAM writes) are never that deep. */
const unexpected: JsonTextFailure = (message) => {
  throw new Error(message);
};

/** A plain JSON value as resolved nodes that all point at `at`. */
export function literalNode(value: TemplateValue, at: JsonPointer, fail: JsonTextFailure = unexpected): DecidedNode {
  return toNode(value, at, (text) => ({ kind: 'scalar', value: text, at }), 0, fail);
}

/** The value a JSON string holds; `property` names the string in messages. */
export function parseJsonText(text: string | SymbolicNode, at: JsonPointer, property: string, fail: JsonTextFailure): DecidedNode {
  if (typeof text === 'string') return literalNode(parseJson(text, at, property, fail), at, fail);
  const { json, parts } = withPlaceholders(text.parts, at, fail);
  const parsed = parseJson(json, at, property, fail);
  return toNode(parsed, at, (s) => restoreString(s, parts, at), 0, fail, parts);
}

function parseJson(text: string, at: JsonPointer, property: string, fail: JsonTextFailure): TemplateValue {
  try {
    return JSON.parse(text) as TemplateValue;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`${property} is a string that is not valid JSON: ${detail}`, at);
  }
}

// Private-use characters: JSON needs no escaping for them and templates do not use them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

function withPlaceholders(parts: readonly StringPart[], at: JsonPointer, fail: JsonTextFailure): { json: string; parts: StringPart[] } {
  const references: StringPart[] = [];
  let json = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part.includes(OPEN) || part.includes(CLOSE)) fail('policy text holds reserved private-use characters', at);
      json += part;
    } else {
      json += `${OPEN}${references.length}${CLOSE}`;
      references.push(part);
    }
  }
  return { json, parts: references };
}

function restoreString(text: string, references: readonly StringPart[], at: JsonPointer): DecidedNode {
  if (!text.includes(OPEN)) return { kind: 'scalar', value: text, at };
  const parts: StringPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, match.index), references[Number(match[1])]);
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  const value = concatParts(parts);
  if (typeof value === 'string') return { kind: 'scalar', value, at };
  if (value.kind === 'unknown') return { kind: 'unknown', reason: value.reason, at };
  return { kind: 'symbolic', parts: value.parts, at };
}

function toNode(
  value: TemplateValue,
  at: JsonPointer,
  string: (s: string) => DecidedNode,
  depth: number,
  fail: JsonTextFailure,
  references: readonly StringPart[] = [],
): DecidedNode {
  if (depth > MAX_DOCUMENT_DEPTH) fail(`policy document nested deeper than ${MAX_DOCUMENT_DEPTH} levels`, at);
  if (typeof value === 'string') return string(value);
  if (value === null || typeof value !== 'object') return { kind: 'scalar', value, at };
  if (Array.isArray(value)) return { kind: 'list', at, items: value.map((v) => toNode(v, at, string, depth + 1, fail, references)) };
  const entries = new Map<string, DecidedNode>();
  for (const [key, v] of Object.entries(value)) {
    entries.set(restoreKey(key, references), toNode(v, at, string, depth + 1, fail, references));
  }
  return { kind: 'map', at, entries };
}

/**
 * Keys are plain strings: a reference inside one (a condition key built with `${AWS::Region}`) is
 * spelled out, as the value the template fixes for it when it does (an OIDC provider's host).
 */
function restoreKey(key: string, references: readonly StringPart[]): string {
  return key.replace(PLACEHOLDER, (_, i: string) => {
    const part = references[Number(i)];
    if (typeof part === 'string') return part;
    if (part.kind === 'pseudo') return `\${${part.name}}`;
    if (part.kind === 'resource') return part.knownValue ?? (part.attribute === 'Ref' ? `\${${part.logicalId}}` : `\${${part.logicalId}.${part.attribute}}`);
    return '${?}';
  });
}
