/**
 * A fast reader for the YAML that templates are written in: block mappings and sequences, plain
 * and quoted scalars (also over several lines), literal and folded block scalars, flow
 * collections (their lines indented anyhow, as CloudFormation reads them and the full reader
 * after its repair), CloudFormation short forms, LF or CR LF line ends. It reads such text more
 * than ten times faster than the `yaml` package, which builds a syntax tree and a document before
 * we convert them (yaml-full.ts).
 *
 * It only answers when it is sure: anything outside that subset (anchors and aliases, directives,
 * more than one document, explicit keys, tabs as indentation, keep chomping, ...) and anything
 * invalid gives
 * `undefined`, and the full reader then reads the file and reports any error. The one error it
 * reports itself is nesting past MAX_DEPTH, exactly as the full reader would. When it answers, the
 * value and every position `locate` gives are the full reader's (test/template/yaml-fast.test.ts
 * holds the two together).
 */
import { MAX_DEPTH } from './limits';
import { arrayIndex, parsePointer } from './pointer';
import { lineCounterFor, positionAt, type LineIndex } from './positions';
import type { SourceParse } from './source-parse';
import type { JsonPointer, SourcePosition, TemplateObject, TemplateValue } from './types';
import { longFormOf } from './yaml-tags';

/** Where each child of a mapping or list is written: what `locate` steps through. */
type ChildOffsets = Map<string, number> | number[];

/** A parsed node: its value, the offset it is written at (its tag, when it has one), the next unread line. */
interface Parsed {
  value: TemplateValue;
  start: number;
  next: number;
  /** A scalar's own start (after its tag): `!GetAtt A.B` points both parts here. */
  scalarStart?: number;
}

/** Thrown to give up; the full reader takes over. One instance: giving up is not exceptional. */
const GIVE_UP = new Error('outside the fast YAML subset');

/**
 * Nesting past MAX_DEPTH, met in document order with everything before it read: the full reader
 * reports it at this same place (it checks depth before anything else), so this reader can too.
 */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super(`nesting deeper than ${MAX_DEPTH} levels`);
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

// YAML refuses implicit keys longer than this.
const MAX_KEY_LENGTH = 1024;

