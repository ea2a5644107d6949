/**
 * The statement visitor shared by the rules that report actions on unconstrained resources
 * (resource-wildcard and the risk-catalogue rules): each takes the over-grants it owns (see
 * `over-grants.ts`), weighs them and reports one finding per statement and severity.
 */
import type { Policy, Statement } from '../../extract/types';
import type { FixSuggestion, RuleContext, RuleVisitor, Severity } from '../types';
import { isOverGrantCandidate, overGrants, type OverGrant, type OverGrantOwner } from './over-grants';
import { actionNames, describeNarrowing, groupOverGrants, type OverGrantGroup } from './report-over-grants';
import { display } from './statements';
import { serviceNeedsEveryResource } from './assuming-services';

export interface OverGrantWording {
  baseSeverity(grant: OverGrant): Severity;
  /** The message before what was weighed is appended. */
  message(group: OverGrantGroup): string;
  fix(group: OverGrantGroup): string;
  /** The snippet that goes with `fix`, when there is one. */
  suggestion?(group: OverGrantGroup): FixSuggestion | undefined;
}

export function reportOwnedOverGrants(
  context: RuleContext,
  owner: OverGrantOwner,
  wording: OverGrantWording,
  statement: Statement,
  policy: Policy,
): void {
  if (!isOverGrantCandidate(statement, policy, context.stack)) return;
  const owned = overGrants(statement).filter((grant) => grant.owner === owner && !serviceNeedsEveryResource(grant.action, policy, context.stack));
  if (owned.length === 0) return;
  for (const group of groupOverGrants(owned, (grant) => wording.baseSeverity(grant), statement, policy, context.stack)) {
    context.report({
      policy,
      statement,
      severity: group.severity,
      at: group.grants[0]!.entry.item.at,
      message: wording.message(group) + describeNarrowing(group.narrowing),
      fix: wording.fix(group),
      suggestion: wording.suggestion?.(group),
      actions: actionNames(group.grants),
      resources: group.reach.resources.map((r) => display(r.value)),
    });
  }
}

export function overGrantVisitor(context: RuleContext, owner: OverGrantOwner, wording: OverGrantWording): RuleVisitor {
  return {
    statement(statement, policy) {
      reportOwnedOverGrants(context, owner, wording, statement, policy);
    },
  };
}
