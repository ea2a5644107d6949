import type { Statement } from '../../extract/types';
import type { ResolvedString } from '../../resolve/types';

/** Wildcard-only ARNs such as `arn:aws:*:*:*:*` or `arn:*`: any partition, nothing else named. */
const WILDCARD_ARN = /^arn(:[^:]*)?(:[*?]*)*(\/[*?]*)*$/;

/** Whether a resource pattern denotes every resource of every service. */
export function isEveryResource(value: ResolvedString): boolean {
  if (typeof value !== 'string') return false;
  return value === '*' || WILDCARD_ARN.test(value);
}

/** Whether a statement applies to every resource: `Resource: "*"` (or equivalent) or a `NotResource`. */
export function coversAllResources(statement: Statement): boolean {
  if (statement.notResources) return true;
  return (statement.resources ?? []).some((r) => isEveryResource(r.value));
}
