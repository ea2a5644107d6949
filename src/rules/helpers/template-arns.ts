/**
 * ARNs built from the template's own resources, for fixes that name the narrower alternative:
 * "use !Sub '${DataBucket.Arn}/*'" rather than "scope the resource".
 */
import type { StringPart, ResolvedString } from '../../resolve/types';
import type { StackAnalysis, StackResource } from '../types';
import type { TemplateValue } from '../../template/types';
import { arnAttributeOf, type ShapePiece } from '../../resolve/arn-shapes';
import { hasWildcard, resourceShapeKey, resourceTypesMatched, type ActionInfo, type ActionResourceType } from '../../iam';
import { StackMemo } from './stack-memo';
import { memoized } from '../../memo';

/** An ARN a fix can name: what it resolves to, and how to write it in a template. */
export interface WrittenArn {
  value: ResolvedString;
  /** For what a resource holds (`${Bucket.Arn}/*`): the resource's own ARN. */
  holder?: ResolvedString;
  /** Short form: `!GetAtt Queue.Arn`, `!Ref Topic`, `!Sub '${Bucket.Arn}/*'`. */
  written: string;
  /** Long form, for edits: `{ "Fn::GetAtt": ["Queue", "Arn"] }`. */
  template: TemplateValue;
}

export interface TemplateArn extends WrittenArn {
  /** How it reads inside `!Sub`: `${Queue.Arn}`. */
  inSub: string;
}

function partOf(piece: ShapePiece, resource: StackResource): StringPart {
  if (typeof piece === 'string') return piece;
  if ('pseudo' in piece) return { kind: 'pseudo', name: piece.pseudo };
  // The IAM path of a role or user is not known here; the usual one is `/`, which adds nothing.
  if ('iamPath' in piece) return '';
  const attribute = 'functionArnOf' in piece ? piece.functionArnOf : piece.self;
  return { kind: 'resource', logicalId: resource.logicalId, resourceType: resource.resourceType, attribute };
}

// Fixes ask for the same resources' ARNs for every statement: each is built once, and being the
// same object each time, its ARN matching answers are found by identity.
const arnOfResource = new WeakMap<StackResource, TemplateArn | null>();
const childrenOfArn = new WeakMap<TemplateArn, ResolvedString>();

/** The ARN the resource returns through `Ref` or one of its attributes, when its shape is known. */
export function templateArn(resource: StackResource): TemplateArn | undefined {
  return memoized(arnOfResource, resource, (key) => newTemplateArn(key) ?? null) ?? undefined;
}

/** What the resource holds (a bucket's objects): its ARN followed by `/*`. */
function childrenOf(arn: TemplateArn): ResolvedString {
  return memoized(childrenOfArn, arn, (key) => {
    const parts = typeof key.value === 'object' && key.value.kind === 'symbolic' ? key.value.parts : [];
    return { kind: 'symbolic', parts: [...parts, '/*'] };
  });
}

function newTemplateArn(resource: StackResource): TemplateArn | undefined {
  const found = arnAttributeOf(resource.resourceType);
  if (!found) return undefined;
  const { attribute, pieces } = found;
  const parts = pieces.map((piece) => partOf(piece, resource)).filter((part) => part !== '');
  const id = resource.logicalId;
  return attribute === 'Ref'
    ? { value: { kind: 'symbolic', parts }, written: `!Ref ${id}`, inSub: `\${${id}}`, template: { Ref: id } }
    : {
        value: { kind: 'symbolic', parts },
        written: `!GetAtt ${id}.${attribute}`,
        inSub: `\${${id}.${attribute}}`,
        template: { 'Fn::GetAtt': [id, attribute] },
      };
}

/**
 * Whether the action acts on what the ARN names (a resource type of the action matches it for
 * certain). What a resource holds is named only as another type than the resource itself (a
 * bucket's objects): `${Role.Arn}/*` reads as a role ARN too, but names other roles (by path),
 * nothing the role holds.
 */
function fits(arn: WrittenArn, action: ActionInfo): boolean {
  const certain = resourceTypesMatched(arn.value, action).filter((match) => match.match === 'yes');
  if (arn.holder === undefined) return certain.length > 0;
  const own = new Set(resourceTypesMatched(arn.holder, action).map((match) => match.resourceType));
  return certain.some((match) => !own.has(match.resourceType));
}

/** Every ARN the template can name for its own resources: each resource's, then what it holds (`${Bucket.Arn}/*`). */
function ownArns(stack: StackAnalysis): WrittenArn[] {
  const found: WrittenArn[] = [];
  for (const resource of stack.resources) {
    const arn = templateArn(resource);
    if (!arn) continue;
    found.push(arn, { value: childrenOf(arn), holder: arn.value, written: `!Sub '${arn.inSub}/*'`, template: { 'Fn::Sub': `${arn.inSub}/*` } });
  }
  return found;
}

/**
 * The ARNs of a stack (those a fix could name) that one of a list of actions acts on, in order.
 * Fixes ask for many lists that share actions, and a stack may have hundreds of ARNs of a few
 * shapes (`!GetAtt Bucket7.Arn` is `!GetAtt Bucket8.Arn` to ARN matching): each shape is tried
 * once per action, and only when its service is one the action's ARN formats name (or cannot be
 * read from it).
 */
export class ArnCandidates {
  private readonly candidatesOf = new StackMemo<CandidateShapes>();
  private readonly fitOf = new StackMemo<ReadonlySet<number>>();

  constructor(private readonly candidates: (stack: StackAnalysis) => readonly WrittenArn[]) {}

