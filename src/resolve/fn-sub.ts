/**
 * `Fn::Sub`: `${Name}` (parameter, resource, pseudo parameter or variable), `${Resource.Attribute}`,
 * `${!Literal}` (the text `${Literal}`), in the string form and the `[template, variables]` form.
 */
import type { TemplateValue } from '../template/types';
import type { StringPart } from './types';
import type { Call, Evaluation, Resolved } from './context';
import { argumentPointer, invalid, isRecord } from './context';
import { distribute } from './choices';
import { concatParts, stringNode } from './strings';
import { textParts } from './text-parts';

type Segment = { text: string } | { variable: string };

/**
 * Splits a template into text and variables (`${ Name }` names `Name`, as CloudFormation reads it).
 * An unclosed `${` is text.
 */
export function parseSubTemplate(template: string): Segment[] {
  const segments: Segment[] = [];
  let from = 0;
  while (from < template.length) {
    const open = template.indexOf('${', from);
    if (open < 0) break;
    if (template[open + 2] === '!') {
      segments.push({ text: template.slice(from, open + 2) });
      from = open + 3;
      continue;
    }
    const close = template.indexOf('}', open + 2);
    if (close < 0) break;
    segments.push({ text: template.slice(from, open) }, { variable: template.slice(open + 2, close).trim() });
    from = close + 1;
  }
  segments.push({ text: template.slice(from) });
  return segments;
}

/** The template names a `Fn::Sub` argument refers to (not its own variables). */
export function subVariables(argument: TemplateValue): string[] {
  const [template, variables] = Array.isArray(argument) ? argument : [argument];
  if (typeof template !== 'string') return [];
  return parseSubTemplate(template).flatMap((segment) =>
    'variable' in segment && !(isRecord(variables) && Object.hasOwn(variables, segment.variable)) ? [segment.variable] : [],
  );
}

export function fnSub(evaluation: Evaluation, call: Call): Resolved {
  const { argument } = call;
  const [template, variables] = Array.isArray(argument) && argument.length === 2 ? argument : [argument, undefined];
  if (typeof template !== 'string' || (variables !== undefined && !isRecord(variables))) {
    return invalid(evaluation, 'Fn::Sub needs a string, or a list of a string and a map of variables', call.at);
  }
  const segments = parseSubTemplate(template);
  const names = [...new Set(segments.flatMap((s) => ('variable' in s ? [s.variable] : [])))];
  const values = names.map((name): Resolved => {
    if (variables !== undefined && Object.hasOwn(variables, name)) {
      return evaluation.evaluate(variables[name], call.scope.child(argumentPointer(call, 1), name), call.scope);
    }
    const dot = name.indexOf('.');
    if (dot > 0) return evaluation.attribute(name.slice(0, dot), name.slice(dot + 1), call.at);
    return evaluation.reference(name, call.at, call.scope);
  });
  return distribute(call.at, values, values.map(() => 'top'), (settled) => {
    const parts = segments.flatMap((segment): StringPart[] => {
      if ('text' in segment) return [segment.text];
      const index = names.indexOf(segment.variable);
      return textParts(evaluation, settled[index], `\${${segment.variable}}`, call.at);
    });
    return stringNode(concatParts(parts), call.at);
  });
}
