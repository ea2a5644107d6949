/**
 * `Fn::Split`: a string cut at a delimiter. In a symbolic string only the literal parts are
 * cut: a reference is one specific value, assumed not to hold the delimiter, so an ARN built
 * as `arn:` + Partition + `:s3:::` + Bucket splits into its fields. `AWS::StackId` is the one
 * pseudo parameter made to be split (CDK takes its unique id from it), so it is cut by its shape.
 */
import type { PseudoParameter, StringPart } from './types';
import type { Call, Evaluation, Resolved } from './context';
import { evaluateElement, invalid, listArgument, literalString, unknownNode } from './context';
import { distribute } from './choices';
import { concatParts, stringNode } from './strings';

export function fnSplit(evaluation: Evaluation, call: Call): Resolved {
  const args = listArgument(call, 2);
  if (!args) return invalid(evaluation, 'Fn::Split needs a list of a delimiter and a string', call.at);
  const delimiter = evaluateElement(evaluation, call, args, 0);
  const source = evaluateElement(evaluation, call, args, 1);
  return distribute(call.at, [delimiter, source], ['top', 'top'], ([d, s]) => {
    const separator = literalString(d);
    if (!separator) return invalid(evaluation, 'Fn::Split needs a literal, non-empty delimiter', call.at);
    if (s.kind === 'unknown') return unknownNode(s.reason, call.at);
    const parts = s.kind === 'symbolic' ? s.parts : s.kind === 'scalar' && s.value !== null ? [String(s.value)] : undefined;
    if (parts === undefined) return invalid(evaluation, `Fn::Split needs a string, not ${s.kind === 'scalar' ? 'null' : `a ${s.kind}`}`, call.at);
    return { kind: 'list', items: splitParts(parts.flatMap(stackIdShape), separator).map((field) => stringNode(concatParts(field), call.at)), at: call.at };
  });
}

/** `arn:${Partition}:cloudformation:${Region}:${AccountId}:stack/${StackName}/<unique id>`. */
function stackIdShape(part: StringPart): StringPart[] {
  if (typeof part === 'string' || part.kind !== 'pseudo' || part.name !== 'AWS::StackId') return [part];
  const pseudo = (name: PseudoParameter): StringPart => ({ kind: 'pseudo', name });
  return [
    'arn:',
    pseudo('AWS::Partition'),
    ':cloudformation:',
    pseudo('AWS::Region'),
    ':',
    pseudo('AWS::AccountId'),
    ':stack/',
    pseudo('AWS::StackName'),
    '/',
    { kind: 'unknown', reason: 'the unique id of the stack is known only at deploy time' },
  ];
}

function splitParts(parts: readonly StringPart[], separator: string): StringPart[][] {
  const fields: StringPart[][] = [[]];
  for (const part of parts) {
    if (typeof part !== 'string') {
      fields[fields.length - 1].push(part);
      continue;
    }
    const [first, ...rest] = part.split(separator);
    fields[fields.length - 1].push(first);
    for (const piece of rest) fields.push([piece]);
  }
  return fields;
}
