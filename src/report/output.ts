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
  const text = JSON.stringify(document, null, 2);
  // Inside a JSON string every quote is escaped, so the key followed by the marker is found only where it is a member.
  const marker = JSON.stringify(STREAMED);
  const member = `${JSON.stringify(key)}: ${marker}`;
  const at = text.indexOf(member);
  if (at === -1) throw new Error(`writeJsonDocument: no streamed array at "${key}"`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = ' '.repeat(at - lineStart);
  out(text.slice(0, at + member.length - marker.length));
  let first = true;
  for (const item of items) {
    const element = JSON.stringify(item, null, 2).replace(/\n/g, `\n${indent}  `);
    out(`${first ? '[\n' : ',\n'}${indent}  ${element}`);
    first = false;
  }
  out(first ? '[]' : `\n${indent}]`);
  out(`${text.slice(at + member.length)}\n`);
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