/** Line breaks other than `\n` (after CR LF is read as one), and characters YAML does not allow in a document. */
const NOT_IN_SUBSET = /[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

export function parseYamlFast(source: string): SourceParse | undefined {
  // Windows line ends: YAML reads a CR LF as one line break, and lines and columns stay those of
  // the file once the CRs are gone (a CR only ever ends a line).
  const text = source.includes('\r\n') ? source.replace(/\r\n/g, '\n') : source;
  if (NOT_IN_SUBSET.test(text)) return undefined;
  const reader = new FastYamlReader(text);
  let root: Parsed;
  let lines: LineIndex | undefined;
  try {
    root = reader.readDocument();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    if (error instanceof TooDeep) return { ok: false, message: error.message, position: positionAt(lineCounterFor(text), error.offset) };
    throw error;
  }
  const { offsets } = reader;
  return {
    ok: true,
    value: root.value,
    locate(pointer: JsonPointer): SourcePosition {
      let cursor = root.value;
      let offset = root.start;
      for (const segment of parsePointer(pointer)) {
        const children = cursor !== null && typeof cursor === 'object' ? offsets.get(cursor) : undefined;
        if (children === undefined) break;
        if (Array.isArray(children)) {
          const index = arrayIndex(segment);
          if (index === undefined || index >= children.length) break;
          offset = children[index];
          cursor = (cursor as TemplateValue[])[index];
        } else {
          const at = children.get(segment);
          if (at === undefined) break;
          offset = at;
          cursor = (cursor as TemplateObject)[segment];
        }
      }
      return positionAt((lines ??= lineCounterFor(text)), offset);
    },
  };
}

class FastYamlReader {
  readonly offsets = new Map<object, ChildOffsets>();
  private readonly lineStart: number[] = [];
  private readonly lineEnd: number[] = [];
  private readonly lineIndent: number[] = [];
  /** Blank, or only a comment: skipped between nodes. */
  private readonly lineSkip: boolean[] = [];
  private depth = 0;

  constructor(readonly text: string) {
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let content = start;
      while (text.charCodeAt(content) === SPACE) content++;
      this.lineStart.push(start);
      this.lineEnd.push(end);
      this.lineIndent.push(content - start);
      const c = text.charCodeAt(content);
      this.lineSkip.push(content === end || c === HASH || (c === TAB && isBlank(text, content, end)));
      start = end + 1;
    }
  }

  readDocument(): Parsed {
    const { text } = this;
    let line = this.skip(0);
    // A single leading `---` is allowed; anything else about documents is the full reader's.
    if (line < this.lineCount && text.startsWith('---', this.lineStart[line]) && isBlankOrComment(text, this.lineStart[line] + 3, this.lineEnd[line])) {
      line = this.skip(line + 1);
    }
    if (line >= this.lineCount) throw GIVE_UP;
    const start = this.lineStart[line] + this.lineIndent[line];
    if (this.key(start, this.lineEnd[line]) === undefined) throw GIVE_UP;
    const root = this.mapping(line, start, this.lineIndent[line]);
    if (this.skip(root.next) < this.lineCount) throw GIVE_UP;
    return root;
  }

  private get lineCount(): number {
    return this.lineStart.length;
  }

  private skip(line: number): number {
    let at = line;
    while (at < this.lineCount && this.lineSkip[at]) at++;
    return at;
  }

  /** One level deeper, for the mapping or list that starts at `start`. */
  enter(start: number): void {
    if (++this.depth > MAX_DEPTH) throw new TooDeep(start);
  }

  leave(): void {
    this.depth--;
  }

  /** A block mapping whose first key is at `pos` on `line`, and whose keys are in column `column`. */
  private mapping(firstLine: number, firstPos: number, column: number): Parsed {
    this.enter(firstPos);
    const object: TemplateObject = {};
    const children = new Map<string, number>();
    let line = firstLine;
    let pos = firstPos;
    let start = -1;
    for (;;) {
      const key = this.key(pos, this.lineEnd[line]);
      if (key === undefined || children.has(key.text)) throw GIVE_UP;
      if (start === -1) start = key.start;
      const value = this.valueAfter(line, key.after, column);
      setKey(object, key.text, value.value);
      children.set(key.text, key.start);
      line = this.skip(value.next);
      if (line >= this.lineCount || this.lineIndent[line] < column) break;
      if (this.lineIndent[line] > column) throw GIVE_UP;
      pos = this.lineStart[line] + column;
      if (this.isItem(pos, this.lineEnd[line])) throw GIVE_UP;
    }
    this.offsets.set(object, children);
    this.leave();
    return { value: object, start, next: line };
  }

  /** A block sequence whose first `-` is at `pos` on `line`, with every `-` in column `column`. */
  private sequence(firstLine: number, firstPos: number, column: number): Parsed {
    this.enter(firstPos);
    const items: TemplateValue[] = [];
    const children: number[] = [];
    let line = firstLine;
    let pos = firstPos;
    for (;;) {
      const end = this.lineEnd[line];
      const content = skipSpaces(this.text, pos + 1, end);
      let item: Parsed;
      if (content === end || this.text.charCodeAt(content) === HASH) {
        const next = this.skip(line + 1);
        if (next >= this.lineCount || this.lineIndent[next] <= column) throw GIVE_UP;
        item = this.lineNode(next, column);
      } else {
        item = this.nodeAt(line, content, column);
      }
      items.push(item.value);
      children.push(item.start);
      line = this.skip(item.next);
      if (line >= this.lineCount || this.lineIndent[line] < column) break;
      if (this.lineIndent[line] > column) throw GIVE_UP;
      pos = this.lineStart[line] + column;
      // An indentless sequence ends at its mapping's next key.
      if (!this.isItem(pos, this.lineEnd[line])) break;
    }
    this.offsets.set(items, children);
    this.leave();
    return { value: items, start: firstPos, next: line };
  }

  /**
   * The node at `pos` (after `- `, or at the start of its line): a list or mapping in the column it
   * starts in, else an inline node. `tagged`: its tag was already read.
   */
  private nodeAt(line: number, pos: number, parentIndent: number, tagged = false): Parsed {
    const end = this.lineEnd[line];
    const column = pos - this.lineStart[line];
    if (this.isItem(pos, end)) return this.sequence(line, pos, column);
    if (this.key(pos, end) !== undefined) return this.mapping(line, pos, column);
    return this.inline(line, pos, parentIndent, tagged);
  }

  /** A node that starts on its own line, indented past `parentIndent`. */
  private lineNode(line: number, parentIndent: number, tagged = false): Parsed {
    return this.nodeAt(line, this.lineStart[line] + this.lineIndent[line], parentIndent, tagged);
  }

  /** The value after `key:`: on the same line, or on the lines below (perhaps an indentless sequence). */
  private valueAfter(line: number, pos: number, parentIndent: number): Parsed {
    const end = this.lineEnd[line];
    const content = skipSpaces(this.text, pos, end);
    if (content < end && this.text.charCodeAt(content) !== HASH) return this.inline(line, content, parentIndent, false, true);
    const next = this.skip(line + 1);
    if (next < this.lineCount && this.lineIndent[next] > parentIndent) return this.lineNode(next, parentIndent);
    if (next < this.lineCount && this.lineIndent[next] === parentIndent) {
      const itemPos = this.lineStart[next] + parentIndent;
      if (this.isItem(itemPos, this.lineEnd[next])) return this.sequence(next, itemPos, parentIndent);
    }
    return { value: null, start: content, next: line + 1 };
  }

  /**
   * A scalar, flow collection, block scalar or tagged node that starts at `pos` on `line`.
   * `afterKey`: a mapping value, whose tag may apply to an indentless sequence below.
   */
  private inline(line: number, pos: number, parentIndent: number, tagged: boolean, afterKey = false): Parsed {
    const { text } = this;
    const end = this.lineEnd[line];
    switch (text.charCodeAt(pos)) {
      case 0x21 /* ! */:
        if (tagged) throw GIVE_UP;
        return this.tagged(line, pos, parentIndent, afterKey);
      case 0x5b /* [ */:
      case 0x7b /* { */: {
        const flow = new FlowReader(this, line).collection(pos);
        if (!isBlankOrComment(text, flow.end, this.lineEnd[flow.line])) throw GIVE_UP;
        return { value: flow.value, start: pos, next: flow.line + 1 };
      }
      case 0x7c /* | */:
      case 0x3e /* > */:
        return this.blockScalar(line, pos, parentIndent);
      case 0x22 /* " */:
      case 0x27 /* ' */: {
        const oneLine = readQuoted(text, pos, end);
        const quoted = oneLine ? { ...oneLine, line } : this.quotedLines(line, pos, parentIndent);
        const endLine = quoted.line;
        if (!isBlankOrComment(text, quoted.end, this.lineEnd[endLine])) throw GIVE_UP;
        return this.scalarEnds(endLine, quoted.value, pos, parentIndent);
      }
      default: {
        const plain = this.plainLines(line, pos, parentIndent);
        return this.scalarEnds(plain.line, tagged ? plain.text : plainValue(plain.text), pos, parentIndent);
      }
    }
  }

  /** A scalar whose last line is `line`: the lines below must not go on with it. */
  private scalarEnds(line: number, value: TemplateValue, start: number, parentIndent: number): Parsed {
    const next = this.skip(line + 1);
    if (next < this.lineCount && this.lineIndent[next] > parentIndent) throw GIVE_UP;
    return { value, start, next: line + 1, scalarStart: start };
  }

  /** A plain scalar, folded over the more indented lines that continue it (up to a comment). */
  private plainLines(line: number, pos: number, parentIndent: number): { text: string; line: number } {
    const { text } = this;
    const first = readPlain(text, pos, this.lineEnd[line]);
    if (first.comment) return { text: first.text, line };
    let folded = first.text;
    let last = line;
    let blanks = 0;
    for (let at = line + 1; at < this.lineCount; at++) {
      const content = this.lineStart[at] + this.lineIndent[at];
      const c = text.charCodeAt(content);
      if (c === TAB) throw GIVE_UP;
      if (content === this.lineEnd[at]) {
        blanks++;
        continue;
      }
      if (this.lineIndent[at] <= parentIndent || c === HASH) break;
      // A continuation that starts like structure is read differently by different parsers: leave it.
      if (!canStartPlain(text, content, this.lineEnd[at]) || c === DASH || c === 0x3f || c === COLON) throw GIVE_UP;
      const more = readPlain(text, content, this.lineEnd[at]);
      if (more.comment) throw GIVE_UP;
      folded += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + more.text;
      blanks = 0;
      last = at;
    }
    return { text: folded, line: last };
  }

  /**
   * A quoted scalar over several lines: each line break folds into a space, blank lines into
   * line breaks, and a double-quoted line may end with an escaped line break.
   */
  private quotedLines(line: number, pos: number, parentIndent: number): { value: string; end: number; line: number } {
    const { text } = this;
    const double = text.charCodeAt(pos) === 0x22;
    let close = pos + 1;
    for (; close < text.length; close++) {
      const c = text.charCodeAt(close);
      if (double && c === 0x5c) close++;
      else if (c === (double ? 0x22 : 0x27)) {
        if (double || text.charCodeAt(close + 1) !== 0x27) break;
        close++;
      }
    }
    if (close >= text.length) throw GIVE_UP;
    const pieces = text.slice(pos + 1, close).split('\n');
    let raw = '';
    let blanks = 0;
    let joinNext = false;
    for (let i = 0; i < pieces.length; i++) {
      const at = line + i;
      if (i > 0 && /^ *\t/.test(pieces[i])) throw GIVE_UP;
      if (i > 0 && i < pieces.length - 1 && isBlank(pieces[i], 0, pieces[i].length)) {
        if (joinNext) throw GIVE_UP;
        blanks++;
        continue;
      }
      if (i > 0 && this.lineIndent[at] <= parentIndent) throw GIVE_UP;
      let piece = i === 0 ? pieces[i] : pieces[i].replace(/^[ \t]+/, '');
      if (i < pieces.length - 1) {
        // Blanks before a line break are not content; an escaped blank or break would be.
        const trimmed = piece.replace(/[ \t]+$/, '');
        if (/\\$/.test(trimmed) && (trimmed !== piece || !double)) throw GIVE_UP;
        piece = trimmed;
      }
      if (i > 0) raw += joinNext ? '' : blanks === 0 ? ' ' : '\n'.repeat(blanks);
      blanks = 0;
      joinNext = double && /(^|[^\\])(\\\\)*\\$/.test(piece);
      raw += joinNext ? piece.slice(0, -1) : piece;
    }
    const value = double ? unescapeDouble(raw) : raw.replace(/''/g, "'");
    return { value, end: close + 1, line: line + pieces.length - 1 };
  }

  private tagged(line: number, pos: number, parentIndent: number, afterKey: boolean): Parsed {
    const { text } = this;
    const end = this.lineEnd[line];
    let tagEnd = pos;
    while (tagEnd < end && !isSpace(text.charCodeAt(tagEnd))) tagEnd++;
    const tag = text.slice(pos, tagEnd);
    const longForm = longFormOf(tag);
    if (longForm === undefined) throw GIVE_UP;
    const content = skipSpaces(text, tagEnd, end);
    let node: Parsed;
    if (content < end && text.charCodeAt(content) !== HASH) {
      node = this.inline(line, content, parentIndent, true);
    } else {
      const next = this.skip(line + 1);
      const itemPos = next < this.lineCount ? this.lineStart[next] + this.lineIndent[next] : -1;
      if (next < this.lineCount && this.lineIndent[next] > parentIndent) node = this.lineNode(next, parentIndent, true);
      else if (afterKey && this.lineIndent[next] === parentIndent && this.isItem(itemPos, this.lineEnd[next])) {
        node = this.sequence(next, itemPos, parentIndent);
      } else {
        // A tag with nothing after it tags an empty string (`!GetAZs`: the stack's own region).
        node = { value: '', start: content, next: line + 1, scalarStart: content };
      }
    }
    const start = writtenStart(text, tag, node.start);
    return { value: this.wrap(longForm, node, start), start, next: node.next };
  }

  /** `{ Fn::Sub: value }` for `!Sub value`; a dotted `!GetAtt A.B.C` scalar is `['A', 'B.C']`. */
  wrap(longForm: string, node: Parsed, tagStart: number): TemplateObject {
    let value = node.value;
    if (longForm === 'Fn::GetAtt' && node.scalarStart !== undefined && typeof value === 'string') {
      const dot = value.indexOf('.');
      if (dot > 0) {
        value = [value.slice(0, dot), value.slice(dot + 1)];
        this.offsets.set(value, [node.scalarStart, node.scalarStart]);
      }
    }
    const wrapper: TemplateObject = { [longForm]: value };
    this.offsets.set(wrapper, new Map([[longForm, tagStart]]));
    return wrapper;
  }

  /** `|` and `>` with clip or strip chomping; explicit indentation and keep chomping are left to the full reader. */
  private blockScalar(line: number, pos: number, parentIndent: number): Parsed {
    const { text } = this;
    const end = this.lineEnd[line];
    const literal = text.charCodeAt(pos) === 0x7c;
    let headerEnd = pos + 1;
    const strip = text.charCodeAt(headerEnd) === DASH;
    if (strip) headerEnd++;
    if (headerEnd < end && !isSpace(text.charCodeAt(headerEnd))) throw GIVE_UP;
    if (!isBlankOrComment(text, skipSpaces(text, headerEnd, end), end)) throw GIVE_UP;

    // The first non-blank line sets the indentation; blank lines before it may not be longer.
    let first = line + 1;
    let longestLeadingBlank = 0;
    while (first < this.lineCount && this.isBlankLine(first)) {
      longestLeadingBlank = Math.max(longestLeadingBlank, this.lineEnd[first] - this.lineStart[first]);
      first++;
    }
    if (first >= this.lineCount) throw GIVE_UP;
    const indent = this.lineIndent[first];
    if (indent <= parentIndent || longestLeadingBlank > indent) throw GIVE_UP;

    const lines: string[] = [];
    for (let at = line + 1; at < first; at++) lines.push('');
    let last = first;
    let next = first;
    for (; next < this.lineCount; next++) {
      if (this.isBlankLine(next)) {
        if (this.lineEnd[next] - this.lineStart[next] <= indent) {
          lines.push('');
          continue;
        }
        // Spaces past the indentation (an editor's leftovers in inline code) are a literal's content;
        // in a folded scalar they would make a more-indented line, a rule left to the full reader.
        if (!literal) throw GIVE_UP;
      }
      if (this.lineIndent[next] < indent) {
        if (this.isTabIndented(next)) throw GIVE_UP;
        break;
      }
      lines.push(text.slice(this.lineStart[next] + indent, this.lineEnd[next]));
      last = next;
    }
    // A block that runs to the end of a file without a final line break is the full reader's.
    if (this.lineEnd[last] === text.length) throw GIVE_UP;
    const body = lines.slice(0, lines.length - (next - 1 - last));
    const value = (literal ? body.join('\n') : fold(body)) + (strip ? '' : '\n');
    return { value, start: pos, next: last + 1, scalarStart: pos };
  }

  private isBlankLine(line: number): boolean {
    return this.lineIndent[line] === this.lineEnd[line] - this.lineStart[line];
  }

  /** `-` followed by a space or the end of the line: a sequence entry. */
  isItem(pos: number, end: number): boolean {
    return this.text.charCodeAt(pos) === DASH && (pos + 1 === end || isSpace(this.text.charCodeAt(pos + 1)));
  }

  /** An implicit key at `pos` (`Key:` or `"Key":`), with where its value starts; undefined when the line holds no key. */
  key(pos: number, end: number): { text: string; start: number; after: number } | undefined {
    const { text } = this;
    const c = text.charCodeAt(pos);
    let keyText: string;
    let keyEnd: number;
    if (c === 0x22 || c === 0x27) {
      const quoted = readQuoted(text, pos, end);
      if (quoted === undefined) return undefined;
      keyText = quoted.value;
      keyEnd = skipSpaces(text, quoted.end, end);
      if (text.charCodeAt(keyEnd) !== COLON || !(keyEnd + 1 === end || isSpace(text.charCodeAt(keyEnd + 1)))) return undefined;
    } else {
      if (!canStartPlain(text, pos, end)) return undefined;
      keyEnd = -1;
      for (let i = pos; i < end; i++) {
        const d = text.charCodeAt(i);
        if (d === COLON && (i + 1 === end || isSpace(text.charCodeAt(i + 1)))) {
          keyEnd = i;
          break;
        }
        if (d === HASH && isSpace(text.charCodeAt(i - 1))) return undefined;
      }
      if (keyEnd === -1) return undefined;
      keyText = text.slice(pos, trimEnd(text, pos, keyEnd));
    }
    if (keyEnd - pos > MAX_KEY_LENGTH) throw GIVE_UP;
    return { text: keyText, start: pos, after: keyEnd + 1 };
  }

  indentOf(line: number): number {
    return this.lineIndent[line];
  }

  isTabIndented(line: number): boolean {
    return this.text.charCodeAt(this.lineStart[line] + this.lineIndent[line]) === TAB;
  }
}

