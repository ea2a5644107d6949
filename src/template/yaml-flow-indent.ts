/**
 * CloudFormation (like PyYAML and SnakeYAML) accepts a flow collection whose continuation lines
 * are not indented past its key:
 *
 *       Tags: {
 *       'Solutions:SolutionID': !FindInMap [Solution, Data, ID],
 *       }
 *
 * The `yaml` package follows the spec and rejects it, which would refuse real AWS templates. When
 * the parser reports such a collection, its continuation lines are indented just enough and the
 * file is parsed again; columns on those lines are shifted back when positions are reported.
 * Whitespace at the start of a line inside a flow collection carries no meaning, so the value
 * read is the one CloudFormation reads.
 */
import { CST, Lexer } from 'yaml';

export interface RelaxedText {
  text: string;
  /** Spaces inserted at the start of a line, by 1-based line number. */
  inserted: ReadonlyMap<number, number>;
}

/** Each repair re-lexes the file; a file needing more is refused as it is. */
const MAX_REPAIRS = 200;

export function relaxFlowIndentation(original: string): RelaxedText | undefined {
  let text = original;
  const inserted = new Map<number, number>();
  for (let repair = 0; repair < MAX_REPAIRS; repair++) {
    const open = abandonedFlowStart(text);
    if (open === undefined) return inserted.size > 0 ? { text, inserted } : undefined;
    const indented = indentFlowBody(text, open, inserted);
    if (indented === undefined) return undefined;
    text = indented;
  }
  return undefined;
}

/** Offset of the outermost `[` or `{` of the first flow collection the lexer gave up on for indentation. */
function abandonedFlowStart(text: string): number | undefined {
  const open: number[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === CST.FLOW_END) return open[0];
    if (token === '[' || token === '{') open.push(offset);
    else if (token === ']' || token === '}') open.pop();
    // Control tokens mark structure and take no room in the source.
    if (token !== CST.DOCUMENT && token !== CST.SCALAR) offset += token.length;
  }
  return undefined;
}

/** The text with every line inside the collection opened at `open` indented past the node that holds it. */
function indentFlowBody(text: string, open: number, inserted: Map<number, number>): string | undefined {
  const close = matchingClose(text, open);
  if (close === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', open - 1) + 1;
  let nodeStart = lineStart;
  while (text[nodeStart] === ' ' || ((text[nodeStart] === '-' || text[nodeStart] === '?') && text[nodeStart + 1] === ' ')) nodeStart++;
  const required = nodeStart - lineStart + 1;

  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < open; i = text.indexOf('\n', i + 1)) line++;
  const pieces: string[] = [];
  let copied = 0;
  for (let newline = text.indexOf('\n', open); newline !== -1 && newline < close; newline = text.indexOf('\n', newline + 1)) {
    line++;
    const start = newline + 1;
    let indent = 0;
    while (text[start + indent] === ' ') indent++;
    const blank = text[start + indent] === '\n' || text[start + indent] === '\r';
    if (blank || indent >= required) continue;
    pieces.push(text.slice(copied, start), ' '.repeat(required - indent));
    copied = start;
    inserted.set(line, (inserted.get(line) ?? 0) + required - indent);
  }
  return pieces.length === 0 ? undefined : pieces.join('') + text.slice(copied);
}

/** The bracket closing the flow collection opened at `open`, skipping quoted scalars and comments. */
function matchingClose(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (--depth === 0) return i;
    } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(text[i - 1])) i = quotedEnd(text, i);
    else if (c === '#' && /\s/.test(text[i - 1])) i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
  }
  return undefined;
}

function quotedEnd(text: string, quote: number): number {
  const mark = text[quote];
  for (let i = quote + 1; i < text.length; i++) {
    if (mark === '"' && text[i] === '\\') i++;
    else if (text[i] === mark) {
      // '' inside a single-quoted scalar is an escaped quote.
      if (mark === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}
