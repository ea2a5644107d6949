/**
 * Values placed into a string by `Fn::Sub` and `Fn::Join`.
 */
import type { JsonPointer } from '../template/types';
import type { StringPart } from './types';
import type { Evaluation, Resolved } from './context';

/**
 * The parts a value adds to a string: text for a scalar, its parts for a symbolic string, an
 * unknown part for an unknown. A list, map or `AWS::NoValue` has no place in a string: it is
 * reported and becomes an unknown part, never dropped.
 */
export function textParts(evaluation: Evaluation, value: Resolved, what: string, at: JsonPointer): StringPart[] {
  switch (value.kind) {
    case 'scalar':
      if (value.value !== null) return [String(value.value)];
      break;
    case 'symbolic':
      return value.parts;
    case 'unknown':
      return [{ kind: 'unknown', reason: value.reason }];
  }
  const found = value.kind === 'scalar' ? 'null' : value.kind === 'absent' ? 'AWS::NoValue' : `a ${value.kind}`;
  const reason = `${what} is ${found}, not a string`;
  evaluation.problem(at, reason);
  return [{ kind: 'unknown', reason }];
}
