/**
 * The intrinsic functions, by name. A one-key map whose key is `Ref` or starts with `Fn::` is
 * a call; an `Fn::` name not listed here is unknown ("unsupported"), never a crash.
 */
import type { TemplateValue } from '../template/types';
import type { Call, Evaluation, Intrinsic, Resolved } from './context';
import { argumentPointer, invalid, isRecord, listArgument, literalString, unknownNode } from './context';
import { choiceOf, distribute } from './choices';
import { fnFindInMap } from './fn-find-in-map';
import { fnImportValue } from './fn-import-value';
import { fnJoin } from './fn-join';
import { fnSelect } from './fn-select';
import { fnSplit } from './fn-split';
import { fnSub } from './fn-sub';
import { fnToJsonString } from './fn-to-json-string';

export const MACRO_OUTPUT = 'macro output is not known statically';

const ref: Intrinsic = (evaluation, call) => {
  if (typeof call.argument !== 'string') return invalid(evaluation, 'Ref needs the name of a parameter or resource', call.at);
  return evaluation.reference(call.argument, call.at, call.scope);
};

/** `[Resource, Attribute]` or `Resource.Attribute`; the attribute may be a `Ref` in the list form. */
const getAtt: Intrinsic = (evaluation, call) => {
  const { argument } = call;
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    if (dot <= 0 || dot === argument.length - 1) return invalid(evaluation, 'Fn::GetAtt needs Resource.Attribute', call.at);
    return evaluation.attribute(argument.slice(0, dot), argument.slice(dot + 1), call.at);
  }
  const args = listArgument(call, 2);
  if (!args || typeof args[0] !== 'string') return invalid(evaluation, 'Fn::GetAtt needs [resource, attribute]', call.at);
  const logicalId = args[0];
  const attribute = evaluation.evaluate(args[1], argumentPointer(call, 1), call.scope);
  return distribute(call.at, [attribute], ['top'], ([name]) => {
    const literal = literalString(name);
    if (literal !== undefined) return evaluation.attribute(logicalId, literal, call.at);
    if (name.kind === 'symbolic' || name.kind === 'unknown') return unknownNode(`the attribute of Fn::GetAtt ${logicalId} is not known statically`, call.at);
    return invalid(evaluation, 'the attribute of Fn::GetAtt must be a string', call.at);
  });
};

const fnIf: Intrinsic = (evaluation, call) => {
  const args = listArgument(call, 3);
  if (!args || typeof args[0] !== 'string') return invalid(evaluation, 'Fn::If needs [condition name, value if true, value if false]', call.at);
  const branch = (index: 1 | 2) => evaluation.evaluate(args[index], argumentPointer(call, index), call.scope);
  const value = evaluation.condition(args[0], call.at);
  if (value === 'open') return choiceOf(args[0], branch(1), branch(2), call.at);
  return branch(value ? 1 : 2);
};

const fnLength: Intrinsic = (evaluation, call) => {
  const list = evaluation.evaluate(call.argument, argumentPointer(call), call.scope);
  return distribute(call.at, [list], ['items'], ([settled]) => {
    if (settled.kind === 'list') return { kind: 'scalar', value: settled.items.length, at: call.at };
    if (settled.kind === 'unknown') return unknownNode(settled.reason, call.at);
    return invalid(evaluation, `Fn::Length needs a list, not ${settled.kind === 'absent' ? 'AWS::NoValue' : `a ${settled.kind}`}`, call.at);
  });
};

/** Base64 text is never read as policy text: only what it encodes is named. */
const fnBase64: Intrinsic = (_evaluation, call) => unknownNode(`base64 of ${summary(call.argument)}`, call.at);

function summary(value: TemplateValue): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (isRecord(value) && Object.keys(value).length === 1) return `an ${Object.keys(value)[0]} value`;
  return 'a value';
}

const opaque =
  (reason: string): Intrinsic =>
  (_evaluation, call) =>
    unknownNode(reason, call.at);

const conditionOnly: Intrinsic = (evaluation, call) => invalid(evaluation, `${call.name} is only valid in Conditions`, call.at);

const INTRINSICS: Readonly<Record<string, Intrinsic>> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': fnSub,
  'Fn::Join': fnJoin,
  'Fn::Select': fnSelect,
  'Fn::Split': fnSplit,
  'Fn::FindInMap': fnFindInMap,
  'Fn::ImportValue': fnImportValue,
  'Fn::If': fnIf,
  'Fn::Length': fnLength,
  'Fn::ToJsonString': fnToJsonString,
  'Fn::Base64': fnBase64,
  'Fn::GetAZs': opaque('Fn::GetAZs: the Availability Zones of a Region are known only at deploy time'),
  'Fn::Cidr': opaque('Fn::Cidr: the address blocks are computed at deploy time'),
  'Fn::Transform': opaque(`Fn::Transform: ${MACRO_OUTPUT}`),
  'Fn::Equals': conditionOnly,
  'Fn::And': conditionOnly,
  'Fn::Or': conditionOnly,
  'Fn::Not': conditionOnly,
};

export function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

export function callIntrinsic(evaluation: Evaluation, call: Call): Resolved {
  if (!Object.hasOwn(INTRINSICS, call.name)) return unknownNode(`unsupported intrinsic function ${call.name}`, call.at);
  return INTRINSICS[call.name](evaluation, call);
}
