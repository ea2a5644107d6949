/**
 * The full YAML reader, with the `yaml` package under its default YAML 1.2 core schema. Like
 * CloudFormation, that keeps unquoted `yes`, `on` and `2012-10-17` as strings. One deliberate
 * difference from the core schema: an unquoted integer with a leading zero (an account id such
 * as `012345678901`) stays a string, as YAML 1.1 parsers keep it, instead of losing the zero.
 *
 * Parsing runs in two steps so that depth is checked in between: the CST parser is iterative,
 * composing a document recursive. Our own converter then turns the document into a plain value
 * with short forms in long form; the document is kept for `locate`.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { Alias, CST, Document, Pair, Scalar } from 'yaml';
import { MAX_ALIAS_EXPANSION, MAX_DEPTH } from './limits';
import { arrayIndex, offsetOfPointer } from './pointer';
import { FILE_START, positionAt } from './positions';
import type { SourceParse } from './source-parse';
import type { JsonPointer, SourcePosition, TemplateObject, TemplateValue } from './types';
import { relaxFlowIndentation } from './yaml-flow-indent';
import { longFormOf, shortFormTags } from './yaml-tags';

// Duplicate keys are found by the converter with a hash lookup: the parser's own `uniqueKeys`
// check compares every key with every earlier one, which is quadratic in a big Resources section.
const composerOptions = { customTags: shortFormTags, uniqueKeys: false, prettyErrors: false } as const;

/** The full reader: any YAML the `yaml` package reads, and every error it finds. */
export function parseYamlFull(text: string): SourceParse {
  const parsed = parseYamlText(text, new Map());
  if (parsed.ok || !parsed.flowIndentation) return parsed;
  const relaxed = relaxFlowIndentation(text);
  return relaxed ? parseYamlText(relaxed.text, relaxed.inserted) : { ok: false, message: parsed.message, position: parsed.position };
}

/** A failure may be a flow collection indented as CloudFormation allows but the spec does not (yaml-flow-indent.ts). */
type YamlAttempt = Extract<SourceParse, { ok: true }> | (Extract<SourceParse, { ok: false }> & { flowIndentation?: boolean });

function parseYamlText(text: string, inserted: ReadonlyMap<number, number>): YamlAttempt {
  const lines = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const position = positionAt(lines, offset);
    const shift = inserted.get(position.line) ?? 0;
    return shift === 0 ? position : { line: position.line, column: Math.max(1, position.column - shift) };
  };
  const fail = (message: string, position: SourcePosition): YamlAttempt => ({ ok: false, message, position });

  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  const tooDeep = firstTooDeep(tokens);
  if (tooDeep !== undefined) return fail(`nesting deeper than ${MAX_DEPTH} levels`, at(tooDeep));

  const documents = Array.from(new Composer(composerOptions).compose(tokens));
  if (documents.length > 1) {
    return fail('more than one YAML document (---) in the file: a template is a single document', at(documents[1].range[0]));
  }
  const document = documents[0];
  if (document === undefined || document.contents === null) return fail('the file holds no YAML content (only comments or ---)', FILE_START);

  const problem = document.errors[0] ?? document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const message =
      problem.code === 'TAG_RESOLVE_FAILED'
        ? `unknown tag ${text.slice(problem.pos[0], problem.pos[1])}: not a CloudFormation short form such as !Ref or !Sub`
        : `invalid YAML: ${problem.message.split('\n')[0]}`;
    return { ok: false, message, position: at(problem.pos[0]), flowIndentation: problem.code === 'BAD_INDENT' };
  }

  const root = document.contents;
  let value: TemplateValue;
  try {
    value = new YamlConverter().convert(root, 0);
  } catch (error) {
    if (error instanceof YamlProblem) return fail(error.message, at(error.offset));
    throw error;
  }
  const step = yamlStep(text, document);
  return {
    ok: true,
    value,
    locate: (pointer: JsonPointer) => at(offsetOfPointer<YamlCursor>({ node: root, tagEntered: false }, writtenStart(text, root), pointer, step)),
  };
}

