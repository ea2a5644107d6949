/**
 * Source offsets in JSON text by pointer, without building a syntax tree. Each container that a
 * pointer passes through is scanned once, on demand, and its members' offsets are kept, so
 * locating every policy of a large template costs a few passes over the text, not a tree node
 * per value (a `jsonc-parser` tree of a 5 MB template takes longer than JSON.parse by 25×).
 * Only ever used on text that JSON.parse accepted.
 */
import { CLOSE_BRACE, CLOSE_BRACKET, closingQuote, COMMA, isJsonSpace, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-text';
import { arrayIndex, type PointerStep } from './pointer';

interface Member {
  /** Where a pointer to this member points: the key for object members, the value for array elements. */
  offset: number;
  valueStart: number;
}

/** Members found so far in one container, and where scanning resumes. */
interface ContainerScan {
  members: Map<string, Member>;
  /** Where the next member starts, or the start of the last member's value, not yet skipped. */
  next: number;
  pendingValue: boolean;
  count: number;
  done: boolean;
}

export class JsonLocator {
  private readonly containers = new Map<number, ContainerScan>();

  constructor(private readonly text: string) {}

  /** Offset of the root value: the cursor a pointer walk starts from. */
  get root(): number {
    return this.skipSpace(0);
  }

  readonly step: PointerStep<number> = (valueStart, segment) => {
    const open = this.text.charCodeAt(valueStart);
    if (open !== OPEN_BRACE && open !== OPEN_BRACKET) return undefined;
    const key = open === OPEN_BRACE ? segment : arrayIndex(segment)?.toString();
    if (key === undefined) return undefined;
    const member = this.find(valueStart, open === OPEN_BRACE, key);
    return member && { cursor: member.valueStart, offset: member.offset };
  };

  private find(containerStart: number, isObject: boolean, key: string): Member | undefined {
    let scan = this.containers.get(containerStart);
    if (scan === undefined) {
      scan = { members: new Map(), next: containerStart + 1, pendingValue: false, count: 0, done: false };
      this.containers.set(containerStart, scan);
    }
    while (!scan.members.has(key) && !scan.done) this.scanMember(scan, isObject);
    return scan.members.get(key);
  }

  private scanMember(scan: ContainerScan, isObject: boolean): void {
    // A found member's value is skipped only when a later member is asked for.
    let i = this.skipSpace(scan.pendingValue ? this.valueEnd(scan.next) : scan.next);
    if (this.text.charCodeAt(i) === COMMA) i = this.skipSpace(i + 1);
    const c = this.text.charCodeAt(i);
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET || Number.isNaN(c)) {
      scan.done = true;
      return;
    }
    let name = String(scan.count);
    let valueStart = i;
    if (isObject) {
      const keyEnd = this.stringEnd(i);
      const raw = this.text.slice(i, keyEnd);
      name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      valueStart = this.skipSpace(this.skipSpace(keyEnd) + 1);
    }
    scan.members.set(name, { offset: i, valueStart });
    scan.count += 1;
    scan.next = valueStart;
    scan.pendingValue = true;
  }

  private skipSpace(i: number): number {
    let at = i;
    while (isJsonSpace(this.text.charCodeAt(at))) at++;
    return at;
  }

  /** Offset just past the string that starts at `quote`. */
  private stringEnd(quote: number): number {
    const end = closingQuote(this.text, quote);
    return end === -1 ? this.text.length : end + 1;
  }

  /** Offset just past the value that starts at `start`. */
  private valueEnd(start: number): number {
    const c = this.text.charCodeAt(start);
    if (c === QUOTE) return this.stringEnd(start);
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      SCALAR_END.lastIndex = start;
      return SCALAR_END.test(this.text) ? SCALAR_END.lastIndex - 1 : this.text.length;
    }
    // A regex jumps to the next bracket or quote natively, much faster than a loop over indentation;
    // `test` rather than `exec`, which would allocate a match for every bracket and quote.
    let depth = 0;
    STRUCTURE.lastIndex = start;
    while (STRUCTURE.test(this.text)) {
      const at = STRUCTURE.lastIndex - 1;
      const d = this.text.charCodeAt(at);
      if (d === QUOTE) STRUCTURE.lastIndex = this.stringEnd(at);
      else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (--depth === 0) return at + 1;
    }
    return this.text.length;
  }
}

const STRUCTURE = /["{}[\]]/g;
const SCALAR_END = /[,}\]]/g;