/** Flow collections (`[a, !Ref b]`, `{Key: value}`), which may run over several lines. */
class FlowReader {
  private readonly text: string;

  constructor(
    private readonly block: FastYamlReader,
    /** The line being read. */
    private line: number,
  ) {
    this.text = block.text;
  }

  collection(open: number): { value: TemplateValue; end: number; line: number } {
    this.block.enter(open);
    const { text } = this;
    const isMap = text.charCodeAt(open) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    const value: TemplateObject | TemplateValue[] = isMap ? {} : [];
    const keys = new Map<string, number>();
    const items: number[] = [];
    let pos = this.space(open + 1);
    while (text.charCodeAt(pos) !== close) {
      if (isMap) {
        const key = this.scalar(pos, true);
        const keyText = key.raw;
        if (key.tagged || keys.has(keyText)) throw GIVE_UP;
        pos = this.space(key.end);
        if (text.charCodeAt(pos) !== COLON) throw GIVE_UP;
        const entry = this.node(this.space(pos + 1));
        setKey(value as TemplateObject, keyText, entry.value);
        keys.set(keyText, key.start);
        pos = this.space(entry.end);
      } else {
        const entry = this.node(pos);
        pos = this.space(entry.end);
        if (text.charCodeAt(pos) === COLON) {
          // `[Key: value]`: a one-pair mapping in the list.
          if (entry.key === undefined) throw GIVE_UP;
          const paired = this.node(this.space(pos + 1));
          const pair: TemplateObject = {};
          setKey(pair, entry.key, paired.value);
          this.block.offsets.set(pair, new Map([[entry.key, entry.start]]));
          (value as TemplateValue[]).push(pair);
          pos = this.space(paired.end);
        } else {
          (value as TemplateValue[]).push(entry.value);
        }
        items.push(entry.start);
      }
      if (text.charCodeAt(pos) === 0x2c /* , */) pos = this.space(pos + 1);
      else if (text.charCodeAt(pos) !== close) throw GIVE_UP;
    }
    this.block.offsets.set(value, isMap ? keys : items);
    this.block.leave();
    return { value, end: pos + 1, line: this.line };
  }

