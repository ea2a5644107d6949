/** Is a parsed file a CloudFormation template, and is its Resources section well formed? */
import type { JsonPointer, TemplateObject, TemplateValue } from './types';
import { isKnownIntrinsic } from './intrinsic-names';
import { formatPointer } from './pointer';
import { isRecord } from './values';

export type TemplateShape =
  | { kind: 'template'; body: TemplateObject }
  | { kind: 'not-a-template' }
  /** `pointer` is undefined when the problem is the file as a whole. */
  | { kind: 'invalid'; message: string; pointer?: JsonPointer };

/** Top-level keys that only a CloudFormation template has. */
const MARKERS = ['AWSTemplateFormatVersion', 'Transform', 'Resources'] as const;

/** Cheap test on the raw text: without any marker word the file cannot be a template, so it need not be parsed. */
export function mentionsTemplateMarker(text: string): boolean {
  return MARKERS.some((marker) => text.includes(marker));
}


export function checkTemplateShape(body: TemplateValue, explicit: boolean): TemplateShape {
  const marked = isRecord(body) && MARKERS.some((marker) => Object.prototype.hasOwnProperty.call(body, marker));
  if (!marked) {
    if (!explicit) return { kind: 'not-a-template' };
    const holds = isRecord(body) ? '' : ` (the file holds ${kindOf(body)})`;
    return { kind: 'invalid', message: `not a CloudFormation template: no Resources section${holds}` };
  }
  const resources = body.Resources;
  if (resources === undefined) return { kind: 'invalid', message: 'not a CloudFormation template: no Resources section' };
  if (!isRecord(resources)) {
    return { kind: 'invalid', message: `Resources must be a mapping of logical ids to resources, not ${kindOf(resources)}`, pointer: '/Resources' };
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    const problem = resourceProblem(logicalId, resource);
    if (problem) return problem;
  }
  const unknown = unknownIntrinsic(body, []);
  if (unknown) return { kind: 'invalid', message: `${unknown.name} is not a CloudFormation intrinsic function`, pointer: formatPointer(unknown.path) };
  return { kind: 'template', body };
}

/**
 * The first `{ "Fn::Name": ... }` whose function CloudFormation does not know. Such a template
 * cannot deploy, and its value cannot be worked out: it is an error, not an unknown value.
 */
function unknownIntrinsic(value: TemplateValue, path: Array<string | number>): { name: string; path: Array<string | number> } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const found = unknownIntrinsic(value[i], path);
      if (found) return found;
      path.pop();
    }
    return undefined;
  }
  for (const key in value) {
    path.push(key);
    if (key.startsWith('Fn::') && !isKnownIntrinsic(key)) return { name: key, path };
    const found = unknownIntrinsic(value[key], path);
    if (found) return found;
    path.pop();
  }
  return undefined;
}

function resourceProblem(logicalId: string, resource: TemplateValue): TemplateShape | undefined {
  const at = (...path: string[]) => formatPointer(['Resources', logicalId, ...path]);
  const name = (...path: string[]) => ['Resources', logicalId, ...path].join('/');
  // AWS::LanguageExtensions loops (`Fn::ForEach::Name: [...]`) and macros (`Fn::Transform`: AWS::Include) make resources at deploy time.
  if (logicalId.startsWith('Fn::ForEach::') || logicalId === 'Fn::Transform') return undefined;
  if (!isRecord(resource)) return { kind: 'invalid', message: `${name()} must be a mapping, not ${kindOf(resource)}`, pointer: at() };
  if (typeof resource.Type !== 'string') {
    return resource.Type === undefined
      ? { kind: 'invalid', message: `${name()} has no Type`, pointer: at() }
      : { kind: 'invalid', message: `${name('Type')} must be a string, not ${kindOf(resource.Type)}`, pointer: at('Type') };
  }
  for (const section of ['Properties', 'Metadata'] as const) {
    const value = resource[section];
    if (value !== undefined && !isRecord(value)) {
      return { kind: 'invalid', message: `${name(section)} must be a mapping, not ${kindOf(value)}`, pointer: at(section) };
    }
  }
  return undefined;
}

function kindOf(value: TemplateValue): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
