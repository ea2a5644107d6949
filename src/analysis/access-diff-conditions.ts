/**
 * Whether a newer grant's conditions demand at least what an older grant's did, for `iamgate
 * diff`: a grant keeps its older scope when every older clause is implied by a newer clause on
 * the same key. Adding clauses only narrows; dropping one, or loosening it (`StringEquals` →
 * `StringLike` with a wildcard, a value added to the list, `...IfExists`), lets more requests in.
 *
 * The comparison is sound, not complete: when it cannot prove a clause at least as strict (an
 * operator IAM does not define, a mix of set qualifiers, a value not known statically), the
 * clause counts as weakened, so a diff may over-report but never hides new access.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import type { ConditionClause, PolicyScalar } from '../extract/types';
import { globCovers, hasWildcard, parseConditionOperator, type ConditionOperator } from '../iam';
import { formatResolvedString } from '../resolve';
import { factCondition } from './access-facts';

const valueText = (value: PolicyScalar): string => (typeof value === 'object' ? formatResolvedString(value) : String(value));

/** An operator without its negation: what a negated operator excludes is what this one admits. */
const POSITIVE: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

const positive = (operator: ConditionOperator): string => POSITIVE[operator.base] ?? operator.base;

const number = (text: string, family: ConditionOperator['family']): number => (family === 'Date' ? Date.parse(text) : Number(text));

/**
 * Whether every request value `inner` admits (under operator `innerBase`) is one `cover` admits
 * (under `coverBase`). Both operators are positive (`StringEquals`, `ArnLike`, `NumericLessThan`, ...).
 */
function valueCovers(coverBase: string, cover: string, innerBase: string, inner: string, family: ConditionOperator['family']): boolean {
  // A literal value read by a wildcard operator is the same value.
  const innerLiteral = innerBase !== 'StringLike' && family !== 'Arn' ? true : !hasWildcard(inner);
  switch (coverBase) {
    case 'StringLike':
      return innerBase !== 'StringEqualsIgnoreCase' && globCovers(cover, inner);
    case 'ArnLike':
    case 'ArnEquals':
      return globCovers(cover, inner);
    case 'StringEquals':
      return innerLiteral && innerBase !== 'StringEqualsIgnoreCase' && cover === inner;
    case 'StringEqualsIgnoreCase':
      return innerLiteral && cover.toLowerCase() === inner.toLowerCase();
    case 'Bool':
    case 'Null':
      return coverBase === innerBase && cover.toLowerCase() === inner.toLowerCase();
    default:
      break;
  }
  if (family !== 'Numeric' && family !== 'Date') return coverBase === innerBase && cover === inner;
  const [c, i] = [number(cover, family), number(inner, family)];
  if (Number.isNaN(c) || Number.isNaN(i)) return coverBase === innerBase && cover === inner;
  const kind = (base: string) => base.replace(/^(Numeric|Date)/, '');
  const [coverKind, innerKind] = [kind(coverBase), kind(innerBase)];
  if (innerKind === 'Equals') {
    const admits: Readonly<Record<string, boolean>> = { Equals: i === c, LessThan: i < c, LessThanEquals: i <= c, GreaterThan: i > c, GreaterThanEquals: i >= c };
    return admits[coverKind] ?? false;
  }
  if (innerKind.startsWith('LessThan') && coverKind.startsWith('LessThan')) return i < c || (i === c && (coverKind === innerKind || coverKind === 'LessThanEquals'));
  if (innerKind.startsWith('GreaterThan') && coverKind.startsWith('GreaterThan')) return i > c || (i === c && (coverKind === innerKind || coverKind === 'GreaterThanEquals'));
  return false;
}

/** Whether every request that `newer` admits, `older` admits too. */
export function clauseImplies(newer: ConditionClause, older: ConditionClause): boolean {
  if (newer.key.toLowerCase() !== older.key.toLowerCase()) return false;
  const [n, o] = [parseConditionOperator(newer.operator), parseConditionOperator(older.operator)];
  if (!n || !o) return factCondition(newer).shown === factCondition(older).shown;
  if (n.setQualifier !== o.setQualifier || n.family !== o.family || n.negated !== o.negated) return false;
  // `IfExists` admits requests without the key; a clause without it does not.
  if (n.ifExists && !o.ifExists) return false;
  const [nValues, oValues] = [newer.values.map((v) => valueText(v.value)), older.values.map((v) => valueText(v.value))];
  if (nValues.length === 0 || oValues.length === 0) return false;
  // A negated clause admits every value but the ones it lists: it is stricter when it excludes at least as much.
  if (n.negated) return oValues.every((ov) => nValues.some((nv) => valueCovers(positive(n), nv, positive(o), ov, n.family)));
  return nValues.every((nv) => oValues.some((ov) => valueCovers(o.base, ov, n.base, nv, n.family)));
}

/**
 * The older clauses no newer clause implies, as a reader would name them: `condition removed:
 * StringEquals aws:SourceAccount 111122223333` or `condition weakened: ... → ...`.
 */
export function weakenedConditions(newer: readonly ConditionClause[], older: readonly ConditionClause[]): string[] {
  return older
    .filter((o) => !newer.some((n) => clauseImplies(n, o)))
    .map((o) => {
      const was = factCondition(o).shown;
      const now = newer.filter((n) => n.key.toLowerCase() === o.key.toLowerCase()).map((n) => factCondition(n).shown);
      return now.length > 0 ? `condition weakened: ${was} → ${now.join('; ')}` : `condition removed: ${was}`;
    });
}
