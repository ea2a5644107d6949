import type { Policy, Statement } from '../extract/types';
import type { Rule, Severity } from './types';
import type { Admission } from '../analysis/admission';
import { allowRequirements } from '../analysis/conditions';
import { docsUrl } from './docs';
import { protectedName, statementAdmissions } from './helpers/access-policies';
import { mayGrantAction } from './helpers/statements';

const ID = 'trust-wildcard-principal';

/** Keys that name the callers themselves: a statement pinned by them admits named principals, not a whole account. */
const PRINCIPAL_KEYS: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:userid', 'aws:username']);

interface Breadth {
  severity: Severity;
  who: string;
  /** What else decides. */
  then: string;
}

/**
 * Who a `Principal: "*"` that conditions pin to accounts or organizations lets in. Accounts and
 * organizations outside the trusted ones are cross-account-access's, anyone public-access's.
 */
function breadthOf(admission: Admission): Breadth | undefined {
  if (admission.class.kind !== 'anyone') return undefined;
  const { reach } = admission;
  if (reach.kind === 'accounts' && reach.accounts.every((a) => a.kind === 'same' || a.kind === 'trusted')) {
    const own = reach.accounts.every((a) => a.kind === 'same');
    return {
      severity: 'error',
      who: own ? 'every role and user of this account' : 'every role and user of the named accounts',
      then: own ? 'with no IAM policy needed to allow it' : 'as far as their IAM policies allow (in this account, with none needed)',
    };
  }
  if (reach.kind === 'organizations' && reach.orgs.every((o) => o.kind === 'trusted' || o.kind === 'assumed-own')) {
    const orgs = reach.orgs.map((o) => ('id' in o ? o.id : '')).join(', ');
    return { severity: 'warning', who: `every role and user of every account of ${orgs}`, then: "as far as their accounts' IAM policies allow" };
  }
  return undefined;
}

/**
 * A role trust policy with `Principal: "*"` narrowed only to accounts or an organization. Naming
 * the account root delegates the decision to IAM policies there; `"*"` matches every principal's
 * own ARN, so in the same account each of them may assume the role with no IAM policy allowing it.
 */
export const trustWildcardPrincipal: Rule = {
  meta: {
    id: ID,
    title: 'Role trusts every principal of an account or organization',
    defaultSeverity: 'error',
    rationale:
      'A trust policy that names an account root (arn:aws:iam::ACCOUNT:root) lets that account\'s IAM policies decide who may assume the role. Principal "*" is different: it matches every role and user itself, so a condition that pins it to this account (aws:PrincipalAccount) lets every principal of the account assume the role, with no IAM policy needed to allow it, and one that pins it to an organization (aws:PrincipalOrgID) lets in every principal its accounts allow. That is an error for an account (the role\'s permissions become everyone\'s in it) and a warning for an organization (each account\'s IAM policies still decide). A statement that also names the callers with aws:PrincipalArn is pinned and not reported; "*" that no condition pins to accounts is public-access\'s, and another account cross-account-access\'s.',
    fix: 'Name the roles that may assume it (Principal AWS: arn:${AWS::Partition}:iam::${AWS::AccountId}:role/NAME), or pin "*" with aws:PrincipalArn, or trust the account root (arn:${AWS::Partition}:iam::${AWS::AccountId}:root) so that IAM policies decide.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      AWS: '*'
    Action: sts:AssumeRole
    Condition:
      StringEquals:
        aws:PrincipalAccount: !Ref AWS::AccountId`,
      good: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/Deployer'
    Action: sts:AssumeRole`,
    },
  },
  create(context) {
    return {
      statement(statement: Statement, policy: Policy) {
        if (policy.kind !== 'trust' || statement.effect !== 'Allow' || !mayGrantAction(statement, 'sts:AssumeRole')) return;
        if (allowRequirements(statement).some((r) => PRINCIPAL_KEYS.has(r.key) && r.verdict === 'narrow')) return;
        for (const admission of statementAdmissions(statement, policy, context.settings)) {
          const breadth = breadthOf(admission);
          if (!breadth) continue;
          const pinnedBy = admission.narrowedBy.length > 0 ? ` (Principal "*" with ${admission.narrowedBy.join(' and ')})` : '';
          context.report({
            policy,
            statement,
            at: admission.principal.at,
            severity: breadth.severity,
            message: `lets ${breadth.who} assume ${protectedName(policy)}${pinnedBy}, ${breadth.then}`,
            principals: ['*'],
          });
        }
      },
    };
  },
};
