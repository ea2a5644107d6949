/**
 * `Fn::ToJsonString`: a map or list as compact JSON text. References stay parts of the
 * string, each where its text would be inside a JSON string, so that the text parses back
 * into the same document with the references in place (see extract's JSON documents).
 */
import type { ResolvedNode, StringPart } from './types';
import { ResolveError } from './types';
import type { Call, Evaluation, Resolved } from './context';
import { argumentPointer, invalid } from './context';
import { distribute } from './choices';
import { concatParts, stringNode } from './strings';

export function fnToJsonString(evaluation: Evaluation, call: Call): Resolved {
  const value = evaluation.evaluate(call.argument, argumentPointer(call), call.scope);
  return distribute(call.at, [value], ['deep'], ([settled]) => {
    if (settled.kind === 'absent') return invalid(evaluation, 'Fn::ToJsonString needs a value, not AWS::NoValue', call.at);
    return stringNode(concatParts(jsonParts(settled)), call.at);
  });
}

/** A value as JSON text parts. */
function jsonParts(value: ResolvedNode): StringPart[] {
  switch (value.kind) {
    case 'scalar':
      return [JSON.stringify(value.value)];
    case 'symbolic':
      return ['"', ...value.parts.map((part) => (typeof part === 'string' ? escaped(part) : part)), '"'];
    case 'unknown':
      return ['"', { kind: 'unknown', reason: value.reason }, '"'];
    case 'list':
      return ['[', ...value.items.flatMap((item, i) => [...(i === 0 ? [] : [',']), ...jsonParts(item)]), ']'];
    case 'map':
      return [
        '{',
        ...[...value.entries].flatMap(([key, item], i) => [
          ...(i === 0 ? [] : [',']),
          `${JSON.stringify(key)}:`,
          ...jsonParts(item),
        ]),
        '}',
      ];
    case 'choice':
      // Every choice is decided before serializing (reach 'deep'): this is a bug, not input.
      throw new ResolveError('Fn::ToJsonString met an undecided Fn::If', value.at);
  }
}

/** Text as it reads between the quotes of a JSON string. */
function escaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
