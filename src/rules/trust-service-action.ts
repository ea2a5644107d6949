import type { Located, Policy, Principal, Statement } from '../extract/types';
import type { Rule } from './types';
import { actionsOfPattern, isAllActionsPattern } from '../analysis/actions';
import { docsUrl } from './docs';
import { protectedName } from './helpers/access-policies';
import { describePrincipal } from './helpers/principals';
import { summarizeList } from './helpers/statements';

const ID = 'trust-service-action';

/**
 * What each kind of principal can call on a role (STS API reference): AWS services and IAM
 * principals call AssumeRole, with the session companions TagSession, SetSourceIdentity and
 * SetContext; only holders of a SAML assertion call AssumeRoleWithSAML, and only holders of a web
 * identity token call AssumeRoleWithWebIdentity.
 * https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html
 */
const SERVICE_ACTIONS: ReadonlySet<string> = new Set(['sts:assumerole', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);
const FEDERATED_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** The statement's actions that the principal can never call; `*` and `sts:*` count as themselves. */
function unusable(statement: Statement, usable: ReadonlySet<string>): string[] {
  return (statement.actions ?? []).flatMap(({ value }) => {
    if (typeof value !== 'string') return [];
    if (isAllActionsPattern(value)) return [value];
    const actions = actionsOfPattern(value);
    if (actions === 'all' || actions === 'unknown') return [];
    return actions.some((a) => !usable.has(a.qualifiedName.toLowerCase())) ? [value] : [];
  });
}

function usableBy(principal: Principal): ReadonlySet<string> | undefined {
  if (principal.type === 'service') return SERVICE_ACTIONS;
  if (principal.type === 'federated') return FEDERATED_ACTIONS;
  return undefined;
}

/**
 * A trust policy that grants a principal STS actions it never calls: an AWS service granted
 * more than sts:AssumeRole (and its session companions), or sts:AssumeRole granted to a
 * federated identity provider, whose users come with a token or assertion rather than AWS
 * credentials.
 */
export const trustServiceAction: Rule = {
  meta: {
    id: ID,
    title: 'Trust grants an STS action its principal never uses',
    defaultSeverity: 'info',
    rationale:
      "Which STS action a principal assumes a role with is fixed by what it holds. An AWS service principal holds AWS credentials and calls sts:AssumeRole (with sts:TagSession, sts:SetSourceIdentity or sts:SetContext for some services); it never holds a SAML assertion or a web identity token, so sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:* or * granted to it are actions it does not need. A federated identity provider's users hold only an assertion or a token, so sts:AssumeRole granted to a Federated principal can never be used. Either way the trust policy says more than the role needs, which hides what it is for; the finding is context, not a hole.",
    fix: 'Grant an AWS service sts:AssumeRole (plus sts:TagSession when its documentation asks for it); grant a SAML provider sts:AssumeRoleWithSAML and an OIDC provider sts:AssumeRoleWithWebIdentity.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      Service: lambda.amazonaws.com
    Action: sts:*`,
      good: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      Service: lambda.amazonaws.com
    Action: sts:AssumeRole`,
    },
  },
  create(context) {
    const report = (statement: Statement, policy: Policy, principal: Located<Principal>, extra: string[]) =>
      context.report({
        policy,
        statement,
        at: principal.at,
        message: `grants ${describePrincipal(principal.value)} ${summarizeList(extra)} on ${protectedName(policy)}, which ${principal.value.type === 'service' ? 'an AWS service' : 'a federated identity'} never calls`,
        actions: extra,
        principals: [describePrincipal(principal.value)],
      });
    return {
      statement(statement, policy) {
        if (policy.kind !== 'trust' || statement.effect !== 'Allow') return;
        for (const principal of statement.principals ?? []) {
          const usable = usableBy(principal.value);
          if (!usable) continue;
          const extra = unusable(statement, usable);
          if (extra.length > 0) report(statement, policy, principal, extra);
        }
      },
    };
  },
};
