/** Builders for resolved values as the resolver produces them (see src/resolve/types.ts). */
import type { PseudoParameter, ResourceRef, StringPart, SymbolicString, UnknownPart, UnknownValue } from '../../src/resolve/types';

export const pseudo = (name: PseudoParameter): StringPart => ({ kind: 'pseudo', name });
export const PARTITION = pseudo('AWS::Partition');
export const REGION = pseudo('AWS::Region');
export const ACCOUNT = pseudo('AWS::AccountId');

export function ref(logicalId: string, resourceType: string, attribute = 'Ref', knownValue?: string): ResourceRef {
  return { kind: 'resource', logicalId, resourceType, attribute, ...(knownValue !== undefined ? { knownValue } : {}) };
}

export const unknownPart = (reason: string): UnknownPart => ({ kind: 'unknown', reason });
export const unknownValue = (reason: string): UnknownValue => ({ kind: 'unknown', reason });

export const sym = (...parts: StringPart[]): SymbolicString => ({ kind: 'symbolic', parts });
