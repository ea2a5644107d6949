/**
 * Template edits as text edits on a YAML template. The `yaml` Document API finds the nodes a
 * pointer names (short forms such as `!If` included); the edit then splices new text at those
 * nodes, so that every other byte of the file, comments and layout included, stays as it was.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TemplateObject, TemplateValue } from '../template/types';
import type { TemplateEdit } from '../rules/types';
import { formatPointer, parsePointer } from '../template';
import { longFormOf, shortFormTags } from '../template/yaml-tags';
import { blockYaml, flowYaml, inlineYaml, yamlScalar } from '../template/yaml-writer';
import { FixRefused } from './refused';
import { forLastText, lineStart, type TextEdit } from './text-edits';
import { isRecord } from '../template/values';

/** Edits only read the document (they are text splices), so one parse serves all edits of a file. */
const parse = forLastText((text: string): Document.Parsed => parseDocument(text, { customTags: shortFormTags, uniqueKeys: false, keepSourceTokens: false }));

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** The node a pointer names; a `Fn::X` segment steps into a `!X` short form as into its long-form key. */
function nodeAt(root: Node | null, pointer: string): Node {
  let node: Node | null = root;
  for (const segment of parsePointer(pointer)) {
    if (node === null) break;
    if (isAlias(node)) throw new FixRefused('it goes through a YAML alias');
    if (longFormOf(node.tag) === segment) continue;
    if (isMap(node)) {
      const pair: Pair | undefined = node.items.find((item) => keyText(item) === segment);
      node = (pair?.value as Node | null | undefined) ?? null;
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      node = (node.items[Number(segment)] as Node | undefined) ?? null;
    } else node = null;
  }
  if (node === null) throw new FixRefused(`nothing is written at ${pointer}`);
  if (isAlias(node)) throw new FixRefused('it goes through a YAML alias');
  return node;
}

/** Where the line holding the last character before `end` ends (before its newline). */
function endOfLine(text: string, end: number): number {
  let last = end - 1;
  while (last > 0 && /\s/.test(text[last]!)) last--;
  const newline = text.indexOf('\n', last);
  return newline === -1 ? text.length : newline;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Where the closing bracket of a flow collection is. */
function closingBracket(text: string, node: Node, bracket: '}' | ']'): number {
  const at = text.lastIndexOf(bracket, node.range![1] - 1);
  if (at < node.range![0]) throw new FixRefused('its flow collection cannot be read');
  return at;
}

function insertIntoMap(text: string, map: YAMLMap, key: string, value: TemplateValue): TextEdit {
  const last = map.items[map.items.length - 1];
  if (map.flow) {
    const entry = `${yamlScalar(key)}: ${flowYaml(value)}`;
    const end = last ? ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1] : undefined;
    return end === undefined ? { offset: closingBracket(text, map, '}'), length: 0, text: ` ${entry} ` } : { offset: end, length: 0, text: `, ${entry}` };
  }
  const first = map.items[0];
  if (!last || !first || !isScalar(first.key)) throw new FixRefused('the mapping is empty');
  const indent = columnOf(text, first.key.range![0]);
  const end = endOfLine(text, ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1]);
  return { offset: end, length: 0, text: `\n${renderPair(key, value, indent)}` };
}

function renderPair(key: string, value: TemplateValue, indent: number): string {
  return blockYaml({ [key]: value }, indent).join('\n');
}

function sameValue(text: string, node: Node, value: TemplateValue): boolean {
  const inline = inlineYaml(value);
  return inline !== undefined && text.slice(node.range![0], node.range![1]).trim() === inline;
}

/** Adds keys to a mapping, into nested mappings; refuses to change a value that is there. */
function addKeys(text: string, map: Node, value: TemplateObject, edits: TextEdit[]): void {
  if (!isMap(map)) throw new FixRefused('it is not a mapping');
  for (const [key, item] of Object.entries(value)) {
    const pair = map.items.find((p) => keyText(p) === key);
    const existing = pair?.value as Node | null | undefined;
    if (!pair) edits.push(insertIntoMap(text, map, key, item));
    else if (existing && isMap(existing) && isRecord(item) && inlineYaml(item) === undefined) {
      addKeys(text, existing, item, edits);
    } else if (!existing || !sameValue(text, existing, item)) throw new FixRefused(`${key} is already set to something else`);
  }
}