  /** A value in a flow collection: a nested collection, a scalar, or a tagged one of these; `key` when it can be a key. */
  private node(pos: number): { value: TemplateValue; start: number; end: number; key?: string } {
    const { text } = this;
    const c = text.charCodeAt(pos);
    if (c === 0x5b || c === 0x7b) {
      const inner = this.collection(pos);
      return { value: inner.value, start: pos, end: inner.end };
    }
    if (c === 0x21 /* ! */) {
      let tagEnd = pos;
      while (tagEnd < text.length && !isSpace(text.charCodeAt(tagEnd)) && text.charCodeAt(tagEnd) !== NEWLINE) tagEnd++;
      const longForm = longFormOf(text.slice(pos, tagEnd));
      const content = skipSpaces(text, tagEnd, text.length);
      // The tagged node must follow on the same line, so that nothing but blanks stands between.
      if (longForm === undefined || tagEnd === content) throw GIVE_UP;
      const d = text.charCodeAt(content);
      if (d === 0x21 || d === NEWLINE || d === HASH || d === 0x2c || d === 0x5d || d === 0x7d) throw GIVE_UP;
      const inner = d === 0x5b || d === 0x7b ? this.collection(content) : undefined;
      const scalar = inner === undefined ? this.scalar(content, false) : undefined;
      const node: Parsed = inner
        ? { value: inner.value, start: content, next: 0 }
        : { value: scalar!.quoted ? scalar!.value : scalar!.raw, start: content, next: 0, scalarStart: content };
      return { value: this.block.wrap(longForm, node, pos), start: pos, end: inner ? inner.end : scalar!.end };
    }
    const scalar = this.scalar(pos, false);
    return { value: scalar.value, start: pos, end: scalar.end, key: scalar.raw };
  }

