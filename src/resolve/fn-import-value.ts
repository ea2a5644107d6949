/**
 * `Fn::ImportValue`: the export of another stack in the same scan, matched by its literal name.
 */
import type { Call, Evaluation, Resolved } from './context';
import { argumentPointer, invalid, literalString, unknownNode } from './context';
import { distribute } from './choices';
import { formatResolvedString, toResolvedString } from './strings';
import { rebase } from './rebase';

export function fnImportValue(evaluation: Evaluation, call: Call): Resolved {
  const name = evaluation.evaluate(call.argument, argumentPointer(call), call.scope);
  return distribute(call.at, [name], ['top'], ([settled]) => {
    const literal = literalString(settled);
    const exported = literal === undefined ? undefined : evaluation.options.exports?.get(literal);
    if (exported) return rebase(exported.value, { at: call.at });
    const shown = settled.kind === 'absent' ? undefined : toResolvedString(settled);
    if (shown === undefined) return invalid(evaluation, 'Fn::ImportValue needs the name of an export', call.at);
    return unknownNode(`Fn::ImportValue ${formatResolvedString(shown)}: no stack in this scan exports it`, call.at);
  });
}
