/**
 * Conditions, three-valued (DESIGN.md §2): `true` or `false` when every value they read is
 * known, `open` otherwise. Pseudo parameters and parameters without a user-given value are
 * open, except that a parameter with `AllowedValues` is tried with each of them: when the
 * outcome is the same for all, the condition is constant (`Equals [!Ref Env, staging]` with
 * `AllowedValues: [dev, prod]` is always false).
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import { formatPointer } from '../template';
import type { ConditionValue, StringPart } from './types';
import { ResolveError } from './types';
import type { Evaluation, Resolved, Scope } from './context';
import { deeper, isRecord, MAX_NESTING } from './context';
import type { Parameters } from './parameters';
import { subVariables } from './fn-sub';

/** Most combinations of `AllowedValues` tried for one condition; beyond it the largest domains count as open. */
const MAX_ASSUMPTIONS = 1024;

export class Conditions {
  private readonly values = new Map<string, ConditionValue>();
  private readonly assumedValues = new WeakMap<ReadonlyMap<string, string>, Map<string, ConditionValue>>();
  /** Conditions being evaluated, outermost first: a name met twice is a cycle. */
  private readonly active: string[] = [];

  constructor(
    private readonly evaluation: Evaluation,
    private readonly section: TemplateValue | undefined,
    private readonly parameters: Parameters,
    private readonly templateScope: Scope,
  ) {}

  /** The value of a named condition; `at` is where it is referred to. */
  value(name: string, at: JsonPointer): ConditionValue {
    if (this.expressionOf(name) === undefined) {
      this.evaluation.problem(at, `condition ${name} is not declared`);
      return 'open';
    }
    let value = this.values.get(name);
    if (value === undefined) {
      value = this.overAllowedValues(name);
      this.values.set(name, value);
    }
    return value;
  }

  private expressionOf(name: string): TemplateValue | undefined {
    return isRecord(this.section) && Object.hasOwn(this.section, name) ? this.section[name] : undefined;
  }

  private overAllowedValues(name: string): ConditionValue {
    let outcome: ConditionValue | undefined;
    for (const assumed of assignments(this.domains(name))) {
      const value = this.named(name, { ...this.templateScope, assumed });
      if (value === 'open' || (outcome !== undefined && outcome !== value)) return 'open';
      outcome = value;
    }
    return outcome ?? 'open';
  }

  private named(name: string, scope: Scope): ConditionValue {
    // Under assumptions a condition is evaluated once per set of them: chains of conditions
    // that name the same condition twice stay linear.
    const cache = scope.assumed === undefined ? undefined : this.assumedValues.get(scope.assumed);
    const cached = cache?.get(name);
    if (cached !== undefined) return cached;
    const value = this.evaluateNamed(name, scope);
    if (scope.assumed !== undefined) this.assumedValues.set(scope.assumed, (cache ?? new Map()).set(name, value));
    return value;
  }

  /** A declared condition, evaluated under the scope's assumptions. */
  private evaluateNamed(name: string, scope: Scope): ConditionValue {
    const pointer = formatPointer(['Conditions', name]);
    const start = this.active.indexOf(name);
    if (start >= 0) throw new ResolveError(`circular condition: ${[...this.active.slice(start), name].join(' → ')}`, pointer);
    // A chain of conditions naming one another is followed by recursion: bounded like any nesting.
    if (this.active.length >= MAX_NESTING) throw new ResolveError(`conditions that name one another more than ${MAX_NESTING} deep`, pointer);
    this.active.push(name);
    try {
      return this.expression(this.expressionOf(name)!, pointer, scope);
    } finally {
      this.active.pop();
    }
  }

  private expression(expression: TemplateValue, at: JsonPointer, scope: Scope): ConditionValue {
    if (typeof expression === 'boolean') return expression;
    const keys = isRecord(expression) ? Object.keys(expression) : [];
    if (!isRecord(expression) || keys.length !== 1) return this.malformed('a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition', at);
    const [fn] = keys;
    const argument = expression[fn];
    const argumentAt = scope.child(at, fn);
    const inner = deeper(scope, at);
    const operands = (count?: number): TemplateValue[] | undefined =>
      Array.isArray(argument) && argument.length > 0 && (count === undefined || argument.length === count) ? argument : undefined;
    switch (fn) {
      case 'Fn::Equals': {
        const pair = operands(2);
        if (!pair) return this.malformed('Fn::Equals needs a list of two values', at);
        const [left, right] = pair.map((value, i) => this.evaluation.evaluate(value, inner.child(argumentAt, i), inner));
        return equalValues(left, right);
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const list = operands();
        if (!list) return this.malformed(`${fn} needs a list of conditions`, at);
        const values = list.map((value, i) => this.expression(value, inner.child(argumentAt, i), inner));
        return fn === 'Fn::And' ? all(values) : any(values);
      }
      case 'Fn::Not': {
        const single = operands(1);
        if (!single) return this.malformed('Fn::Not needs a list of one condition', at);
        const value = this.expression(single[0], inner.child(argumentAt, 0), inner);
        return value === 'open' ? 'open' : !value;
      }
      case 'Condition': {
        if (typeof argument !== 'string') return this.malformed('Condition needs the name of a condition', at);
        // Without assumptions the named condition has its own value, memoized there.
        if (!scope.assumed?.size || this.expressionOf(argument) === undefined) return this.value(argument, at);
        return this.named(argument, scope);
      }
      default:
        return this.malformed(`${fn} is not a condition function`, at);
    }
  }