  /** A quoted or plain scalar in flow context, on one line. */
  private scalar(pos: number, isKey: boolean): { value: TemplateValue; raw: string; quoted: boolean; tagged: boolean; start: number; end: number } {
    const { text } = this;
    const lineEnd = this.lineEndAt(pos);
    const c = text.charCodeAt(pos);
    if (c === 0x22 || c === 0x27) {
      const quoted = readQuoted(text, pos, lineEnd);
      if (quoted === undefined) throw GIVE_UP;
      return { value: quoted.value, raw: quoted.value, quoted: true, tagged: false, start: pos, end: quoted.end };
    }
    if (c === 0x21) return { value: null, raw: '', quoted: false, tagged: true, start: pos, end: pos };
    if (!canStartPlain(text, pos, lineEnd) || isFlowIndicator(c)) throw GIVE_UP;
    let end = pos;
    for (; end < lineEnd; end++) {
      const d = text.charCodeAt(end);
      if (isFlowIndicator(d)) break;
      if (d === COLON) {
        const after = end + 1 === lineEnd ? NEWLINE : text.charCodeAt(end + 1);
        if (isSpace(after) || after === NEWLINE || isFlowIndicator(after)) break;
      }
      if (d === HASH && isSpace(text.charCodeAt(end - 1))) break;
    }
    const trimmed = trimEnd(text, pos, end);
    if (trimmed === pos) throw GIVE_UP;
    const raw = text.slice(pos, trimmed);
    // A plain scalar that goes on past the line is folded by YAML: the full reader's.
    const next = this.peek(trimmed);
    if (!(next === 0x2c || next === 0x5d || next === 0x7d || next === COLON)) throw GIVE_UP;
    return { value: isKey ? raw : plainValue(raw), raw, quoted: false, tagged: false, start: pos, end: trimmed };
  }

