/**
 * `Fn::Join`: the delimiter between the list's values. The list may come from another intrinsic.
 */
import type { StringPart } from './types';
import type { Call, Evaluation, Resolved } from './context';
import { evaluateElement, invalid, listArgument, literalString, unknownNode } from './context';
import { distribute } from './choices';
import { concatParts, stringNode } from './strings';
import { textParts } from './text-parts';

export function fnJoin(evaluation: Evaluation, call: Call): Resolved {
  const args = listArgument(call, 2);
  if (!args) return invalid(evaluation, 'Fn::Join needs a list of a delimiter and a list of values', call.at);
  const delimiter = evaluateElement(evaluation, call, args, 0);
  const values = evaluateElement(evaluation, call, args, 1);
  return distribute(call.at, [delimiter, values], ['top', 'items'], ([d, list]) => {
    const separator = literalString(d);
    if (separator === undefined) return invalid(evaluation, 'Fn::Join needs a literal string delimiter', call.at);
    if (list.kind === 'unknown') return unknownNode(list.reason, call.at);
    if (list.kind !== 'list') return invalid(evaluation, `Fn::Join needs a list of values, not a ${list.kind}`, call.at);
    const parts = list.items.flatMap((item, i): StringPart[] => [
      ...(i === 0 ? [] : [separator]),
      ...textParts(evaluation, item, `item ${i} of Fn::Join`, call.at),
    ]);
    return stringNode(concatParts(parts), call.at);
  });
}
