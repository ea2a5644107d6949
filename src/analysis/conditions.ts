/**
 * Whether a statement's conditions genuinely narrow who can use it.
 *
 * The reference for "narrowing" is S3's definition of a non-public policy (a policy is not
 * public when every Allow to `*` is pinned by a fixed value of one of a known set of keys),
 * which IAM Access Analyzer applies to the other resource types too:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
import type { ConditionClause, PolicyScalar, Statement } from '../extract/types';
import { parseConditionOperator } from '../iam';

/**
 * Keys whose fixed values pin a grant to known callers or networks (S3's list, plus the
 * newer organization keys and `kms:CallerAccount`, which AWS documents as equivalent).
 */
export const NARROWING_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
    'lambda:FunctionUrlAuthType',
    'lambda:EventSourceToken',
  ].map((k) => k.toLowerCase()),
);

export type ValueVerdict = 'narrow' | 'wildcard' | 'unknown';

const ARN_SKELETON = /^arn(:(aws|aws-cn|aws-us-gov|\*)?)?(:[*?]*)*$/i;

/** Whether one condition value pins something down. */
export function conditionValueVerdict(value: PolicyScalar): ValueVerdict {
  if (typeof value === 'number' || typeof value === 'boolean') return 'narrow';
  if (typeof value === 'string') {
    if (value === '' || /^[*?]+$/.test(value) || ARN_SKELETON.test(value)) return 'wildcard';
    if (value === '0.0.0.0/0' || value === '::/0') return 'wildcard';
    return 'narrow';
  }
  if (value.kind === 'unknown') return 'unknown';
  // A symbolic value holds at least one reference to one specific thing.
  return value.parts.some((p) => typeof p !== 'string' && p.kind === 'unknown') ? 'unknown' : 'narrow';
}

export interface ClauseVerdict {
  clause: ConditionClause;
  verdict: ValueVerdict;
}

/**
 * Whether a clause narrows the statement to fixed values of a narrowing key. Operators IAM
 * does not define, negated operators, `ForAllValues` (true when the key is absent), `IfExists` (true when absent)
 * and wildcard-only values do not narrow.
 */
export function clauseNarrows(clause: ConditionClause): ValueVerdict {
  if (!NARROWING_KEYS.has(clause.key.toLowerCase())) return 'wildcard';
  const op = parseConditionOperator(clause.operator);
  if (!op || op.negated || op.ifExists || op.setQualifier === 'ForAllValues') return 'wildcard';
  if (op.family === 'Null' || op.family === 'Bool') return 'wildcard';
  if (clause.values.length === 0) return 'wildcard';
  const verdicts = clause.values.map((v) => conditionValueVerdict(v.value));
  if (verdicts.includes('wildcard')) return 'wildcard';
  return verdicts.includes('unknown') ? 'unknown' : 'narrow';
}

/** The clauses of a statement that narrow who can use it, with their verdicts. */
export function narrowingClauses(statement: Statement): ClauseVerdict[] {
  return statement.conditions
    .map((clause) => ({ clause, verdict: clauseNarrows(clause) }))
    .filter((c) => c.verdict !== 'wildcard');
}