  /** Skips blanks, line breaks and comments; inside a flow collection, indentation means nothing. */
  private space(from: number): number {
    const { text } = this;
    let pos = from;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === TAB) pos++;
      else if (c === HASH && pos > 0 && (isSpace(text.charCodeAt(pos - 1)) || text.charCodeAt(pos - 1) === NEWLINE)) pos = this.lineEndAt(pos);
      else if (c === NEWLINE) {
        this.line++;
        if (this.block.isTabIndented(this.line)) throw GIVE_UP;
        const indent = this.block.indentOf(this.line);
        pos += 1 + indent;
      } else if (Number.isNaN(c)) throw GIVE_UP;
      else return pos;
    }
  }

  /** The next character that is not a blank, line break or comment, without moving. */
  private peek(from: number): number {
    const { text } = this;
    let pos = from;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === TAB || c === NEWLINE) pos++;
      else if (c === HASH && pos > 0 && (isSpace(text.charCodeAt(pos - 1)) || text.charCodeAt(pos - 1) === NEWLINE)) pos = this.lineEndAt(pos);
      else return c;
    }
  }

  private lineEndAt(pos: number): number {
    const end = this.text.indexOf('\n', pos);
    return end === -1 ? this.text.length : end;
  }
}

/** Folded block scalar lines: a line break becomes a space, blank lines stay line breaks. */
function fold(lines: readonly string[]): string {
  let out = '';
  let blanks = 0;
  let previous: string | undefined;
  for (const line of lines) {
    if (line === '') {
      blanks++;
      continue;
    }
    // Lines that are more indented than the block are not folded: the line breaks around them stay.
    const kept = previous !== undefined && (isSpace(previous.charCodeAt(0)) || isSpace(line.charCodeAt(0)));
    if (previous === undefined) out += '\n'.repeat(blanks);
    else out += kept ? '\n'.repeat(blanks + 1) : blanks === 0 ? ' ' : '\n'.repeat(blanks);
    out += line;
    blanks = 0;
    previous = line;
  }
  return out;
}

