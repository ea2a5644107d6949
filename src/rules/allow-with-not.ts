import type { Rule } from './types';
import { docsUrl } from './docs';
import { displayAll, isAllActions, isAllow, isAuthoredPolicy, keyPointer, summarizeList } from './helpers/statements';
import { describePrincipal } from './helpers/principals';
import { isBoundaryOnly } from './helpers/over-grants';
import { ownResourcesAdvice } from './helpers/suggest-resources';
import { yamlSnippet } from '../template/yaml-writer';
import { excludesEveryResource } from './helpers/resources';

const ID = 'allow-with-not';

/** Allow + Not*: the grant is "everything except", so it grows with every new action, resource or principal AWS adds. */
export const allowWithNot: Rule = {
  meta: {
    id: ID,
    title: 'Allow with NotAction, NotResource or NotPrincipal',
    defaultSeverity: 'error',
    rationale:
      'An Allow statement with NotAction, NotResource or NotPrincipal grants everything except what it lists. It grants every action AWS releases later, every resource created later, and (with NotPrincipal) every principal in every account, including anonymous users. These elements belong in Deny statements. ' +
      'Every authored policy is read except permissions boundaries, where "allow everything but" is the usual way to write a ceiling. The over-privilege rules leave such statements to this one (their actions are not reported again as resource or action wildcards); Action "*" with NotResource is full-admin\'s finding, unless NotResource is "*": that excludes every resource, so the statement grants nothing, and it is reported here as the misleading grant it is (the other rules read it as granting nothing).',
    fix: 'Turn the exclusion around: list what is allowed in Action, Resource or Principal, or keep the Not* element in a Deny statement.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    NotAction: iam:*
    Resource: '*'`,
      good: `Statement:
  - Effect: Deny
    NotAction: [s3:GetObject, s3:ListBucket]
    Resource: '*'
  - Effect: Allow
    Action: [s3:GetObject, s3:ListBucket]
    Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (!isAllow(statement) || !isAuthoredPolicy(policy) || policy.kind === 'boundary' || isBoundaryOnly(policy, context.stack)) return;
        if (statement.notActions) {
          const own = ownResourcesAdvice(context.stack, policy);
          const excluded = displayAll(statement.notActions);
          // What the exclusion usually means is a guardrail: keep it, as a Deny, and make the Allow a list.
          const guardrail = { Effect: 'Deny', Action: excluded.length === 1 ? excluded[0]! : excluded, Resource: '*' };
          context.report({
            policy,
            statement,
            at: keyPointer(statement, 'NotAction'),
            message: `allows every action except ${summarizeList(excluded)}`,
            fix:
              `Keep ${summarizeList(excluded)} out with a Deny statement (the snippet), and replace this Allow with the actions the principal needs` +
              `${own ? ` on ${own.text}` : ''} (\`iamgate generate\` writes them from access levels).`,
            suggestion: { snippet: yamlSnippet([guardrail]) },
            actions: excluded.map((a) => `not ${a}`),
          });
        }
        // Every action on every resource but some is full-admin's finding; NotResource "*" leaves no resource at all.
        const nothing = excludesEveryResource(statement);
        if (statement.notResources && (nothing || !statement.actions?.some((a) => isAllActions(a.value)))) {
          const own = ownResourcesAdvice(context.stack, policy);
          const excluded = displayAll(statement.notResources);
          context.report({
            policy,
            statement,
            at: keyPointer(statement, 'NotResource'),
            message: nothing
              ? `uses NotResource ${summarizeList(excluded)}, which leaves no resource: the statement grants nothing, though it reads as a grant`
              : `allows its actions on every resource except ${summarizeList(excluded)}`,
            fix: own
              ? `Replace NotResource with the resources the principal works on, e.g. ${own.text}; keep ${summarizeList(excluded)} out with a Deny statement if it must never be reached.`
              : `Replace NotResource with the ARNs of the resources the principal works on; keep ${summarizeList(excluded)} out with a Deny statement if it must never be reached.`,
            ...(own?.suggestion ? { suggestion: own.suggestion } : {}),
            resources: excluded.map((r) => `not ${r}`),
          });
        }
        if (statement.notPrincipals) {
          const excluded = (statement.notPrincipals ?? []).map((p) => describePrincipal(p.value));
          context.report({
            policy,
            statement,
            at: keyPointer(statement, 'NotPrincipal'),
            message: `allows every principal, including anonymous ones, except ${summarizeList(excluded)}`,
            fix: 'Name the principals that may act in Principal, or use NotPrincipal only in a Deny statement.',
            principals: excluded.map((p) => `not ${p}`),
          });
        }
      },
    };
  },
};
