/**
 * Looking inside resolved strings: the fields of an ARN built from references.
 */
import type { ResolvedString, StringPart } from '../resolve/types';
import { concatParts, partsOf } from '../resolve';

/**
 * Splits at every `separator` inside literal parts. References are opaque: an ARN built as
 * `arn:` + Partition + `:iam::` + AccountId + `:root` splits into its six fields.
 */
export function splitParts(value: ResolvedString, separator: string): ResolvedString[] {
  const fields: StringPart[][] = [[]];
  for (const part of partsOf(value)) {
    if (typeof part !== 'string') {
      fields[fields.length - 1].push(part);
      continue;
    }
    const pieces = part.split(separator);
    fields[fields.length - 1].push(pieces[0]);
    for (const piece of pieces.slice(1)) fields.push([piece]);
  }
  return fields.map(concatParts);
}

/** Whether a string's literal parts contain `text`. */
export function literalPartsInclude(value: ResolvedString, text: string): boolean {
  return partsOf(value).some((p) => typeof p === 'string' && p.includes(text));
}