/** Offset of the first mapping or list nested deeper than MAX_DEPTH, walking the CST without recursion. */
function firstTooDeep(tokens: CST.Token[]): number | undefined {
  const pending: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { token, depth } = next;
    if (token.type === 'document') {
      if (token.value) pending.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_DEPTH) return token.offset;
      const children: CST.Token[] = [];
      for (const item of token.items) {
        if ('key' in item && item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
      for (let i = children.length - 1; i >= 0; i--) pending.push({ token: children[i], depth: depth + 1 });
    }
  }
  return undefined;
}

/** A node produced by the composer: scalar, mapping, sequence, alias, a pair inside a flow sequence, or an empty value. */
type YamlNode = unknown;

class YamlProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function startOf(node: YamlNode): number {
  return (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) && node.range ? node.range[0] : 0;
}

/** A mapping key as a string: YAML allows numbers or booleans as keys, CloudFormation reads their text. */
function scalarKeyText(key: YamlNode): string | undefined {
  if (!isScalar(key)) return undefined;
  return typeof key.value === 'string' ? key.value : (key.source ?? String(key.value));
}

/** Turns the composed document into a `TemplateValue`, expanding aliases within a budget. */
class YamlConverter {
  private readonly anchors = new Map<string, YamlNode>();
  /** Anchored nodes being expanded through an alias: a cycle check, and "inside an alias" for the budget. */
  private readonly expanding = new Set<YamlNode>();
  private aliasNodes = 0;
  /** The outermost alias being expanded: where a runaway expansion is reported. */
  private aliasSite = 0;

  convert(node: YamlNode, depth: number): TemplateValue {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) throw new YamlProblem(`nesting deeper than ${MAX_DEPTH} levels`, startOf(node));
    if (this.expanding.size > 0 && ++this.aliasNodes > MAX_ALIAS_EXPANSION) {
      const message = `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; refusing a possible "billion laughs" file`;
      throw new YamlProblem(message, this.aliasSite);
    }
    if (isAlias(node)) return this.alias(node, depth);
    if (isPair(node)) return this.mapping([node], depth);
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) throw new YamlProblem('unsupported YAML node', startOf(node));
    this.remember(node);
    const plain = isScalar(node)
      ? this.scalar(node)
      : isMap(node)
        ? this.mapping(node.items, depth)
        : node.items.map((item) => this.convert(item, depth + 1));
    const longForm = longFormOf(node.tag);
    return longForm === undefined ? plain : { [longForm]: longForm === 'Fn::GetAtt' && isScalar(node) ? splitGetAtt(plain) : plain };
  }

  private remember(node: { anchor?: string }): void {
    // Anchors met again while expanding an alias are old definitions, not new ones.
    if (node.anchor !== undefined && this.expanding.size === 0) this.anchors.set(node.anchor, node);
  }

  private scalar(node: Scalar): TemplateValue {
    const value = node.value;
    if (typeof value === 'number') {
      const leadingZero = node.type === 'PLAIN' && node.source !== undefined && /^[-+]?0[0-9]+$/.test(node.source);
      return leadingZero ? (node.source ?? value) : value;
    }
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
    throw new YamlProblem('unsupported YAML scalar value', startOf(node));
  }

  private mapping(pairs: ReadonlyArray<Pair<unknown, unknown>>, depth: number): TemplateObject {
    const object: TemplateObject = {};
    for (const pair of pairs) {
      const key = this.key(pair);
      if (Object.prototype.hasOwnProperty.call(object, key)) throw new YamlProblem(`duplicate key "${key}"`, startOf(pair.key));
      const value = this.convert(pair.value, depth + 1);
      // A plain assignment to `__proto__` would change the prototype instead of adding a key.
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
    }
    return object;
  }

  private key(pair: Pair<unknown, unknown>): string {
    const key = pair.key;
    if (key === null || key === undefined) throw new YamlProblem('empty mapping key', startOf(pair.value));
    const text = scalarKeyText(key);
    if (text === undefined) throw new YamlProblem('a mapping key must be a plain string, not a list, mapping or alias', startOf(key));
    if (isScalar(key) && longFormOf(key.tag) !== undefined) throw new YamlProblem(`${key.tag} cannot be used as a mapping key`, startOf(key));
    this.remember(key);
    return text;
  }

  private alias(alias: Alias, depth: number): TemplateValue {
    const target = this.anchors.get(alias.source);
    if (target === undefined) throw new YamlProblem(`alias *${alias.source} has no anchor &${alias.source} before it`, startOf(alias));
    if (this.expanding.has(target)) throw new YamlProblem(`alias *${alias.source} refers to a node that contains it`, startOf(alias));
    if (this.expanding.size === 0) this.aliasSite = startOf(alias);
    this.expanding.add(target);
    try {
      return this.convert(target, depth);
    } finally {
      this.expanding.delete(target);
    }
  }
}