/** One line of a plain scalar, up to a comment (`comment`: one ended it). Anything YAML would read otherwise gives up. */
function readPlain(text: string, pos: number, end: number): { text: string; comment: boolean } {
  if (!canStartPlain(text, pos, end)) throw GIVE_UP;
  let stop = end;
  for (let i = pos; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON && (i + 1 === end || isSpace(text.charCodeAt(i + 1)))) throw GIVE_UP;
    if (c === HASH && isSpace(text.charCodeAt(i - 1))) {
      stop = i;
      break;
    }
  }
  return { text: text.slice(pos, trimEnd(text, pos, stop)), comment: stop < end };
}

/**
 * Where a tagged node is written, as the full reader finds it: at its tag when only blanks
 * stand between the two, else at the node (yaml.ts `writtenStart`).
 */
function writtenStart(text: string, tag: string, nodeStart: number): number {
  const at = text.lastIndexOf(tag, nodeStart);
  return at !== -1 && /^\s*(&\S+\s*)?$/.test(text.slice(at + tag.length, nodeStart)) ? at : nodeStart;
}

/** What the YAML 1.2 core schema makes of a plain scalar (and iamgate's leading-zero rule, yaml.ts). */
function plainValue(raw: string): TemplateValue {
  const c = raw.charCodeAt(0);
  // Most scalars start with a letter that no null, boolean or number starts with.
  if ((c >= 0x61 && c <= 0x7a && c !== 0x6e && c !== 0x74 && c !== 0x66) || (c >= 0x41 && c <= 0x5a && c !== 0x4e && c !== 0x54 && c !== 0x46)) {
    return raw;
  }
  if (/^(?:~|[Nn]ull|NULL)$/.test(raw)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(raw)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(raw)) return false;
  if (/^0o[0-7]+$|^0x[0-9a-fA-F]+$|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) throw GIVE_UP;
  if (/^[-+]?[0-9]+$/.test(raw)) return /^[-+]?0[0-9]+$/.test(raw) ? raw : parseInt(raw, 10);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return parseFloat(raw);
  return raw;
}