  select(stack: StackAnalysis, actions: readonly ActionInfo[]): WrittenArn[] {
    const { list, shapeOf, examples, byService } = this.candidatesOf.get(stack, '', () => shapesOf(this.candidates(stack)));
    const fitting = new Set<number>();
    for (const action of actions) {
      const shapes = this.fitOf.get(stack, action.qualifiedName, () => {
        const services = arnServices(action);
        const tried = services === 'any' ? examples.map((_, shape) => shape) : [...services, undefined].flatMap((service) => byService.get(service) ?? []);
        return new Set(tried.filter((shape) => fits(examples[shape]!, action)));
      });
      for (const shape of shapes) fitting.add(shape);
    }
    return list.filter((_, i) => fitting.has(shapeOf[i]!));
  }
}

/** Candidates grouped by what ARN matching sees of them (their own shape and their holder's). */
interface CandidateShapes {
  list: readonly WrittenArn[];
  /** The shape of each candidate, by index. */
  shapeOf: readonly number[];
  /** One candidate of each shape. */
  examples: readonly WrittenArn[];
  /** The shapes by literal service segment. */
  byService: ReadonlyMap<string | undefined, number[]>;
}

function shapesOf(list: readonly WrittenArn[]): CandidateShapes {
  const shapes = new Map<string, number>();
  const examples: WrittenArn[] = [];
  const byService = new Map<string | undefined, number[]>();
  const shapeOf = list.map((arn) => {
    const key = `${resourceShapeKey(arn.value)}\u0000${arn.holder === undefined ? '' : resourceShapeKey(arn.holder)}`;
    let shape = shapes.get(key);
    if (shape === undefined) {
      shape = examples.length;
      shapes.set(key, shape);
      examples.push(arn);
      const service = literalService(arn.value);
      const bucket = byService.get(service);
      if (bucket) bucket.push(shape);
      else byService.set(service, [shape]);
    }
    return shape;
  });
  return { list, shapeOf, examples, byService };
}

/**
 * The ARN's service segment, lowercase, when the text up to the colon after it is literal (the
 * partition may be `${AWS::Partition}`) and has no wildcard: nothing there can stand for other text.
 */
function literalService(value: ResolvedString): string | undefined {
  if (typeof value === 'object' && value.kind === 'unknown') return undefined;
  let head = '';
  for (const part of typeof value === 'string' ? [value] : value.parts) {
    if (typeof part === 'string') head += part;
    else if (part.kind === 'pseudo' && part.name === 'AWS::Partition' && head === 'arn:') head += 'aws';
    else break;
  }
  const [arn, partition, service, ...rest] = head.split(':');
  if (arn !== 'arn' || rest.length === 0 || partition === undefined || service === undefined) return undefined;
  return hasWildcard(partition) || hasWildcard(service) ? undefined : service.toLowerCase();
}

const servicesOfAction = new WeakMap<ActionInfo, ReadonlySet<string> | 'any'>();

/** The services the action's ARN formats name (`any` when one is not literal). */
function arnServices(action: ActionInfo): ReadonlySet<string> | 'any' {
  return memoized(servicesOfAction, action, () => {
    const services = new Set<string>();
    for (const format of action.resourceTypes.flatMap((type) => type.arnFormats)) {
      const service = format.split(':')[2];
      if (service === undefined || service.includes('$') || hasWildcard(service)) return 'any';
      services.add(service.toLowerCase());
    }
    return services;
  });
}

const ownArnsFitting = new ArnCandidates(ownArns);

/**
 * How the template can name its own resources that one of the actions acts on (objects of a
 * bucket as `${Bucket.Arn}/*`), in template order. None for actions that create resources: what
 * they name does not exist yet.
 */
export function templateResourcesFor(actions: readonly ActionInfo[], stack: StackAnalysis): WrittenArn[] {
  return ownArnsFitting.select(stack, actions.filter((action) => !action.name.startsWith('Create')));
}

/**
 * The ARN form to suggest for the action, as the reference writes it: of a type the action always
 * needs when it has one (ec2:CreateNetworkInterface needs a subnet, and takes a security group
 * only as an option), and of those the shortest, the plain resource rather than an access point
 * or alias form (`...:s3:::${BucketName}/${ObjectName}`).
 */
export function arnFormatOf(action: ActionInfo, written: readonly ResolvedString[] = []): string | undefined {
  // A statement that already names one type broadly (`instance/*`) means that type, not the shortest of all.
  const needed = neededTypes(action);
  const meant = needed.filter((type) => written.some((value) => resourceTypesMatched(value, action).some((match) => match.resourceType === type)));
  const types = meant.length > 0 && meant.length < needed.length ? meant : needed;
  const formats = types.flatMap((type) => type.arnFormats);
  return formats.reduce<string | undefined>((best, format) => (best === undefined || format.length < best.length ? format : best), undefined);
}

/** The resource types the action always needs, or all of its types when none is required. */
function neededTypes(action: ActionInfo): readonly ActionResourceType[] {
  const required = action.resourceTypes.filter((type) => type.required);
  return required.length > 0 ? required : action.resourceTypes;
}

/**
 * The actions a Resource holding only these ARNs would deny: those no ARN is certainly of a type
 * of, a type the action always needs when it has one. (The reference marks alternatives as
 * required too, `event-bus` and `event-busv2`: one of them is taken to be enough.)
 */
export function actionsLeftOut(actions: readonly ActionInfo[], arns: readonly WrittenArn[]): ActionInfo[] {
  return actions.filter((action) => {
    const needed = neededTypes(action);
    if (needed.length === 0) return false;
    return !arns.some((arn) => resourceTypesMatched(arn.value, action).some((match) => match.match === 'yes' && needed.includes(match.resourceType)));
  });
}
