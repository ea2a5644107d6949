/**
 * Template edits as text edits on a JSON template. `jsonc-parser` finds the nodes a pointer
 * names; new members are written in the layout of their neighbours (one a line with the file's
 * indentation, or inline in an inline object), so the rest of the file stays byte for byte.
 */
import { findNodeAtLocation, parseTree, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import type { TemplateObject, TemplateValue } from '../template/types';
import type { TemplateEdit } from '../rules/types';
import { parsePointer } from '../template';
import { FixRefused } from './refused';
import { forLastText, lineStart, type TextEdit } from './text-edits';
import { isRecord } from '../template/values';
import { intrinsicCall } from '../template/intrinsic-call';

/** Edits only read the tree (they are text splices), so one parse serves all edits of a file. */
const tree = forLastText((text: string): Node => {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors);
  if (!root || errors.length > 0) throw new FixRefused('the file is not valid JSON');
  return root;
});

/** The JSON path a pointer names: array indexes as numbers. */
function nodeAt(root: Node, pointer: string): Node {
  const path: JSONPath = [];
  for (const segment of parsePointer(pointer)) {
    const node = findNodeAtLocation(root, path);
    path.push(node?.type === 'array' ? Number(segment) : segment);
  }
  const node = findNodeAtLocation(root, path);
  if (!node) throw new FixRefused(`nothing is written at ${pointer}`);
  return node;
}

function indentationOf(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

/** One step of the file's indentation: the first indented line's. */
function indentUnit(text: string): string {
  return /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
}

const isMultiline = (text: string, node: Node) => text.slice(node.offset, node.offset + node.length).includes('\n');

/** `{ "Ref": "Topic" }`, `["a", "b"]`: JSON on one line, spaced as people write it. */
function inline(value: TemplateValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`);
  return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
}

/** An intrinsic function short enough to stay on its line, as templates usually write them. */
function staysInline(value: TemplateValue): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return !Array.isArray(value);
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::')) && inline(value).length <= 60;
}

/** The value as JSON, laid out like the file: on one line, or one member a line indented from `indent`. */
function render(value: TemplateValue, multiline: boolean, indent: string, unit: string): string {
  if (!multiline || staysInline(value)) return inline(value);
  const inner = indent + unit;
  const items = Array.isArray(value)
    ? value.map((item) => render(item, true, inner, unit))
    : Object.entries(value as TemplateObject).map(([key, item]) => `${JSON.stringify(key)}: ${render(item, true, inner, unit)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length === 0 ? `${open}${close}` : `${open}\n${items.map((item) => `${inner}${item}`).join(',\n')}\n${indent}${close}`;
}

/** Inserts a member (`"key": value`) or an element after the last child of an object or array. */
function insertChild(text: string, container: Node, member: (multiline: boolean, indent: string) => string): TextEdit {
  const children = container.children ?? [];
  const last = children[children.length - 1];
  if (!last) {
    // An empty `{}` or `[]`: written inline.
    return { offset: container.offset + 1, length: 0, text: member(false, '') };
  }
  const end = last.offset + last.length;
  if (!isMultiline(text, container)) return { offset: end, length: 0, text: `, ${member(false, '')}` };
  const indent = indentationOf(text, children[0]!.offset);
  return { offset: end, length: 0, text: `,\n${indent}${member(true, indent)}` };
}

function addKeys(text: string, object: Node, value: TemplateObject, edits: TextEdit[]): void {
  if (object.type !== 'object') throw new FixRefused('it is not a mapping');
  const unit = indentUnit(text);
  for (const [key, item] of Object.entries(value)) {
    const property = object.children?.find((p) => p.children?.[0]?.value === key);
    const existing = property?.children?.[1];
    if (!existing) {
      edits.push(insertChild(text, object, (multiline, indent) => `${JSON.stringify(key)}: ${render(item, multiline, indent, unit)}`));
    } else if (existing.type === 'object' && isRecord(item) && intrinsicCall(item) === undefined) {
      addKeys(text, existing, item, edits);
    } else if (JSON.stringify(JSON.parse(text.slice(existing.offset, existing.offset + existing.length))) !== JSON.stringify(item)) {
      throw new FixRefused(`${key} is already set to something else`);
    }
  }
}

function expandAction(text: string, node: Node, pointer: string, actions: readonly string[]): TextEdit[] {
  if (node.type !== 'string') throw new FixRefused('the action is not written as text');
  const unit = indentUnit(text);
  const segments = parsePointer(pointer);
  const list = node.parent;
  const replace = (content: string): TextEdit[] => [{ offset: node.offset, length: node.length, text: content }];
  if (list?.type === 'array' && segments[segments.length - 2] === 'Action') {
    const quoted = actions.map((a) => JSON.stringify(a));
    if (!isMultiline(text, list)) return replace(quoted.join(', '));
    return replace(quoted.join(`,\n${indentationOf(text, node.offset)}`));
  }
  // `"Action": "s3:*"`, or a branch of `Fn::If`: a list in its place, one action a line.
  const indent = indentationOf(text, node.offset);
  return replace(render([...actions], true, indent, unit));
}

/** The text edits that carry out a template edit on this JSON text; throws `FixRefused` when they cannot. */
export function jsonTextEdits(text: string, edit: TemplateEdit): TextEdit[] {
  const root = tree(text);
  const node = nodeAt(root, edit.at);
  switch (edit.kind) {
    case 'add-keys': {
      const edits: TextEdit[] = [];
      addKeys(text, node, edit.value, edits);
      return edits;
    }
    case 'append': {
      if (node.type !== 'array') throw new FixRefused('it is not a list');
      const unit = indentUnit(text);
      return [insertChild(text, node, (multiline, indent) => render(edit.value, multiline, indent, unit))];
    }
    case 'expand-action':
      return expandAction(text, node, edit.at, edit.actions);
  }
}
