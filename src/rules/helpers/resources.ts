import type { Statement } from '../../extract/types';
import type { ResolvedString } from '../../resolve/types';
import { arnParts, isEffectivelyStar } from '../../iam';
import { memoized, TextKeyedMemo } from '../../memo';

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

/** Whether a statement applies to every resource: `Resource: "*"` (or equivalent) or a `NotResource`. */
export function coversAllResources(statement: Statement): boolean {
  if (statement.notResources) return true;
  return (statement.resources ?? []).some((r) => isEveryResource(r.value));
}