/** `!GetAtt Res.Attr.Sub` is `['Res', 'Attr.Sub']`: logical ids have no dots, attribute names may. */
function splitGetAtt(value: TemplateValue): TemplateValue {
  if (typeof value !== 'string') return value;
  const dot = value.indexOf('.');
  return dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value;
}

/** Where a pointer walk stands: a node, and whether its short-form tag was already stepped through. */
interface YamlCursor {
  node: YamlNode;
  tagEntered: boolean;
}

/**
 * Pointers see the template in long form, so a tagged node is a one-key mapping whose key is its
 * long form (`/Fn::Sub`), and a dotted `!GetAtt` scalar is a two-element list.
 */
function yamlStep(text: string, document: Document.Parsed) {
  return (cursor: YamlCursor, segment: string): { cursor: YamlCursor; offset: number } | undefined => {
    const node = isAlias(cursor.node) ? cursor.node.resolve(document) : cursor.node;
    if (!cursor.tagEntered && (isScalar(node) || isMap(node) || isSeq(node)) && longFormOf(node.tag) !== undefined) {
      return segment === longFormOf(node.tag) ? { cursor: { node, tagEntered: true }, offset: writtenStart(text, node) } : undefined;
    }
    if (isScalar(node)) {
      const dotted = node.tag === '!GetAtt' && Array.isArray(splitGetAtt(scalarKeyText(node) ?? ''));
      return dotted && (segment === '0' || segment === '1') ? { cursor: { node: null, tagEntered: false }, offset: startOf(node) } : undefined;
    }
    const pairs = isMap(node) ? node.items : isPair(node) ? [node] : undefined;
    if (pairs) {
      const pair = pairs.find((candidate) => scalarKeyText(candidate.key) === segment);
      return pair ? { cursor: { node: pair.value, tagEntered: false }, offset: startOf(pair.key) } : undefined;
    }
    if (isSeq(node)) {
      const index = arrayIndex(segment);
      const item = index === undefined ? undefined : node.items[index];
      if (item === undefined) return undefined;
      return { cursor: { node: item, tagEntered: false }, offset: isPair(item) ? startOf(item.key) : writtenStart(text, item) };
    }
    return undefined;
  };
}

/** Where a node is written: at its short-form tag when it has one (`!Sub` in `- !Sub ...`). */
function writtenStart(text: string, node: YamlNode): number {
  const start = startOf(node);
  const tag = (isScalar(node) || isMap(node) || isSeq(node)) && longFormOf(node.tag) !== undefined ? node.tag : undefined;
  if (tag === undefined) return start;
  const at = text.lastIndexOf(tag, start);
  // Only blanks (and perhaps an anchor) may stand between a tag and its node; else keep the node's start.
  return at !== -1 && /^\s*(&\S+\s*)?$/.test(text.slice(at + tag.length, start)) ? at : start;
}
