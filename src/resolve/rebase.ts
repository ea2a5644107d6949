/**
 * Resolved values moved between stacks: an export seen from the stack that imports it.
 */
import type { JsonPointer } from '../template/types';
import type { StringPart } from './types';
import type { Resolved } from './context';

export interface Rebase {
  /** The pointer every node gets. */
  at?: JsonPointer;
  /** The stack resource references live in, when they do not say yet. */
  stack?: string;
}

export function rebase<T extends Resolved>(node: T, change: Rebase): T;
export function rebase(node: Resolved, change: Rebase): Resolved {
  const at = change.at ?? node.at;
  switch (node.kind) {
    case 'symbolic':
      return { ...node, at, parts: node.parts.map((part) => inStack(part, change.stack)) };
    case 'list':
      return { ...node, at, items: node.items.map((item) => rebase(item, change)) };
    case 'map':
      return { ...node, at, entries: new Map([...node.entries].map(([key, value]) => [key, rebase(value, change)])) };
    case 'choice':
      return { ...node, at, whenTrue: rebase(node.whenTrue, change), whenFalse: rebase(node.whenFalse, change) };
    default:
      return { ...node, at };
  }
}

function inStack(part: StringPart, stack: string | undefined): StringPart {
  if (stack === undefined || typeof part === 'string' || part.kind !== 'resource' || part.stack !== undefined) return part;
  return { ...part, stack };
}
