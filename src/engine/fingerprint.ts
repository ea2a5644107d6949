/**
 * Finding fingerprints (DESIGN.md §6): a hash of what the finding is about, never of where
 * it sits in the file, so baselines and suppressions survive edits elsewhere.
 */
import { createHash } from 'node:crypto';
import type { ConditionClause, Located, Policy, Principal, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import { formatResolvedString } from '../resolve';
import { memoized } from '../memo';
import { statementContent } from '../extract';
import { describePrincipal } from '../rules/helpers/principals';

function sortedValues(list: Located<ResolvedString>[] | undefined): string[] | undefined {
  return list?.map((item) => formatResolvedString(item.value)).sort();
}

function sortedPrincipals(list: Located<Principal>[] | undefined): string[] | undefined {
  return list?.map((item) => describePrincipal(item.value)).sort();
}

function normalizedConditions(conditions: ConditionClause[]): string[] {
  return conditions
    .map((clause) => {
      const values = clause.values
        .map((v) => (typeof v.value === 'object' ? formatResolvedString(v.value) : String(v.value)))
        .sort();
      return `${clause.operator.toLowerCase()}|${clause.key.toLowerCase()}|${values.join(',')}`;
    })
    .sort();
}

const statementContents = new WeakMap<Statement, string>();

/** The statement's meaning, independent of formatting, order and position (once per statement: every finding on it asks, twice). */
export function normalizedStatementContent(statement: Statement): string {
  return memoized(statementContents, statementContent(statement), newStatementContent);
}

function newStatementContent(statement: Statement): string {
  return JSON.stringify({
    effect: statement.effect,
    actions: sortedValues(statement.actions)?.map((a) => a.toLowerCase()),
    notActions: sortedValues(statement.notActions)?.map((a) => a.toLowerCase()),
    resources: sortedValues(statement.resources),
    notResources: sortedValues(statement.notResources),
    principals: sortedPrincipals(statement.principals),
    notPrincipals: sortedPrincipals(statement.notPrincipals),
    conditions: normalizedConditions(statement.conditions),
  });
}

export interface FingerprintInput {
  ruleId: string;
  stack: string;
  logicalId: string;
  policy: Policy;
  statement?: Statement;
  /** What the finding names (actions, resources, principals), so two findings on one statement differ. */
  subject: string[];
}

function policyName(policy: Policy): string {
  if (policy.name !== undefined) return formatResolvedString(policy.name);
  return policy.source.propertyPath.join('/');
}

function hash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function fingerprint(input: FingerprintInput): string {
  const content = input.statement ? normalizedStatementContent(input.statement) : '';
  return hash([input.ruleId, input.stack, input.logicalId, policyName(input.policy), content, [...input.subject].sort().join('\n')]);
}

/** `${Role.Arn}` and `${Role}` read `${#.Arn}` and `${#}`; pseudo parameters (`${AWS::Region}`) and policy variables stay. */
function withoutLogicalIds(text: string): string {
  return text.replace(/\$\{[A-Za-z0-9]+(\.[A-Za-z0-9.]+)?\}/g, (_ref, attribute: string | undefined) => `\${#${attribute ?? ''}}`);
}

/**
 * The fingerprint a baseline falls back to when the first one no longer matches: the same
 * statement content and subject, without the logical ids of the resource and of anything it
 * references, and without the policy name (CDK derives both from the construct id). It
 * survives renaming a resource; two resources with identical statements share it.
 */
export function contentFingerprint(input: FingerprintInput): string {
  const content = input.statement ? withoutLogicalIds(normalizedStatementContent(input.statement)) : '';
  const subject = input.subject.map(withoutLogicalIds).sort().join('\n');
  return hash([input.ruleId, input.stack, input.policy.kind, input.policy.source.resourceType, content, subject]);
}
