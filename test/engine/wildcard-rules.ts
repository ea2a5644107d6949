/**
 * Small rules with fixed wording for engine and report tests, so that what they check (suppressions,
 * baselines, formats) does not move when a built-in rule's messages are refined. They carry the
 * ids of built-in rules where a test needs the id (migrated suppressions map to real ids).
 */
import type { Rule, Severity } from '../../src/rules/types';
import { formatResolvedString } from '../../src/resolve';

const text = (values: { value: Parameters<typeof formatResolvedString>[0] }[] | undefined) => (values ?? []).map((v) => formatResolvedString(v.value));

/** Reports every Allow statement with a wildcard in an action, at that action. */
export function wildcardActionRule(id = 'action-wildcard', defaultSeverity: Severity = 'error'): Rule {
  return {
    meta: {
      id,
      title: 'Wildcard in an action',
      defaultSeverity,
      rationale: 'A wildcard action grants every matching action, including ones added later, which is more than a workload needs.',
      fix: 'List the actions the workload calls.',
      docsUrl: `https://example.com/rules/${id}.md`,
      examples: { bad: 'Action: s3:*', good: 'Action: s3:GetObject' },
    },
    create(context) {
      return {
        statement(statement, policy) {
          if (statement.effect !== 'Allow') return;
          const wildcard = statement.actions?.find((a) => typeof a.value === 'string' && a.value.includes('*'));
          if (!wildcard) return;
          context.report({
            policy,
            statement,
            at: wildcard.at,
            message: `allows ${formatResolvedString(wildcard.value)} on ${text(statement.resources).join(', ')}`,
            fix: 'Name the actions instead of a wildcard.',
            actions: [formatResolvedString(wildcard.value)],
            resources: text(statement.resources),
          });
        },
      };
    },
  };
}

/** Reports every Allow statement with Resource "*", at that resource. */
export function starResourceRule(id = 'resource-wildcard', defaultSeverity: Severity = 'warning'): Rule {
  return {
    meta: {
      id,
      title: 'Every resource',
      defaultSeverity,
      rationale: 'Resource "*" reaches every resource of the account, including those created later by other teams.',
      fix: 'Name the resources the workload uses.',
      docsUrl: `https://example.com/rules/${id}.md`,
      examples: { bad: 'Resource: "*"', good: 'Resource: !GetAtt Queue.Arn' },
    },
    create(context) {
      return {
        statement(statement, policy) {
          const star = statement.effect === 'Allow' ? statement.resources?.find((r) => r.value === '*') : undefined;
          if (!star) return;
          context.report({ policy, statement, at: star.at, message: `allows ${text(statement.actions).join(', ')} on every resource`, actions: text(statement.actions), resources: ['*'] });
        },
      };
    },
  };
}

export const TEST_RULES: readonly Rule[] = [wildcardActionRule(), starResourceRule()];
