/**
 * The resolver of one template (DESIGN.md §1–2): lazy, so that only what extraction asks
 * for is resolved, with conditions, parameters and resource identities memoized.
 *
 * Pointers (`at`): a template node resolves with its own pointer; a value an intrinsic makes
 * (`Fn::Sub`, `Fn::Join`, `Ref`, ...) points at the intrinsic's node; a value copied from
 * elsewhere in the template keeps that node's pointer (an `Fn::If` branch, a `Mappings` entry).
 * `resolveValue` gives every node the one pointer it is given: the value is not in the
 * template as written, so no pointer below it would name anything.
 */
import type { JsonPointer, LoadedTemplate, TemplateValue } from '../template/types';
import { formatPointer, parsePointer } from '../template';
import type { Assumption, ExportedValue, ResolveOptions, ResolvedNode, TemplateResolver } from './types';
import { ResolveError } from './types';
import type { Resolved } from './context';
import { isRecord, literalString } from './context';
import { OUTSIDE_SCOPE, TEMPLATE_SCOPE, TemplateEvaluation } from './evaluation';
import { rebase } from './rebase';

export function createResolver(template: LoadedTemplate, options: ResolveOptions = {}): TemplateResolver {
  const evaluation = new TemplateEvaluation(template, options);
  let exported: ExportedValue[] | undefined;

  const resolveAt = (pointer: JsonPointer): ResolvedNode | undefined => {
    const value = valueAt(template.body, pointer);
    return value === undefined ? undefined : present(evaluation.evaluate(value, pointer, TEMPLATE_SCOPE));
  };

  const condition = (name: string) => evaluation.condition(name, formatPointer(['Conditions', name]));

  const resourceExists = (logicalId: string): false | Assumption[] => {
    const resources = template.body.Resources;
    const resource = isRecord(resources) && Object.hasOwn(resources, logicalId) ? resources[logicalId] : undefined;
    if (!isRecord(resource)) return false;
    const name = resource.Condition;
    if (name === undefined) return [];
    const at = formatPointer(['Resources', logicalId, 'Condition']);
    if (typeof name !== 'string') {
      evaluation.problem(at, 'Condition must be the name of a condition');
      return [];
    }
    const value = evaluation.condition(name, at);
    if (value === 'open') return [{ condition: name, value: true }];
    return value ? [] : false;
  };

  /** Outputs with an `Export`: the name must resolve to a literal (`${AWS::StackName}` is this stack's name). */
  const stackExports = (): ExportedValue[] => {
    const outputs = template.body.Outputs;
    if (!isRecord(outputs)) return [];
    const result: ExportedValue[] = [];
    for (const [id, output] of Object.entries(outputs)) {
      if (!isRecord(output) || !isRecord(output.Export) || output.Export.Name === undefined || !('Value' in output)) continue;
      const outputAt = formatPointer(['Outputs', id]);
      try {
        if (typeof output.Condition === 'string' && evaluation.condition(output.Condition, `${outputAt}/Condition`) === false) continue;
        const nameAt = `${outputAt}${formatPointer(['Export', 'Name'])}`;
        const name = literalString(evaluation.evaluate(output.Export.Name, nameAt, { ...TEMPLATE_SCOPE, stackName: template.stackName }));
        if (name === undefined) {
          evaluation.problem(nameAt, `the export name of output ${id} is not a literal string: other stacks cannot import it by name`);
          continue;
        }
        const value = resolveAt(`${outputAt}/Value`);
        if (value !== undefined) result.push({ name, value: rebase(value, { stack: template.stackName }), stack: template.stackName });
      } catch (error) {
        if (!(error instanceof ResolveError)) throw error;
        evaluation.problem(error.at, `output ${id} is not exported: ${error.message}`);
      }
    }
    return result;
  };

  return {
    resolveAt,
    resolveValue: (value: TemplateValue, at: JsonPointer) => present(evaluation.evaluate(value, at, OUTSIDE_SCOPE)),
    condition,
    resourceExists,
    exports: () => (exported ??= stackExports()),
    problems: () => evaluation.problems(),
  };
}

/** `AWS::NoValue` as the whole value: nothing is there. */
function present(node: Resolved): ResolvedNode | undefined {
  return node.kind === 'absent' ? undefined : node;
}

/** The template value at `pointer`, or `undefined` when the pointer names nothing. */
function valueAt(root: TemplateValue, pointer: JsonPointer): TemplateValue | undefined {
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  let current: TemplateValue | undefined = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) current = /^(0|[1-9]\d*)$/.test(segment) ? current[Number(segment)] : undefined;
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}
