import { IamDataError } from './errors';
import type { ConditionKeyType } from './types';

const SCALAR_TYPES = ['String', 'ARN', 'Bool', 'Date', 'Numeric', 'IPAddress', 'Binary'] as const;
export type ScalarKeyType = (typeof SCALAR_TYPES)[number];

const ALL_TYPES: ReadonlySet<string> = new Set<ConditionKeyType>([
  ...SCALAR_TYPES,
  ...SCALAR_TYPES.map((type) => `ArrayOf${type}` as const),
]);

export function parseConditionKeyType(text: string, file: string): ConditionKeyType {
  if (!ALL_TYPES.has(text)) throw new IamDataError(`unknown condition key type "${text}"`, file);
  return text as ConditionKeyType;
}

export function isMultiValuedType(type: ConditionKeyType): boolean {
  return type.startsWith('ArrayOf');
}

/** The type of one value of the key: `ArrayOfARN` → `ARN`. */
export function elementType(type: ConditionKeyType): ScalarKeyType {
  return (isMultiValuedType(type) ? type.slice('ArrayOf'.length) : type) as ScalarKeyType;
}