  private malformed(message: string, at: JsonPointer): ConditionValue {
    this.evaluation.problem(at, message);
    return 'open';
  }

  /** Parameters with `AllowedValues` that the condition reads, directly or through other conditions. */
  private domains(name: string): [string, string[]][] {
    const found = new Map<string, string[]>();
    const seen = new Set<string>();
    const conditions = [name];
    while (conditions.length > 0) {
      const condition = conditions.pop()!;
      const expression = this.expressionOf(condition);
      if (seen.has(condition) || expression === undefined) continue;
      seen.add(condition);
      const reference = (parameter: string) => {
        const domain = this.parameters.domain(parameter);
        if (domain !== undefined) found.set(parameter, domain);
      };
      visit(expression, reference, (next) => conditions.push(next));
    }
    return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** Calls `reference` for every name a `Ref` or `Fn::Sub` reads, `condition` for every condition named. */
function visit(root: TemplateValue, reference: (name: string) => void, condition: (name: string) => void): void {
  const pending: TemplateValue[] = [root];
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    if (!isRecord(value)) continue;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') reference(inner);
      else if (key === 'Condition' && typeof inner === 'string') condition(inner);
      else if (key === 'Fn::If' && Array.isArray(inner) && typeof inner[0] === 'string') condition(inner[0]);
      else if (key === 'Fn::Sub') subVariables(inner).forEach(reference);
      pending.push(inner);
    }
  }
}

/**
 * Every combination of one value per parameter. Parameters whose domains would make more
 * than MAX_ASSUMPTIONS combinations are left open (largest domains first): less precise, never wrong.
 */
function* assignments(domains: [string, string[]][]): Generator<Map<string, string>> {
  const kept = [...domains];
  const size = () => kept.reduce((product, [, values]) => product * Math.max(values.length, 1), 1);
  while (size() > MAX_ASSUMPTIONS) {
    const largest = kept.reduce((best, entry, i) => (entry[1].length > kept[best][1].length ? i : best), 0);
    kept.splice(largest, 1);
  }
  const assumed = new Map<string, string>();
  function* choose(index: number): Generator<Map<string, string>> {
    if (index === kept.length) {
      yield new Map(assumed);
      return;
    }
    const [name, values] = kept[index];
    for (const value of values) {
      assumed.set(name, value);
      yield* choose(index + 1);
    }
    assumed.delete(name);
  }
  yield* choose(0);
}

function all(values: ConditionValue[]): ConditionValue {
  if (values.includes(false)) return false;
  return values.every((v) => v === true) ? true : 'open';
}

function any(values: ConditionValue[]): ConditionValue {
  if (values.includes(true)) return true;
  return values.every((v) => v === false) ? false : 'open';
}

/** `Fn::Equals` over resolved values: CloudFormation compares them as strings. */
export function equalValues(left: Resolved, right: Resolved): ConditionValue {
  if (left.kind === 'choice') return same(equalValues(left.whenTrue, right), equalValues(left.whenFalse, right));
  if (right.kind === 'choice') return same(equalValues(left, right.whenTrue), equalValues(left, right.whenFalse));
  if (left.kind === 'absent' || right.kind === 'absent') return left.kind === right.kind;
  if (left.kind === 'unknown' || right.kind === 'unknown') return 'open';
  if (left.kind === 'scalar' && right.kind === 'scalar') return String(left.value) === String(right.value);
  if (left.kind === 'symbolic' || right.kind === 'symbolic') {
    if (left.kind === 'symbolic' && right.kind === 'symbolic') return sameReferences(left.parts, right.parts) ? true : 'open';
    // A reference compared with a literal may or may not hold that text; with a list or map it never does.
    return left.kind === 'scalar' || right.kind === 'scalar' ? 'open' : false;
  }
  if (left.kind === 'list' && right.kind === 'list') {
    if (left.items.length !== right.items.length) return false;
    return all(left.items.map((item, i) => equalValues(item, right.items[i])));
  }
  if (left.kind === 'map' && right.kind === 'map') {
    const keys = [...left.entries.keys()];
    if (keys.length !== right.entries.size || keys.some((k) => !right.entries.has(k))) return false;
    return all(keys.map((k) => equalValues(left.entries.get(k)!, right.entries.get(k)!)));
  }
  return false;
}

/** The same references and text in the same order, none of them unknown: the same string. */
function sameReferences(left: readonly StringPart[], right: readonly StringPart[]): boolean {
  const known = (parts: readonly StringPart[]) => parts.every((p) => typeof p === 'string' || p.kind !== 'unknown');
  return known(left) && JSON.stringify(left) === JSON.stringify(right);
}

function same(a: ConditionValue, b: ConditionValue): ConditionValue {
  return a === b ? a : 'open';
}
