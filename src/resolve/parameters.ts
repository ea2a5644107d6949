/**
 * Template parameters: what `Ref` to one resolves to, and what a condition may assume of it.
 *
 * A value resolves to the user's value, else the `Default` (DESIGN.md §1). Conditions are
 * stricter: a default is not assumed there (any value could be passed at deploy time), only
 * the user's value or, one at a time, each of the `AllowedValues`.
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import { formatPointer, splitListParameter } from '../template';
import type { ResolvedNode } from './types';
import type { Evaluation, Scope } from './context';
import { isRecord, unknownNode } from './context';

interface ParameterSpec {
  /** `CommaDelimitedList` and `List<...>`: `Ref` gives a list. */
  list: boolean;
  /** `AWS::SSM::Parameter::Value<...>`: the value is read from Parameter Store at deploy time. */
  fromSsm: boolean;
  defaultValue?: string | string[];
  allowedValues?: string[];
}

export class Parameters {
  private readonly specs = new Map<string, ParameterSpec>();

  constructor(
    private readonly evaluation: Evaluation,
    private readonly section: TemplateValue | undefined,
  ) {}

  has(name: string): boolean {
    return isRecord(this.section) && Object.hasOwn(this.section, name);
  }

  /** `Ref name` for a declared parameter. */
  value(name: string, at: JsonPointer, scope: Scope): ResolvedNode {
    const spec = this.spec(name);
    if (spec.fromSsm) return unknownNode(`parameter ${name} is read from SSM Parameter Store at deploy time`, at);
    let text: string | string[] | undefined = this.given(name);
    if (text === undefined && scope.assumed !== undefined) {
      text = scope.assumed.get(name);
      if (text === undefined) return unknownNode(`parameter ${name} can take any value at deploy time`, at);
    }
    text ??= spec.defaultValue;
    if (text === undefined) return unknownNode(`parameter ${name} has no default and no value was given`, at);
    if (!spec.list) return { kind: 'scalar', value: Array.isArray(text) ? text.join(',') : text, at };
    const items = Array.isArray(text) ? text : splitListParameter(text);
    return { kind: 'list', items: items.map((value) => ({ kind: 'scalar', value, at })), at };
  }

  /**
   * The values a condition may assume the parameter takes, one at a time: its `AllowedValues`,
   * when the user gave no value. `undefined` when the parameter is fixed or open.
   */
  domain(name: string): string[] | undefined {
    if (!this.has(name) || this.given(name) !== undefined) return undefined;
    const spec = this.spec(name);
    return spec.list || spec.fromSsm ? undefined : spec.allowedValues;
  }

  private given(name: string): string | undefined {
    const given = this.evaluation.options.parameters;
    if (given === undefined || !Object.hasOwn(given, name)) return undefined;
    const value = given[name];
    const allowed = this.spec(name).allowedValues;
    if (allowed !== undefined && !allowed.includes(value)) {
      this.evaluation.problem(formatPointer(['Parameters', name]), `value "${value}" given for parameter ${name} is not one of its AllowedValues`);
    }
    return value;
  }

  private spec(name: string): ParameterSpec {
    let spec = this.specs.get(name);
    if (spec === undefined) {
      spec = this.read(name);
      this.specs.set(name, spec);
    }
    return spec;
  }

  private read(name: string): ParameterSpec {
    const declaration = isRecord(this.section) ? this.section[name] : undefined;
    const body = isRecord(declaration) ? declaration : {};
    const type = typeof body.Type === 'string' ? body.Type : 'String';
    const spec: ParameterSpec = {
      list: type === 'CommaDelimitedList' || type.startsWith('List<'),
      fromSsm: type.startsWith('AWS::SSM::Parameter::Value<'),
    };
    const defaultValue = this.defaultOf(name, body.Default);
    if (defaultValue !== undefined) spec.defaultValue = defaultValue;
    if (Array.isArray(body.AllowedValues) && body.AllowedValues.every(isScalar)) spec.allowedValues = body.AllowedValues.map(String);
    return spec;
  }

  private defaultOf(name: string, value: TemplateValue | undefined): string | string[] | undefined {
    if (value === undefined) return undefined;
    if (isScalar(value)) return String(value);
    if (Array.isArray(value) && value.every(isScalar)) return value.map(String);
    this.evaluation.problem(formatPointer(['Parameters', name, 'Default']), `the Default of parameter ${name} is not a string`);
    return undefined;
  }
}

function isScalar(value: TemplateValue): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
