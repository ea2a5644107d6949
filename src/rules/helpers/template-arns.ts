/**
 * ARNs built from the template's own resources, for fixes that name the narrower alternative:
 * "use !Sub '${DataBucket.Arn}/*'" rather than "scope the resource".
 */
import type { StringPart, ResolvedString } from '../../resolve/types';
import type { StackAnalysis, StackResource } from '../types';
import { ARN_SHAPES, type ShapePiece } from '../../resolve/arn-shapes';
import { resourceTypesMatched, type ActionInfo } from '../../iam';

interface TemplateArn {
  value: ResolvedString;
  /** How a template writes it: `!GetAtt Queue.Arn`, `!Ref Topic`. */
  written: string;
  /** How it reads inside `!Sub`: `${Queue.Arn}`. */
  inSub: string;
}

function partOf(piece: ShapePiece, resource: StackResource): StringPart {
  if (typeof piece === 'string') return piece;
  if ('pseudo' in piece) return { kind: 'pseudo', name: piece.pseudo };
  // The IAM path of a role or user is not known here; the usual one is `/`, which adds nothing.
  if ('iamPath' in piece) return '';
  return { kind: 'resource', logicalId: resource.logicalId, resourceType: resource.resourceType, attribute: piece.self };
}

/** The ARN the resource returns through `Ref` or one of its attributes, when its shape is known. */
function templateArn(resource: StackResource): TemplateArn | undefined {
  const shape = Object.hasOwn(ARN_SHAPES, resource.resourceType) ? ARN_SHAPES[resource.resourceType] : undefined;
  if (!shape) return undefined;
  const candidates: [string, ShapePiece[] | undefined][] = [['Ref', shape.ref], ...Object.entries(shape.attributes ?? {})];
  for (const [attribute, pieces] of candidates) {
    if (!pieces || pieces[0] !== 'arn:') continue;
    const parts = pieces.map((piece) => partOf(piece, resource)).filter((part) => part !== '');
    const id = resource.logicalId;
    return attribute === 'Ref'
      ? { value: { kind: 'symbolic', parts }, written: `!Ref ${id}`, inSub: `\${${id}}` }
      : { value: { kind: 'symbolic', parts }, written: `!GetAtt ${id}.${attribute}`, inSub: `\${${id}.${attribute}}` };
  }
  return undefined;
}

function fits(value: ResolvedString, action: ActionInfo): boolean {
  return resourceTypesMatched(value, action).some((match) => match.match === 'yes');
}

/**
 * How the template can name its own resources that the action acts on (objects of a bucket as
 * `${Bucket.Arn}/*`). None for actions that create resources: what they name does not exist yet.
 */
export function templateArnsFor(action: ActionInfo, stack: StackAnalysis, max = 2): string[] {
  if (action.name.startsWith('Create')) return [];
  const found: string[] = [];
  for (const resource of stack.resources) {
    if (found.length >= max) break;
    const arn = templateArn(resource);
    if (!arn) continue;
    if (fits(arn.value, action)) {
      found.push(arn.written);
      continue;
    }
    const parts = typeof arn.value === 'object' && arn.value.kind === 'symbolic' ? arn.value.parts : [];
    if (fits({ kind: 'symbolic', parts: [...parts, '/*'] }, action)) found.push(`!Sub '${arn.inSub}/*'`);
  }
  return found;
}

/**
 * The ARN format to suggest for the action, as the reference writes it: the shortest, which is
 * the plain resource rather than an access point or alias form (`...:s3:::${BucketName}/${ObjectName}`).
 */
export function arnFormatOf(action: ActionInfo): string | undefined {
  const formats = action.resourceTypes.flatMap((type) => type.arnFormats);
  return formats.reduce<string | undefined>((best, format) => (best === undefined || format.length < best.length ? format : best), undefined);
}

/**
 * One sentence naming the narrower resources: in-template ARNs when the template has matching
 * resources, the ARN format otherwise.
 */
export function scopedResourceAdvice(action: ActionInfo, stack: StackAnalysis): string {
  const arns = templateArnsFor(action, stack);
  if (arns.length > 0) return `for ${action.qualifiedName}, this template's own ${arns.length > 1 ? 'resources' : 'resource'}: ${arns.join(', ')}`;
  const format = arnFormatOf(action);
  return format ? `for ${action.qualifiedName}, ARNs of the form ${format}` : `the ARNs ${action.qualifiedName} acts on`;
}
