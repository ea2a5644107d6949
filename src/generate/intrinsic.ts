import type { TemplateValue } from '../template/types';
import { isKnownIntrinsic } from '../template/intrinsic-names';
import { isObject } from '../engine/value-checks';

export interface IntrinsicCall {
  /** `Ref`, `Fn::GetAtt`, `Fn::Sub`, ... */
  name: string;
  argument: TemplateValue;
}

/** The intrinsic a value is, in long form (`{ "Fn::GetAtt": ["Bucket", "Arn"] }`), or `undefined`. */
export function intrinsicCall(value: TemplateValue): IntrinsicCall | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  const name = keys[0];
  return keys.length === 1 && name !== undefined && (name === 'Ref' || isKnownIntrinsic(name)) ? { name, argument: value[name]! } : undefined;
}
