/**
 * Resolved strings: building them from parts, reading them off nodes, showing them to people.
 */
import type { JsonPointer } from '../template/types';
import type { ResolvedNode, ResolvedString, StringPart } from './types';
import { ResolveError } from './types';

/**
 * Longest string resolution builds, in characters (a reference counts as one): as long as a
 * whole template may be. Nested `Fn::Sub` or `Fn::ToJsonString` can double a string per level.
 */
export const MAX_STRING_LENGTH = 1_000_000;

/**
 * A string made of `parts`: adjacent literals merged, empty literals dropped. Only literals
 * left → a plain string; exactly one unknown part → an unknown (it says nothing more than that).
 */
export function concatParts(parts: readonly StringPart[]): ResolvedString {
  const merged: StringPart[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  if (merged.length === 0) return '';
  const only = merged[0];
  if (merged.length === 1 && typeof only === 'string') return only;
  if (merged.length === 1 && typeof only !== 'string' && only.kind === 'unknown') return { kind: 'unknown', reason: only.reason };
  return { kind: 'symbolic', parts: merged };
}

export function isLiteral(value: ResolvedString): value is string {
  return typeof value === 'string';
}

/** The parts a resolved string is made of (a literal is one part, an unknown one unknown part). */
export function partsOf(value: ResolvedString): StringPart[] {
  if (typeof value === 'string') return [value];
  if (value.kind === 'symbolic') return value.parts;
  return [{ kind: 'unknown', reason: value.reason }];
}

/** The string a node holds, or `undefined` when it holds a number, boolean, null, list, map or choice. */
export function toResolvedString(node: ResolvedNode): ResolvedString | undefined {
  switch (node.kind) {
    case 'scalar':
      return typeof node.value === 'string' ? node.value : undefined;
    case 'symbolic':
      return { kind: 'symbolic', parts: node.parts };
    case 'unknown':
      return { kind: 'unknown', reason: node.reason };
    default:
      return undefined;
  }
}

/** The node for a resolved string; one longer than MAX_STRING_LENGTH is a `ResolveError`. */
/** The string followed by literal text (a bucket's ARN and `/*`, its objects); an unknown stays unknown. */
export function withSuffix(value: ResolvedString, suffix: string): ResolvedString {
  return typeof value === 'object' && value.kind === 'unknown' ? value : concatParts([...partsOf(value), suffix]);
}

export function stringNode(value: ResolvedString, at: JsonPointer): ResolvedNode {
  const length = partsOf(value).reduce((sum, part) => sum + (typeof part === 'string' ? part.length : 1), 0);
  if (length > MAX_STRING_LENGTH) throw new ResolveError(`a string built here is longer than ${MAX_STRING_LENGTH} characters`, at);
  if (typeof value === 'string') return { kind: 'scalar', value, at };
  if (value.kind === 'symbolic') return { kind: 'symbolic', parts: value.parts, at };
  return { kind: 'unknown', reason: value.reason, at };
}

/** One part as it reads in `Fn::Sub` syntax: `${AWS::Region}`, `${Bucket}`, `${Role.Arn}`, `<unknown: why>`. */
export function formatPart(part: StringPart): string {
  if (typeof part === 'string') return part;
  switch (part.kind) {
    case 'pseudo':
      return `\${${part.name}}`;
    case 'resource': {
      const name = part.attribute === 'Ref' ? part.logicalId : `${part.logicalId}.${part.attribute}`;
      return `\${${part.stack === undefined ? '' : `${part.stack}/`}${name}}`;
    }
    case 'unknown':
      return `<unknown: ${part.reason}>`;
  }
}

/** For messages and fingerprints: `arn:${AWS::Partition}:s3:::${DataBucket}/*`. */
export function formatResolvedString(value: ResolvedString): string {
  return partsOf(value).map(formatPart).join('');
}
