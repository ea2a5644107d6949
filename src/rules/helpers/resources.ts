import type { Statement } from '../../extract/types';
import type { ResolvedString } from '../../resolve/types';
import { arnParts, isEffectivelyStar } from '../../iam';
import { memoized, TextKeyedMemo } from '../../memo';
import { partsOf } from '../../resolve';
import { refIsArnComponent } from '../../resolve/arn-shapes';

/** Wildcard-only ARNs such as `arn:aws:*:*:*:*` or `arn:*`: any partition, nothing else named. */
const WILDCARD_ARN = /^arn(:[^:]*)?(:[*?]*)*(\/[*?]*)*$/;

/**
 * Whether a resource pattern denotes every resource of every service: `*`, a wildcard-only ARN,
 * or an ARN whose service is a wildcard and whose other segments leave every resource in
 * (`arn:aws:*:us-east-1:*:*` is every resource in one region).
 */
export function isEveryResource(value: ResolvedString): boolean {
  // Asked for each action a statement's patterns expand to: answered once per resource value.
  if (typeof value !== 'string') return memoized(everyResourceObjects, value, denotesEveryResource);
  return everyResourceStrings.get(value, denotesEveryResource);
}

const everyResourceObjects = new WeakMap<Exclude<ResolvedString, string>, boolean>();
const everyResourceStrings = new TextKeyedMemo<boolean>();

function denotesEveryResource(value: ResolvedString): boolean {
  if (typeof value === 'string' && (value === '*' || WILDCARD_ARN.test(value))) return true;
  const service = arnParts(value)?.service;
  return typeof service === 'string' && /^[*?]*\*[*?]*$/.test(service) && isEffectivelyStar(value) === 'star';
}

/** Whether a statement applies to every resource: `Resource: "*"` (or equivalent) or a `NotResource` that leaves some. */
export function coversAllResources(statement: Statement): boolean {
  if (statement.notResources) return !excludesEveryResource(statement);
  return (statement.resources ?? []).some((r) => isEveryResource(r.value));
}

/**
 * `NotResource: "*"`: the statement applies to no resource at all, so it grants nothing. Read
 * strictly: `arn:*` leaves the actions that act on no ARN ("*" alone), and a value that only may
 * be every resource (`arn`, not known statically) excludes no more than itself.
 */
export function excludesEveryResource(statement: Statement): boolean {
  return (statement.notResources ?? []).some(({ value }) => typeof value === 'string' && /^\*+$/.test(value));
}

/**
 * A value that cannot be an ARN: literal text that does not start as one (`my-bucket/*`, a queue's
 * URL, which is what `Ref` of a queue returns), a reference to a name, id or URL attribute, or
 * `Ref` of a type whose ARN is built around what `Ref` returns (`!Ref Bucket`, its name). A value
 * that starts with something not known statically may be one.
 */
export function cannotBeArn(value: ResolvedString): boolean {
  const first = partsOf(value)[0];
  if (typeof first === 'string') return !/^arn(:|$)/i.test(first) && !'arn:'.startsWith(first.toLowerCase()) && !/^[*?]/.test(first);
  if (first === undefined || first.kind === 'unknown') return false;
  // AWS::StackId is the stack's ARN; the other pseudo parameters (partition, region, ...) start none.
  if (first.kind === 'pseudo') return first.name !== 'AWS::StackId';
  if (first.knownValue !== undefined) return !/^arn:/i.test(first.knownValue);
  return first.attribute === 'Ref' ? refIsArnComponent(first.resourceType) : /(Name|Url|URL|Id)$/.test(first.attribute);
}
