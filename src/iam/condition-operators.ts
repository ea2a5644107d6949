/**
 * Condition operators and which key types they can test.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { elementType, type ScalarKeyType } from './condition-key-types';
import { conditionKeyInfo } from './condition-keys';
import type { ConditionKeyType } from './types';

export type OperatorFamily = 'String' | 'Arn' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Null';

export interface ConditionOperator {
  /** Canonical name without set qualifier or `IfExists`: `StringEquals`, `ArnLike`, `NotIpAddress`. */
  base: string;
  family: OperatorFamily;
  setQualifier?: 'ForAnyValue' | 'ForAllValues';
  /** `...IfExists`: true when the key is absent from the request. */
  ifExists: boolean;
  /** Matches everything except the listed values (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`, ...). */
  negated: boolean;
  /** Values may hold `*` and `?` (`StringLike`, and every ARN operator). */
  wildcards: boolean;
}

type OperatorTraits = Pick<ConditionOperator, 'family' | 'negated' | 'wildcards'>;

const traits = (family: OperatorFamily, negated = false, wildcards = false): OperatorTraits => ({ family, negated, wildcards });

const OPERATORS: Readonly<Record<string, OperatorTraits>> = {
  StringEquals: traits('String'),
  StringNotEquals: traits('String', true),
  StringEqualsIgnoreCase: traits('String'),
  StringNotEqualsIgnoreCase: traits('String', true),
  StringLike: traits('String', false, true),
  StringNotLike: traits('String', true, true),
  NumericEquals: traits('Numeric'),
  NumericNotEquals: traits('Numeric', true),
  NumericLessThan: traits('Numeric'),
  NumericLessThanEquals: traits('Numeric'),
  NumericGreaterThan: traits('Numeric'),
  NumericGreaterThanEquals: traits('Numeric'),
  DateEquals: traits('Date'),
  DateNotEquals: traits('Date', true),
  DateLessThan: traits('Date'),
  DateLessThanEquals: traits('Date'),
  DateGreaterThan: traits('Date'),
  DateGreaterThanEquals: traits('Date'),
  Bool: traits('Bool'),
  BinaryEquals: traits('Binary'),
  IpAddress: traits('IpAddress'),
  NotIpAddress: traits('IpAddress', true),
  // ArnEquals and ArnLike behave the same: both compare segment by segment with wildcards.
  ArnEquals: traits('Arn', false, true),
  ArnLike: traits('Arn', false, true),
  ArnNotEquals: traits('Arn', true, true),
  ArnNotLike: traits('Arn', true, true),
  Null: traits('Null'),
};

const CANONICAL = new Map(Object.keys(OPERATORS).map((name) => [name.toLowerCase(), name]));

const QUALIFIERS = new Map<string, 'ForAnyValue' | 'ForAllValues'>([
  ['foranyvalue', 'ForAnyValue'],
  ['forallvalues', 'ForAllValues'],
]);

/**
 * Split an operator as written (`ForAllValues:StringLikeIfExists`) into its parts.
 * `undefined` for names IAM does not define, including `NullIfExists`, which IAM rejects.
 */
export function parseConditionOperator(operator: string): ConditionOperator | undefined {
  let rest = operator.trim();
  let setQualifier: ConditionOperator['setQualifier'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    setQualifier = QUALIFIERS.get(rest.slice(0, colon).toLowerCase());
    if (!setQualifier) return undefined;
    rest = rest.slice(colon + 1);
  }
  const ifExists = /IfExists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  const base = CANONICAL.get(rest.toLowerCase());
  if (!base) return undefined;
  const known = OPERATORS[base]!;
  if (known.family === 'Null' && (ifExists || setQualifier)) return undefined;
  return { base, ...known, ...(setQualifier ? { setQualifier } : {}), ifExists };
}

/** Which value types each operator family can compare. ARN keys accept string operators too. */
const FAMILY_FITS: Readonly<Record<Exclude<OperatorFamily, 'Null'>, readonly ScalarKeyType[]>> = {
  String: ['String', 'ARN'],
  Arn: ['ARN'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  Binary: ['Binary'],
  IpAddress: ['IPAddress'],
};

/**
 * Whether the operator can test a key of this type (`Bool` on a String key cannot; `StringEquals`
 * on an ARN key can). `Null` fits every type. An operator IAM does not define fits nothing.
 */
export function operatorFitsKeyType(operator: string | ConditionOperator, type: ConditionKeyType): boolean {
  const parsed = typeof operator === 'string' ? parseConditionOperator(operator) : operator;
  if (!parsed) return false;
  if (parsed.family === 'Null') return true;
  return FAMILY_FITS[parsed.family].includes(elementType(type));
}

/**
 * `operatorFitsKeyType` for a named key, counting every type IAM documents for it.
 * `undefined` when the key is unknown (nothing can be said).
 */
export function operatorFitsConditionKey(operator: string | ConditionOperator, key: string): boolean | undefined {
  const info = conditionKeyInfo(key);
  if (!info) return undefined;
  return [info.type, ...info.alsoAccepts].some((type) => operatorFitsKeyType(operator, type));
}
