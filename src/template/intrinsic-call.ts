import type { TemplateValue } from './types';
import { isKnownIntrinsic } from './intrinsic-names';
import { isRecord } from './values';


export interface IntrinsicCall {
  /** `Ref`, `Fn::GetAtt`, `Fn::Sub`, ... */
  name: string;
  argument: TemplateValue;
}

/** The intrinsic a value is, in long form (`{ "Fn::GetAtt": ["Bucket", "Arn"] }`), or `undefined`. */
export function intrinsicCall(value: TemplateValue): IntrinsicCall | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const name = keys[0];
  return keys.length === 1 && name !== undefined && (name === 'Ref' || isKnownIntrinsic(name)) ? { name, argument: value[name]! } : undefined;
}
