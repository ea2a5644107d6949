/**
 * `Fn::FindInMap [Map, TopKey, SecondKey]`, with the optional `{DefaultValue: x}` fourth item.
 *
 * With constant keys it is the value written in `Mappings`. A key that is not constant
 * (`!Ref AWS::Region`) could pick any entry: when all candidates are equal that is the value,
 * otherwise a chain of choices over the distinct candidates, each under a synthetic condition
 * naming the keys that select it (`Fn::FindInMap RegionMap[AWS::Region] = us-east-1`), so that
 * worst-case reasoning sees every candidate. Mapping values keep the pointers of their own
 * entries in `Mappings`.
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import { childPointer, formatPointer } from '../template';
import type { ResolvedNode, SymbolicNode, UnknownNode } from './types';
import type { Call, Evaluation, Resolved, Scope } from './context';
import { argumentPointer, deeper, evaluateElement, invalid, isRecord, listArgument } from './context';
import type { Settled } from './choices';
import { choiceOf, distribute } from './choices';
import { formatPart, formatResolvedString } from './strings';

/** A key: its literal text, or how to name it when it is not constant. */
type Key = { literal: string } | { open: string };

interface Candidate {
  /** The open keys' values that select it, e.g. `us-east-1` or `prod/us-east-1`. */
  label: string;
  value: TemplateValue;
  at: JsonPointer;
}

export function fnFindInMap(evaluation: Evaluation, call: Call): Resolved {
  const args = listArgument(call, 3, 4);
  const fallback = args?.length === 4 ? args[3] : undefined;
  if (!args || (fallback !== undefined && !(isRecord(fallback) && Object.hasOwn(fallback, 'DefaultValue')))) {
    return invalid(evaluation, 'Fn::FindInMap needs [mapping name, top-level key, second-level key] and optionally {DefaultValue: value}', call.at);
  }
  const evaluateDefault = isRecord(fallback)
    ? () => evaluation.evaluate(fallback.DefaultValue, call.scope.child(argumentPointer(call, 3), 'DefaultValue'), call.scope)
    : undefined;
  const names = [0, 1, 2].map((i) => evaluateElement(evaluation, call, args, i));
  return distribute(call.at, names, ['top', 'top', 'top'], ([map, top, second]) => {
    const mapName = keyOf(map);
    const topKey = keyOf(top);
    const secondKey = keyOf(second);
    if (!mapName || !('literal' in mapName)) return invalid(evaluation, 'Fn::FindInMap needs a literal mapping name', call.at);
    if (!topKey || !secondKey) return invalid(evaluation, 'the keys of Fn::FindInMap must be strings', call.at);
    const mappings = evaluation.template.body.Mappings;
    const mapping = isRecord(mappings) && Object.hasOwn(mappings, mapName.literal) ? mappings[mapName.literal] : undefined;
    if (!isRecord(mapping)) return invalid(evaluation, `mapping ${mapName.literal} is not declared`, call.at);

    const candidates = lookUp(mapping, formatPointer(['Mappings', mapName.literal]), topKey, secondKey);
    const constant = 'literal' in topKey && 'literal' in secondKey;
    const alternatives = distinct(candidates).map((c): { label: string; node: Resolved } => ({ label: c.label, node: literalNode(c.value, c.at, call.scope) }));
    // An open key may name no entry at all: then the default is what CloudFormation returns.
    if (evaluateDefault && (!constant || alternatives.length === 0)) alternatives.push({ label: '', node: evaluateDefault() });
    if (alternatives.length === 0) {
      return invalid(evaluation, `mapping ${mapName.literal} has no value for ${describeKey(topKey)}/${describeKey(secondKey)}`, call.at);
    }
    const subject = `Fn::FindInMap ${mapName.literal}[${describeKey(topKey)}]${'open' in secondKey ? `[${describeKey(secondKey)}]` : ''}`;
    let result: Resolved = alternatives[alternatives.length - 1].node;
    for (let i = alternatives.length - 2; i >= 0; i--) {
      result = choiceOf(`${subject} ${alternatives[i].label}`, alternatives[i].node, result, call.at);
    }
    return result;
  });
}

function keyOf(value: Settled): Key | undefined {
  if (value.kind === 'scalar' && (typeof value.value === 'string' || typeof value.value === 'number')) return { literal: String(value.value) };
  if (value.kind === 'symbolic' || value.kind === 'unknown') return { open: describeOpen(value) };
  return undefined;
}

/** `AWS::Region` for a lone pseudo parameter, `Bucket.Arn` for a lone reference, else the string as shown. */
function describeOpen(value: SymbolicNode | UnknownNode): string {
  if (value.kind === 'unknown') return formatResolvedString(value);
  const [only] = value.parts;
  if (value.parts.length === 1 && typeof only !== 'string' && only.kind !== 'unknown') return formatPart(only).replace(/^\$\{(.*)\}$/, '$1');
  return formatResolvedString(value);
}

function describeKey(key: Key): string {
  return 'literal' in key ? key.literal : key.open;
}

/** Every entry the keys may select, in the order the mapping is written. */
function lookUp(mapping: Record<string, TemplateValue>, mappingAt: JsonPointer, top: Key, second: Key): Candidate[] {
  const candidates: Candidate[] = [];
  const topKeys = 'literal' in top ? [top.literal] : Object.keys(mapping);
  for (const topKey of topKeys) {
    const level = Object.hasOwn(mapping, topKey) ? mapping[topKey] : undefined;
    if (!isRecord(level)) continue;
    const secondKeys = 'literal' in second ? [second.literal] : Object.keys(level);
    for (const secondKey of secondKeys) {
      if (!Object.hasOwn(level, secondKey)) continue;
      const label = [...('open' in top ? [topKey] : []), ...('open' in second ? [secondKey] : [])].join('/');
      candidates.push({ label, value: level[secondKey], at: childPointer(childPointer(mappingAt, topKey), secondKey) });
    }
  }
  return candidates;
}

/** Candidates grouped by value; each group labelled `= key` or `in {key, key}`. */
function distinct(candidates: readonly Candidate[]): Candidate[] {
  const groups = new Map<string, { first: Candidate; labels: string[] }>();
  for (const candidate of candidates) {
    const identity = JSON.stringify(candidate.value);
    const group = groups.get(identity);
    if (group) group.labels.push(candidate.label);
    else groups.set(identity, { first: candidate, labels: [candidate.label] });
  }
  return [...groups.values()].map(({ first, labels }) => ({
    ...first,
    label: labels.length === 1 ? `= ${labels[0]}` : `in {${labels.join(', ')}}`,
  }));
}

/** Mapping values are data: CloudFormation allows no intrinsic functions in them. */
function literalNode(value: TemplateValue, at: JsonPointer, scope: Scope): ResolvedNode {
  if (value === null || typeof value !== 'object') return { kind: 'scalar', value, at };
  const inner = deeper(scope, at);
  if (Array.isArray(value)) return { kind: 'list', items: value.map((item, i) => literalNode(item, childPointer(at, i), inner)), at };
  const entries = new Map<string, ResolvedNode>();
  for (const [key, item] of Object.entries(value)) entries.set(key, literalNode(item, childPointer(at, key), inner));
  return { kind: 'map', entries, at };
}
