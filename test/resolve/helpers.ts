/**
 * Building templates for resolver tests, and showing resolved nodes compactly so that
 * assertions read like the template they test.
 */
import { parseTemplate } from '../../src/template';
import type { LoadedTemplate, TemplateObject } from '../../src/template/types';
import type { AbsentNode, ResolvedNode } from '../../src/resolve/types';
import { formatResolvedString } from '../../src/resolve';

/** A template from a plain object; positions are not under test here. */
export function templateOf(body: TemplateObject, stackName = 'test-stack'): LoadedTemplate {
  return { file: 'template.json', stackName, format: 'json', body, locate: () => ({ line: 1, column: 1 }) };
}

/** A template from YAML text (short-form tags included), through the real loader. */
export function yamlTemplate(text: string, file = 'template.yaml', stackName?: string): LoadedTemplate {
  const loaded = parseTemplate(text, file, { explicit: true, ...(stackName !== undefined ? { stackName } : {}) });
  if (loaded.status !== 'loaded') throw new Error(`test template does not load: ${JSON.stringify(loaded)}`);
  return loaded.template;
}

export type Shown = string | number | boolean | null | Shown[] | { [key: string]: Shown };

/**
 * A resolved node as plain data: strings as `Fn::Sub` would write them (`arn:${AWS::Partition}:...`),
 * unknowns as `<unknown: reason>`, choices as `{ 'if IsProd': [whenTrue, whenFalse] }`,
 * `AWS::NoValue` as `<absent>`.
 */
export function show(node: ResolvedNode | AbsentNode | undefined): Shown {
  if (node === undefined) return '<undefined>';
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'symbolic':
      return formatResolvedString({ kind: 'symbolic', parts: node.parts });
    case 'unknown':
      return `<unknown: ${node.reason}>`;
    case 'list':
      return node.items.map(show);
    case 'map':
      return Object.fromEntries([...node.entries].map(([k, v]) => [k, show(v)]));
    case 'choice':
      return { [`if ${node.condition}`]: [show(node.whenTrue), show(node.whenFalse)] };
    case 'absent':
      return '<absent>';
  }
}

/** Every `at` pointer in a node tree, with the path of the node (for pointer assertions). */
export function pointers(node: ResolvedNode | AbsentNode, path = ''): [string, string][] {
  const own: [string, string][] = [[path || '.', node.at]];
  switch (node.kind) {
    case 'list':
      return [...own, ...node.items.flatMap((item, i) => pointers(item, `${path}[${i}]`))];
    case 'map':
      return [...own, ...[...node.entries].flatMap(([k, v]) => pointers(v, `${path}.${k}`))];
    case 'choice':
      return [...own, ...pointers(node.whenTrue, `${path}?`), ...pointers(node.whenFalse, `${path}!`)];
    default:
      return own;
  }
}
