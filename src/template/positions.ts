import type { SourcePosition } from './types';

/** Start of the file: where errors about the file as a whole point. */
export const FILE_START: SourcePosition = { line: 1, column: 1 };

/** Line and column of an offset, as the `yaml` package's `LineCounter` gives them (line 0: before any line). */
export interface LineIndex {
  linePos(offset: number): { line: number; col: number };
}

/**
 * A line index over `text`, built once and queried by binary search. The full YAML reader fills
 * its own `LineCounter` while it reads; other text gets one built here only when a position is needed.
 */
export function lineCounterFor(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    linePos(offset) {
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (starts[mid] < offset) low = mid + 1;
        else high = mid;
      }
      if (starts[low] === offset) return { line: low + 1, col: 1 };
      return low === 0 ? { line: 0, col: offset } : { line: low, col: offset - starts[low - 1] + 1 };
    },
  };
}

/** 1-based line and column (in UTF-16 code units) of a character offset. */
export function positionAt(counter: LineIndex, offset: number): SourcePosition {
  const { line, col } = counter.linePos(offset);
  return line === 0 ? FILE_START : { line, column: col };
}
