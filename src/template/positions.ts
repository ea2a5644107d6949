import { LineCounter } from 'yaml';
import type { SourcePosition } from './types';

/** Start of the file: where errors about the file as a whole point. */
export const FILE_START: SourcePosition = { line: 1, column: 1 };

/**
 * A line index over `text`, built once and queried by binary search. The YAML parser fills its
 * own `LineCounter` while it reads; JSON text gets one built here only when a position is needed.
 */
export function lineCounterFor(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}

/** 1-based line and column (in UTF-16 code units) of a character offset. */
export function positionAt(counter: LineCounter, offset: number): SourcePosition {
  const { line, col } = counter.linePos(offset);
  return line === 0 ? FILE_START : { line, column: col };
}
