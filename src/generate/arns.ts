/**
 * The spec's ARNs as the resolve stage sees them (to match them against the reference's ARN
 * formats) and as the generated policy writes them (CloudFormation, intrinsics kept).
 *
 * A logical id of `--template` stands for the resource, and for what its service addresses
 * directly under its ARN: `Bucket` is `!GetAtt Bucket.Arn` (for bucket actions) and
 * `!Sub '${Bucket.Arn}/*'` (for object actions, since an object's ARN is the bucket's plus
 * `/${ObjectName}`). Things further inside (a table's `/index/...`, `/stream/...`) are not
 * included: the spec names them.
 */
import { arnAttributeOf } from '../resolve/arn-shapes';
import { ResolveError, toResolvedString } from '../resolve';
import type { ResolvedNode, ResolvedString, TemplateResolver } from '../resolve/types';
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import { didYouMean } from '../engine/value-checks';
import { arnMatchesFormat, arnParts, getService } from '../iam';
import { isProblem, type SpecArn, type SpecProblem } from './types';
import { isRecord } from '../template/values';

/** One resource the generated policy may name. */
export interface CandidateArn {
  /** As the policy writes it. */
  written: TemplateValue;
  /** As ARN matching reads it. */
  value: ResolvedString;
  at: JsonPointer;
  /** The logical id it was named by, and whether it is the `/*` under that resource. */
  logicalId?: string;
  children?: boolean;
}

/** `*`: the actions that accept only `*`. Otherwise the ARNs it stands for (two for a logical id). */
export type ArnTarget = { kind: 'star'; at: JsonPointer } | { kind: 'arns'; arns: readonly CandidateArn[] };

export interface ArnContext {
  resolver: TemplateResolver;
  /** The `Resources` of `--template`; empty without one. */
  resources: TemplateObject;
  hasTemplate: boolean;
}

const NO_TEMPLATE_HINT = ' (pass --template FILE to use the resources and parameters of a template)';

/** How a template names the resource's ARN: `Ref` where that is the ARN (a topic), else the first ARN attribute. */
function resolve(written: TemplateValue, at: JsonPointer, context: ArnContext): ResolvedString | SpecProblem {
  const before = context.resolver.problems().length;
  let node: ResolvedNode | undefined;
  try {
    node = context.resolver.resolveValue(written, at);
  } catch (error) {
    if (error instanceof ResolveError) return { at, message: error.message };
    throw error;
  }
  const problems = context.resolver.problems().slice(before);
  if (problems.length > 0) {
    const message = problems.map((p) => p.message).join('; ');
    // Without a template every resource, parameter and condition is undeclared: say where they come from.
    return { at, message: message + (!context.hasTemplate && /not declared/.test(message) ? NO_TEMPLATE_HINT : '') };
  }
  const value = node && toResolvedString(node);
  if (value === undefined) return { at, message: 'does not resolve to one ARN string' };
  return value;
}

/** Whether the service has a type whose ARN is this resource's ARN plus `/${Name}` (objects of a bucket). */
function hasDirectChildren(value: ResolvedString): boolean {
  const prefix = arnParts(value)?.service;
  const formats = (typeof prefix === 'string' ? getService(prefix)?.resourceTypes : undefined)?.flatMap((type) => type.arnFormats) ?? [];
  return formats.some(
    (format) => arnMatchesFormat(value, format) === 'yes' && formats.some((child) => child.startsWith(format) && /^\/\$\{[^}/]+\}$/.test(child.slice(format.length))),
  );
}

function logicalIdTarget(id: string, at: JsonPointer, context: ArnContext): ArnTarget | SpecProblem {
  const resource = Object.hasOwn(context.resources, id) ? context.resources[id] : undefined;
  const type = isRecord(resource) && typeof resource.Type === 'string' ? resource.Type : undefined;
  if (type === undefined) {
    const hint = context.hasTemplate ? didYouMean(id, Object.keys(context.resources)) : NO_TEMPLATE_HINT;
    return { at, message: `"${id}" is neither an ARN nor a resource of the template${hint}` };
  }
  const attribute = arnAttributeOf(type)?.attribute;
  if (attribute === undefined) return { at, message: `iamgate does not know the ARN shape of ${type} (${id}): write its ARN instead` };
  const inSub = attribute === 'Ref' ? id : `${id}.${attribute}`;
  const written: TemplateValue = attribute === 'Ref' ? { Ref: id } : { 'Fn::GetAtt': [id, attribute] };
  const value = resolve(written, at, context);
  if (isProblem(value)) return value;
  const self: CandidateArn = { written, value, at, logicalId: id };
  if (!hasDirectChildren(value)) return { kind: 'arns', arns: [self] };
  const childrenWritten = { 'Fn::Sub': `\${${inSub}}/*` };
  const children = resolve(childrenWritten, at, context);
  if (isProblem(children)) return children;
  return { kind: 'arns', arns: [self, { written: childrenWritten, value: children, at, logicalId: id, children: true }] };
}

/** What one ARN of the spec stands for, or why it cannot be used. */
export function arnTarget(arn: SpecArn, context: ArnContext): ArnTarget | SpecProblem {
  const { value: written, at } = arn;
  if (written === '*') return { kind: 'star', at };
  if (typeof written === 'string' && !written.includes(':') && !written.includes('${')) return logicalIdTarget(written, at, context);
  // `${AWS::Partition}` in a plain string reads as CloudFormation writes it: inside `Fn::Sub`.
  const form = typeof written === 'string' && written.includes('${') ? { 'Fn::Sub': written } : written;
  const value = resolve(form, at, context);
  if (isProblem(value)) return value;
  return { kind: 'arns', arns: [{ written: form, value, at }] };
}
