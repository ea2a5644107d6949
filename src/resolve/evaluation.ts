/**
 * Evaluation of one template's values: plain JSON as it is, intrinsic functions evaluated,
 * `AWS::NoValue` removed from maps and lists. Shared facts (conditions, parameters, resource
 * identities) are computed once per template.
 */
import type { JsonPointer, LoadedTemplate, TemplateValue } from '../template/types';
import { childPointer } from '../template';
import type { ConditionValue, PseudoParameter, ResolveOptions, ResolveProblem, ResolvedNode } from './types';
import type { Evaluation, Resolved, Scope } from './context';
import { absentNode, deeper, invalid, unknownNode } from './context';
import { Conditions } from './conditions';
import { ResourceIdentities } from './identity';
import { callIntrinsic, isIntrinsicName, MACRO_OUTPUT } from './intrinsics';
import { Parameters } from './parameters';

/** Pseudo parameters that stand for one value each (`AWS::NotificationARNs` is a list, `AWS::NoValue` nothing). */
const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set<PseudoParameter>([
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
]);

function isPseudoParameter(name: string): name is PseudoParameter {
  return PSEUDO_PARAMETERS.has(name);
}

/** Values of the template: nested values point at their own nodes. */
export const TEMPLATE_SCOPE: Scope = { depth: 0, child: childPointer };

/** Values from outside the template (`resolveValue`): every node points at the node they stand for. */
export const OUTSIDE_SCOPE: Scope = { depth: 0, child: (at) => at };

export class TemplateEvaluation implements Evaluation {
  private readonly found = new Map<string, ResolveProblem>();
  private readonly parameters: Parameters;
  private readonly conditions: Conditions;
  private readonly resources: ResourceIdentities;

  constructor(
    readonly template: LoadedTemplate,
    readonly options: ResolveOptions,
  ) {
    const { body } = template;
    this.parameters = new Parameters(this, body.Parameters);
    this.conditions = new Conditions(this, body.Conditions, this.parameters, TEMPLATE_SCOPE);
    this.resources = new ResourceIdentities(this, body, TEMPLATE_SCOPE);
  }

  evaluate(value: TemplateValue, at: JsonPointer, scope: Scope): Resolved {
    if (value === null || typeof value !== 'object') return { kind: 'scalar', value, at };
    const inner = deeper(scope, at);
    if (Array.isArray(value)) {
      const items: ResolvedNode[] = [];
      value.forEach((item, index) => {
        const resolved = this.evaluate(item, scope.child(at, index), inner);
        if (resolved.kind !== 'absent') items.push(resolved);
      });
      return { kind: 'list', items, at };
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && isIntrinsicName(keys[0])) return callIntrinsic(this, { name: keys[0], argument: value[keys[0]], at, scope: inner });
    // A macro rewrites the whole map it sits in.
    if (keys.includes('Fn::Transform')) return unknownNode(`Fn::Transform: ${MACRO_OUTPUT}`, at);
    const entries = new Map<string, ResolvedNode>();
    for (const key of keys) {
      const resolved = this.evaluate(value[key], scope.child(at, key), inner);
      if (resolved.kind !== 'absent') entries.set(key, resolved);
    }
    return { kind: 'map', entries, at };
  }

  condition(name: string, at: JsonPointer): ConditionValue {
    return this.conditions.value(name, at);
  }

  reference(name: string, at: JsonPointer, scope: Scope): Resolved {
    if (name === 'AWS::NoValue') return absentNode(at);
    if (name === 'AWS::NotificationARNs') return unknownNode('AWS::NotificationARNs is known only at deploy time', at);
    if (name === 'AWS::StackName' && scope.stackName !== undefined) return { kind: 'scalar', value: scope.stackName, at };
    if (isPseudoParameter(name)) return { kind: 'symbolic', parts: [{ kind: 'pseudo', name }], at };
    if (this.parameters.has(name)) return this.parameters.value(name, at, scope);
    if (this.resources.has(name)) return this.resources.node(name, 'Ref', at);
    return invalid(this, `${name} is not declared`, at);
  }

  attribute(logicalId: string, attribute: string, at: JsonPointer): ResolvedNode {
    // SAM's derived references: `${MyFunction.Alias}` is the alias, `${MyApi.Stage.X}` the stage's attribute X.
    const dot = attribute.indexOf('.');
    const derived = `${logicalId}.${dot < 0 ? attribute : attribute.slice(0, dot)}`;
    if (this.resources.has(derived)) return this.resources.node(derived, dot < 0 ? 'Ref' : attribute.slice(dot + 1), at);
    if (!this.resources.has(logicalId)) return invalid(this, `Fn::GetAtt ${logicalId}.${attribute}: resource ${logicalId} is not declared`, at);
    return (attribute === 'Value' ? this.resources.cdkJsonValue(logicalId, at) : undefined) ?? this.resources.node(logicalId, attribute, at);
  }

  problem(at: JsonPointer, message: string): void {
    const key = `${at}\n${message}`;
    if (!this.found.has(key)) this.found.set(key, { at, message });
  }

  problems(): ResolveProblem[] {
    return [...this.found.values()];
  }
}
