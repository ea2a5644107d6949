/**
 * Reports are written a piece at a time, so that a report over a spooled scan never exists whole
 * in memory; `collect` gives the whole text where a caller wants a string.
 */
import type { ScanResult } from '../engine/scan';
import type { Finding } from '../rules/types';

/** Receives the report's text in order. */
export type ReportOutput = (text: string) => void;

/** What reports read: a scan's result whose findings may be an array or read back from a spool. */
export type ReportInput = ScanResult<Iterable<Finding>>;

export function collect(write: (out: ReportOutput) => void): string {
  const parts: string[] = [];
  write((text) => parts.push(text));
  return parts.join('');
}

/** Stands for the streamed array in the document around it; replaced before anything is written. */
const STREAMED = '\u0001iamgate:streamed\u0001';

export function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}

/**
 * Writes `JSON.stringify(document, null, 2)` followed by a newline, byte for byte, with the array
 * at `key` taken from `items` one element at a time. `document` holds `streamedArray()` there.
 */
export function writeJsonDocument(out: ReportOutput, document: unknown, key: string, items: Iterable<unknown>): void {
  const stream = streamJsonDocument(out, document, key);
  for (const item of items) stream.add(item);
  stream.end(document);
}

export interface JsonArrayStream {
  add(item: unknown): void;
  /** `document` gives what follows the array; what precedes it must be the first document's. */
  end(document: unknown): void;
}

/**
 * `writeJsonDocument` for elements that come one at a time: what precedes the array is written
 * now, each element as it is added, and what follows from the document given to `end` (members
 * after the array may only be known once every element is).
 */
export function streamJsonDocument(out: ReportOutput, document: unknown, key: string): JsonArrayStream {
  const head = placeArray(document, key);
  out(head.text.slice(0, head.start));
  let first = true;
  return {
    add(item) {
      const element = JSON.stringify(item, null, 2).replace(/\n/g, `\n${head.indent}  `);
      out(`${first ? '[\n' : ',\n'}${head.indent}  ${element}`);
      first = false;
    },
    end(final) {
      out(first ? '[]' : `\n${head.indent}]`);
      const tail = placeArray(final, key);
      out(`${tail.text.slice(tail.end)}\n`);
    },
  };
}

/** The document as text, and where its streamed array's marker starts and ends, at what indentation. */
function placeArray(document: unknown, key: string): { text: string; start: number; end: number; indent: string } {
  const text = JSON.stringify(document, null, 2);
  // Inside a JSON string every quote is escaped, so the key followed by the marker is found only where it is a member.
  const marker = JSON.stringify(STREAMED);
  const member = `${JSON.stringify(key)}: ${marker}`;
  const at = text.indexOf(member);
  if (at === -1) throw new Error(`writeJsonDocument: no streamed array at "${key}"`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  return { text, start: at + member.length - marker.length, end: at + member.length, indent: ' '.repeat(at - lineStart) };
}

/** The placeholder for `writeJsonDocument`'s streamed array. */
export const streamedArray = (): never[] => STREAMED as unknown as never[];

/** Consecutive items with the same key, as [key, items] pairs: findings in report order come file by file. */
export function* runsOf<T>(items: Iterable<T>, keyOf: (item: T) => string): Iterable<[string, T[]]> {
  let key: string | undefined;
  let run: T[] = [];
  for (const item of items) {
    const itemKey = keyOf(item);
    if (itemKey !== key) {
      if (key !== undefined) yield [key, run];
      key = itemKey;
      run = [];
    }
    run.push(item);
  }
  if (key !== undefined) yield [key, run];
}
