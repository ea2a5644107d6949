/** Reading the six segments of an ARN that may be partly symbolic (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x`). */
import type { ResolvedString, StringPart } from '../resolve/types';

export interface ArnParts {
  partition: ResolvedString;
  service: ResolvedString;
  region: ResolvedString;
  account: ResolvedString;
  /** Everything after the fifth colon (it may hold colons itself). */
  resource: ResolvedString;
}

/** Parts that are whole ARNs (or lists of them) cannot stand inside one segment: the split would be a guess. */
function holdsColons(part: Exclude<StringPart, string>): boolean {
  if (part.kind === 'pseudo') return part.name === 'AWS::StackId' || part.name === 'AWS::NotificationARNs';
  if (part.kind === 'resource') return part.knownValue === undefined && /arn$/i.test(part.attribute);
  return false;
}

function toResolved(parts: readonly StringPart[]): ResolvedString {
  const merged: StringPart[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (typeof part === 'string' && typeof previous === 'string') merged[merged.length - 1] = previous + part;
    else if (part !== '') merged.push(part);
  }
  if (merged.length === 0) return '';
  if (merged.length === 1 && typeof merged[0] === 'string') return merged[0];
  return { kind: 'symbolic', parts: merged };
}

/**
 * The segments of an ARN, or `undefined` when the value is not readable as a complete ARN (not
 * starting with `arn:`, fewer than six segments, unknown as a whole). An unknown part is taken to
 * stay inside the segment it appears in, as a parameter for an account id or a region does.
 */
export function arnParts(arn: ResolvedString): ArnParts | undefined {
  if (typeof arn !== 'string' && arn.kind === 'unknown') return undefined;
  const parts = typeof arn === 'string' ? [arn] : arn.parts;
  const segments: StringPart[][] = [[]];
  for (const part of parts) {
    const current = segments[segments.length - 1]!;
    if (typeof part !== 'string') {
      if (segments.length < 6 && holdsColons(part)) return undefined;
      current.push(part);
      continue;
    }
    let rest = part;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < 6) {
      segments[segments.length - 1]!.push(rest.slice(0, colon));
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    segments[segments.length - 1]!.push(rest);
  }
  if (segments.length < 6 || toResolved(segments[0]!) !== 'arn') return undefined;
  const [, partition, service, region, account, resource] = segments.map(toResolved) as [ResolvedString, ...ResolvedString[]];
  return { partition: partition!, service: service!, region: region!, account: account!, resource: resource! };
}