/** A single- or double-quoted scalar that closes on its line. */
function readQuoted(text: string, pos: number, end: number): { value: string; end: number } | undefined {
  const quote = text.charCodeAt(pos);
  if (quote === 0x27) {
    let value = '';
    let from = pos + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close === -1 || close >= end) return undefined;
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) !== 0x27) return { value, end: close + 1 };
      value += "'";
      from = close + 2;
    }
  }
  for (let i = pos + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { value: unescapeDouble(text.slice(pos + 1, i)), end: i + 1 };
    if (c === 0x5c /* \ */) i++;
  }
  return undefined;
}

/** The text of a double-quoted scalar, escapes decoded. */
function unescapeDouble(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let value = '';
  let from = 0;
  for (let i = raw.indexOf('\\'); i !== -1; i = raw.indexOf('\\', from)) {
    value += raw.slice(from, i);
    const escape = DOUBLE_QUOTE_ESCAPES.get(raw[i + 1]);
    if (escape !== undefined) {
      value += escape;
      from = i + 2;
      continue;
    }
    const width = { x: 2, u: 4, U: 8 }[raw[i + 1]];
    const hex = width === undefined ? '' : raw.slice(i + 2, i + 2 + width);
    if (width === undefined || hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) throw GIVE_UP;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw GIVE_UP;
    value += String.fromCodePoint(code);
    from = i + 2 + width;
  }
  return value + raw.slice(from);
}

const DOUBLE_QUOTE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['0', '\0'],
  ['a', '\x07'],
  ['b', '\b'],
  ['t', '\t'],
  ['\t', '\t'],
  ['n', '\n'],
  ['v', '\v'],
  ['f', '\f'],
  ['r', '\r'],
  ['e', '\x1b'],
  [' ', ' '],
  ['"', '"'],
  ['/', '/'],
  ['\\', '\\'],
  ['N', '\u0085'],
  ['_', '\u00a0'],
  ['L', '\u2028'],
  ['P', '\u2029'],
]);

/** A plain scalar cannot start with an indicator, except `-`, `?` and `:` right before a non-blank. */
function canStartPlain(text: string, pos: number, end: number): boolean {
  const c = text.charCodeAt(pos);
  if (c === DASH || c === 0x3f /* ? */ || c === COLON) return pos + 1 < end && !isSpace(text.charCodeAt(pos + 1));
  return pos < end && !'#,[]{}&*!|>\'"%@`'.includes(text[pos]) && !isSpace(c);
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function skipSpaces(text: string, from: number, end: number): number {
  let pos = from;
  while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

function trimEnd(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && isSpace(text.charCodeAt(stop - 1))) stop--;
  return stop;
}

function isBlank(text: string, from: number, end: number): boolean {
  return skipSpaces(text, from, end) === end;
}

function isBlankOrComment(text: string, from: number, end: number): boolean {
  const pos = skipSpaces(text, from, end);
  return pos === end || (text.charCodeAt(pos) === HASH && (pos === from ? pos === 0 || isSpace(text.charCodeAt(pos - 1)) : true));
}

/** A plain assignment to `__proto__` would change the prototype instead of adding a key. */
function setKey(object: TemplateObject, key: string, value: TemplateValue): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