function append(text: string, seq: Node, value: TemplateValue): TextEdit {
  if (!isSeq(seq)) throw new FixRefused('it is not a list');
  const first = seq.items[0] as Node | undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow) {
    return last ? { offset: last.range![1], length: 0, text: `, ${flowYaml(value)}` } : { offset: closingBracket(text, seq, ']'), length: 0, text: flowYaml(value) };
  }
  if (!first || !last) throw new FixRefused('the list is empty');
  const dash = text.lastIndexOf('-', first.range![0] - 1);
  const indent = columnOf(text, dash);
  return { offset: endOfLine(text, last.range![1]), length: 0, text: `\n${blockYaml([value], indent).join('\n')}` };
}

/** The node that holds the one a pointer names. */
function parentOf(root: Node | null, pointer: string): Node {
  return nodeAt(root, formatPointer(parsePointer(pointer).slice(0, -1)));
}

function expandAction(text: string, root: Node | null, pointer: string, actions: readonly string[]): TextEdit[] {
  const node = nodeAt(root, pointer);
  if (!isScalar(node)) throw new FixRefused('the action is not written as text');
  const [start, end] = node.range!;
  const segments = parsePointer(pointer);
  const parent = parentOf(root, pointer);
  const inActionList = segments.length >= 2 && segments[segments.length - 2] === 'Action' && isSeq(parent);
  if (inActionList && (parent as YAMLSeq).flow) return [{ offset: start, length: end - start, text: actions.map(yamlScalar).join(', ') }];
  if (inActionList) {
    // The first action takes the pattern's place; the others follow its line, after any comment there.
    const indent = columnOf(text, text.lastIndexOf('-', start - 1));
    const rest = blockYaml(actions.slice(1), indent);
    return [
      { offset: start, length: end - start, text: yamlScalar(actions[0]!) },
      ...(rest.length > 0 ? [{ offset: endOfLine(text, end), length: 0, text: `\n${rest.join('\n')}` }] : []),
    ];
  }
  if (segments[segments.length - 1] === 'Action' && isMap(parent) && !parent.flow) {
    // `Action: s3:*` becomes a block list under the key; the spaces after the colon go too.
    const pair = parent.items.find((p) => keyText(p) === 'Action')!;
    const indent = columnOf(text, (pair.key as Node).range![0]);
    let from = start;
    while (from > 0 && text[from - 1] === ' ') from--;
    return [{ offset: from, length: end - from, text: `\n${blockYaml([...actions], indent + 2).join('\n')}` }];
  }
  // Inside `!If` or a flow mapping: a flow list keeps the surrounding syntax intact, one action a
  // line when long, indented past the line it starts on as YAML requires of flow content.
  if (actions.length <= 3) return [{ offset: start, length: end - start, text: flowYaml([...actions]) }];
  const pad = ' '.repeat(/^ */.exec(text.slice(lineStart(text, start)))![0].length + 2);
  return [{ offset: start, length: end - start, text: `[\n${actions.map((a) => `${pad}  ${yamlScalar(a)}`).join(',\n')}\n${pad}]` }];
}

/** The text edits that carry out a template edit on this YAML text; throws `FixRefused` when they cannot. */
export function yamlTextEdits(text: string, edit: TemplateEdit): TextEdit[] {
  const document = parse(text);
  if (document.errors.length > 0) throw new FixRefused('the file is not valid YAML');
  const root = document.contents as Node | null;
  switch (edit.kind) {
    case 'add-keys': {
      const edits: TextEdit[] = [];
      addKeys(text, nodeAt(root, edit.at), edit.value, edits);
      return edits;
    }
    case 'append':
      return [append(text, nodeAt(root, edit.at), edit.value)];
    case 'expand-action':
      return expandAction(text, root, edit.at, edit.actions);
  }
}
