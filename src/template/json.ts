/**
 * JSON templates. The fast path is `JSON.parse` plus one linear scan; `jsonc-parser` runs only
 * when something is wrong (syntax error, duplicate key). Positions are found on demand by
 * json-locator.ts.
 */
import type { ParseError } from 'jsonc-parser';
import { JsonLocator } from './json-locator';
import { CLOSE_BRACE, CLOSE_BRACKET, closingQuote, COLON, isJsonSpace, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-text';
import { MAX_DEPTH } from './limits';
import { offsetOfPointer } from './pointer';
import { lineCounterFor, positionAt, type LineIndex } from './positions';
import type { SourceParse } from './source-parse';
import type { JsonPointer, SourcePosition, TemplateValue } from './types';

export function parseJson(text: string): SourceParse {
  let lines: LineIndex | undefined;
  const at = (offset: number): SourcePosition => positionAt((lines ??= lineCounterFor(text)), offset);

  const scan = scanJson(text);
  // Checked before JSON.parse so that no later recursive walk can meet a pathologically deep tree.
  if (scan.tooDeepAt !== -1) return { ok: false, message: `nesting deeper than ${MAX_DEPTH} levels`, position: at(scan.tooDeepAt) };

  let value: TemplateValue;
  try {
    value = JSON.parse(text) as TemplateValue;
  } catch (error) {
    const syntax = firstSyntaxError(text, error);
    return { ok: false, message: syntax.message, position: at(syntax.offset) };
  }
  if (countKeys(value) !== scan.keys) {
    const duplicate = findDuplicateKey(text);
    if (duplicate) return { ok: false, message: `duplicate key "${duplicate.key}"`, position: at(duplicate.offset) };
  }

  let locator: JsonLocator | undefined;
  return {
    ok: true,
    value,
    locate(pointer: JsonPointer): SourcePosition {
      locator ??= new JsonLocator(text);
      return at(offsetOfPointer(locator.root, locator.root, pointer, locator.step));
    },
  };
}

interface JsonScan {
  /** Number of `"…":` tokens, i.e. object keys when the text is valid JSON. */
  keys: number;
  /** Offset of the first bracket that goes deeper than MAX_DEPTH, or -1. */
  tooDeepAt: number;
}

/** One pass over the text, jumping over strings, which keeps it a fraction of `JSON.parse` time. */
function scanJson(text: string): JsonScan {
  let depth = 0;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end === -1) break;
      let next = end + 1;
      while (next < text.length && isJsonSpace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) === COLON) keys++;
      i = next - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_DEPTH) return { keys, tooDeepAt: i };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return { keys, tooDeepAt: -1 };
}

/** Keys in the parsed tree: fewer than in the text means some key was repeated. */
function countKeys(value: TemplateValue): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const element of value) count += countKeys(element);
    return count;
  }
  for (const key in value) count += 1 + countKeys(value[key]);
  return count;
}

/** jsonc-parser is only needed when something is wrong: loaded then, not at start-up. */
function tolerantParser(): typeof import('jsonc-parser') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (start-up time)
  return require('jsonc-parser') as typeof import('jsonc-parser');
}

function findDuplicateKey(text: string): { key: string; offset: number } | undefined {
  const open: Set<string>[] = [];
  let duplicate: { key: string; offset: number } | undefined;
  tolerantParser().visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (key, offset) => {
      const keys = open[open.length - 1];
      if (duplicate || !keys) return;
      if (keys.has(key)) duplicate = { key, offset };
      else keys.add(key);
    },
  });
  return duplicate;
}

function firstSyntaxError(text: string, thrown: unknown): { message: string; offset: number } {
  if (thrown instanceof RangeError) return { message: 'JSON nesting is too deep to parse', offset: 0 };
  const errors: ParseError[] = [];
  const { parse, printParseErrorCode } = tolerantParser();
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) return { message: `invalid JSON: ${words(printParseErrorCode(first.error))}`, offset: first.offset };
  // jsonc-parser accepted what JSON.parse refused: keep V8's message and its offset when it gives one.
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const position = /position (\d+)/.exec(message);
  return { message: `invalid JSON: ${message}`, offset: position ? Number(position[1]) : 0 };
}

/** `CloseBraceExpected` → `close brace expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
