/** RFC 6901 JSON pointers, and walking them over a parsed source tree to find a position. */
import type { JsonPointer } from './types';

/** Pointer segments, unescaped (`~1` is `/`, `~0` is `~`). A string not starting with `/` points at the root. */
export function parsePointer(pointer: JsonPointer): string[] {
  if (!pointer.startsWith('/')) return [];
  const segments = pointer.slice(1).split('/');
  // Pointers are parsed at every step of extraction: most have nothing escaped.
  return pointer.includes('~') ? segments.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

/** The pointer for a path of keys and indexes, escaped per RFC 6901. */
export function formatPointer(path: ReadonlyArray<string | number>): JsonPointer {
  let pointer = '';
  for (const segment of path) pointer = childPointer(pointer, segment);
  return pointer;
}

/** The pointer of a key or index under `parent`: every node of a template is named so once. */
export function childPointer(parent: JsonPointer, segment: string | number): JsonPointer {
  if (typeof segment === 'number') return `${parent}/${segment}`;
  return `${parent}/${segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment}`;
}

/** One step down a source tree: the child at `segment` and the offset that stands for it. */
export type PointerStep<Cursor> = (cursor: Cursor, segment: string) => { cursor: Cursor; offset: number } | undefined;

/** Offset of the node at `pointer`, or of its nearest existing ancestor. */
export function offsetOfPointer<Cursor>(root: Cursor, rootOffset: number, pointer: JsonPointer, step: PointerStep<Cursor>): number {
  let cursor = root;
  let offset = rootOffset;
  for (const segment of parsePointer(pointer)) {
    const next = step(cursor, segment);
    if (next === undefined) break;
    cursor = next.cursor;
    offset = next.offset;
  }
  return offset;
}

/** An array index segment: `0` or a number without leading zeros (RFC 6901). */
export function arrayIndex(segment: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : undefined;
}
