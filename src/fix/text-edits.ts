/**
 * Changes to a file as spans of text: what a template edit becomes in a given file, what
 * `iamgate fix` writes, what its diff shows and what SARIF `replacements` carry. Everything
 * outside the spans stays byte for byte as it was, comments and layout included.
 */
import { lineCounterFor, positionAt } from '../template/positions';

export interface TextEdit {
  offset: number;
  /** Characters replaced (0: an insertion). */
  length: number;
  text: string;
}

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The text with the edits applied; edits must not overlap. Insertions at one offset keep their order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.offset - a.edit.offset || b.index - a.index).map(({ edit }) => edit);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  return result;
}

export interface TextRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * `read` remembered for the last text it was given: a report asks for the edits of every finding
 * of a file in turn, and parsing the file again for each made a SARIF report of large templates
 * quadratic. The same string object is recognised without comparing its characters.
 */
export function forLastText<T>(read: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, value: read(text) };
    return last.value;
  };
}

const lineIndexOf = forLastText(lineCounterFor);

/** The region an edit replaces, 1-based lines and columns (the end column is exclusive, as SARIF reads it). */
export function regionOf(text: string, edit: TextEdit): TextRegion {
  const lines = lineIndexOf(text);
  const start = positionAt(lines, edit.offset);
  const end = positionAt(lines, edit.offset + edit.length);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

const CONTEXT = 3;

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A unified diff (`diff -u` style) between two versions of a file. Lines are compared from both
 * ends inward hunk by hunk, which is exact for the local changes fixes make.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = lineOps(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === 'same') {
      i++;
      continue;
    }
    let start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend while changes are closer than two contexts apart.
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.kind !== 'same') end = j;
      else if (j - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const slice = ops.slice(start, stop);
    const oldStart = slice[0]!.oldLine;
    const newStart = slice[0]!.newLine;
    const oldCount = slice.filter((op) => op.kind !== 'added').length;
    const newCount = slice.filter((op) => op.kind !== 'removed').length;
    hunks.push(`@@ -${oldStart + (oldCount > 0 ? 1 : 0)},${oldCount} +${newStart + (newCount > 0 ? 1 : 0)},${newCount} @@`);
    for (const op of slice) hunks.push(`${op.kind === 'same' ? ' ' : op.kind === 'added' ? '+' : '-'}${op.text}`);
    start = stop;
    i = stop;
  }
  return `--- a/${file}\n+++ b/${file}\n${hunks.join('\n')}\n`;
}

interface LineOp {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** Lines of the old and new file before this one. */
  oldLine: number;
  newLine: number;
}

/**
 * Line operations by Myers' algorithm: time and memory grow with the number of changed lines,
 * not with the file, and fixes change few.
 */
function lineOps(a: readonly string[], b: readonly string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers to recover the path.
  const reversed: { kind: LineOp['kind']; text: string }[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : frontier[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      y--;
      reversed.push({ kind: 'same', text: a[--x]! });
    }
    if (d > 0) {
      if (x === prevX) reversed.push({ kind: 'added', text: b[--y]! });
      else reversed.push({ kind: 'removed', text: a[--x]! });
    }
  }
  const ops: LineOp[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const op of reversed.reverse()) {
    ops.push({ ...op, oldLine, newLine });
    if (op.kind !== 'added') oldLine++;
    if (op.kind !== 'removed') newLine++;
  }
  return ops;
}
