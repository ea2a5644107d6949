/**
 * `Fn::Select`: one item of a list, by a constant index.
 */
import type { Call, Evaluation, Resolved } from './context';
import { evaluateElement, invalid, listArgument, unknownNode } from './context';
import type { Settled } from './choices';
import { distribute } from './choices';

export function fnSelect(evaluation: Evaluation, call: Call): Resolved {
  const args = listArgument(call, 2);
  if (!args) return invalid(evaluation, 'Fn::Select needs a list of an index and a list', call.at);
  const index = evaluateElement(evaluation, call, args, 0);
  const list = evaluateElement(evaluation, call, args, 1);
  // Items are decided too: a branch that drops an item moves the ones after it.
  return distribute(call.at, [index, list], ['top', 'items'], ([i, items]) => {
    if (i.kind === 'unknown' || i.kind === 'symbolic') return unknownNode('the index of Fn::Select is not known statically', call.at);
    const position = indexOf(i);
    if (position === undefined) return invalid(evaluation, 'the index of Fn::Select must be a whole number', call.at);
    if (items.kind === 'unknown') return unknownNode(items.reason, call.at);
    if (items.kind !== 'list') return invalid(evaluation, `Fn::Select needs a list, not a ${items.kind}`, call.at);
    if (position >= items.items.length) {
      const message = `the index ${position} of Fn::Select is out of range for a list of ${items.items.length}`;
      // A list split from a string with references may have more items: they may hold the delimiter.
      if (items.items.some((item) => item.kind === 'symbolic')) return unknownNode(`${message} (its references may hold more items)`, call.at);
      return invalid(evaluation, message, call.at);
    }
    return items.items[position];
  });
}

function indexOf(value: Settled): number | undefined {
  if (value.kind !== 'scalar') return undefined;
  const text = typeof value.value === 'number' ? String(value.value) : value.value;
  return typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : undefined;
}
