/**
 * What the intrinsic functions work with while one template is resolved: the evaluation they
 * call back into, and the scope of the value being evaluated.
 */
import type { JsonPointer, LoadedTemplate, TemplateValue } from '../template/types';
import type { AbsentNode, ConditionValue, ResolveOptions, ResolvedNode, UnknownNode } from './types';
import { ResolveError } from './types';
import { isRecord } from '../template/values';

export { isRecord };

/** A resolved value, or `AWS::NoValue` (the key or element is absent). */
export type Resolved = ResolvedNode | AbsentNode;

/**
 * Deepest nesting of values and intrinsics evaluated, as deep as the loader accepts. Evaluation
 * recurses per level; the bound keeps hostile input from exhausting the stack.
 */
export const MAX_NESTING = 512;

export interface Scope {
  /** Nesting level of the value being evaluated. */
  depth: number;
  /**
   * Pointer of a nested value: its own pointer for template values, the outer pointer for
   * values that are not in the template as written (`resolveValue`).
   */
  child(at: JsonPointer, key: string | number): JsonPointer;
  /**
   * Set while a condition is evaluated: the values assumed for parameters with `AllowedValues`.
   * Other parameters without a user-given value are open there (their default is not assumed).
   */
  assumed?: ReadonlyMap<string, string>;
  /** Set while export names are resolved: `AWS::StackName` is this stack's literal name. */
  stackName?: string;
}

/** The resolver as the intrinsic functions see it. */
export interface Evaluation {
  readonly template: LoadedTemplate;
  readonly options: ResolveOptions;
  evaluate(value: TemplateValue, at: JsonPointer, scope: Scope): Resolved;
  /** The value of a named condition; `at` is where it is referred to (for problems). */
  condition(name: string, at: JsonPointer): ConditionValue;
  /** `Ref name`: a pseudo parameter, parameter or resource. */
  reference(name: string, at: JsonPointer, scope: Scope): Resolved;
  /** `Fn::GetAtt [logicalId, attribute]`. */
  attribute(logicalId: string, attribute: string, at: JsonPointer): ResolvedNode;
  problem(at: JsonPointer, message: string): void;
}

/** The scope of a value one level further down. */
export function deeper(scope: Scope, at: JsonPointer): Scope {
  const depth = scope.depth + 1;
  if (depth > MAX_NESTING) throw new ResolveError(`values and intrinsic functions nested deeper than ${MAX_NESTING} levels`, at);
  return { ...scope, depth };
}

export function unknownNode(reason: string, at: JsonPointer): UnknownNode {
  return { kind: 'unknown', reason, at };
}

/** A malformed intrinsic whose meaning cannot be guessed: unknown, and reported. */
export function invalid(evaluation: Evaluation, message: string, at: JsonPointer): UnknownNode {
  evaluation.problem(at, message);
  return unknownNode(message, at);
}

export function absentNode(at: JsonPointer): AbsentNode {
  return { kind: 'absent', at };
}


/** The template value at a property path (`DatabaseInput.Name`) below `value`. */
export function valueAtPath(value: TemplateValue | undefined, path: string): TemplateValue | undefined {
  let current = value;
  for (const key of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** One intrinsic function call being evaluated. */
export interface Call {
  /** `Ref`, `Fn::Join`, ... */
  name: string;
  argument: TemplateValue;
  /** Pointer of the intrinsic's node (the one-key map): what its result points at. */
  at: JsonPointer;
  /** Scope of the argument. */
  scope: Scope;
}

export type Intrinsic = (evaluation: Evaluation, call: Call) => Resolved;

/** Pointer of the argument, or of its `index`-th element. */
export function argumentPointer(call: Call, index?: number): JsonPointer {
  const argument = call.scope.child(call.at, call.name);
  return index === undefined ? argument : call.scope.child(argument, index);
}

/** The argument as a list of one of the `lengths` allowed, or `undefined`. */
export function listArgument(call: Call, ...lengths: number[]): TemplateValue[] | undefined {
  return Array.isArray(call.argument) && lengths.includes(call.argument.length) ? call.argument : undefined;
}

/** The `index`-th element of a list argument, evaluated. */
export function evaluateElement(evaluation: Evaluation, call: Call, list: readonly TemplateValue[], index: number): Resolved {
  return evaluation.evaluate(list[index], argumentPointer(call, index), call.scope);
}

/** The literal string a settled value holds, if it holds one. */
export function literalString(value: Resolved): string | undefined {
  return value.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
}
