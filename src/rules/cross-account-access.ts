import type { Policy, Statement } from '../extract/types';
import type { Rule, Severity } from './types';
import type { Admission } from '../analysis/admission';
import { describeAccount, isOutsideAccount, type AccountVerdict, type OrgVerdict } from '../analysis/principals';
import { statementAccess } from '../analysis/actions';
import { docsUrl } from './docs';
import { displayAll, summarizeList } from './helpers/statements';
import { protectedName, statementAdmissions } from './helpers/access-policies';
import { describePrincipal } from './helpers/principals';
import { formatResolvedString } from '../resolve';

const ID = 'cross-account-access';

/** Who outside is let in, as a phrase, and whether some of it is only not known statically. */
interface Outsider {
  shown: string;
  /** Account ids to suggest for `--trusted-account`. */
  ids: string[];
  uncertain: boolean;
}

function accountOutsider(accounts: readonly AccountVerdict[]): Outsider | undefined {
  const outside = accounts.filter(isOutsideAccount);
  if (outside.length === 0) return undefined;
  return {
    shown: outside.map(describeAccount).join(', '),
    ids: outside.flatMap((a) => (a.kind === 'external' ? [a.id] : [])),
    uncertain: outside.every((a) => a.kind === 'unknown'),
  };
}

function orgOutsider(orgs: readonly OrgVerdict[]): Outsider | undefined {
  const outside = orgs.filter((o) => o.kind === 'external' || o.kind === 'unknown');
  if (outside.length === 0) return undefined;
  return {
    shown: outside.map((o) => `organization ${o.kind === 'unknown' ? o.shown : `${o.id} (not a trusted organization)`}`).join(', '),
    ids: [],
    uncertain: outside.every((o) => o.kind === 'unknown'),
  };
}

function outsiderOf(admission: Admission): Outsider | undefined {
  switch (admission.reach.kind) {
    case 'accounts':
      return accountOutsider(admission.reach.accounts);
    case 'organizations':
      return orgOutsider(admission.reach.orgs);
    case 'unknown':
      return { shown: `a principal not known statically (${admission.reach.shown})`, ids: [], uncertain: true };
    default:
      return undefined;
  }
}

/**
 * In a trust policy a foreign account may assume the role: an error, unless the statement also
 * requires an external id, MFA or membership of an organization, which leaves it to a reviewer.
 */
function trustSeverity(admission: Admission, outsider: Outsider): { severity: Severity; note: string } {
  if (outsider.uncertain) return { severity: 'warning', note: ' (not known statically: it may be another account)' };
  const guards = [...admission.guards].map((g) => (g === 'external-id' ? 'sts:ExternalId' : g === 'mfa' ? 'MFA' : 'an organization condition'));
  return guards.length > 0 ? { severity: 'warning', note: `, which must present ${guards.join(' and ')}` } : { severity: 'error', note: '' };
}

/** In a resource policy the access levels decide: changing the resource or who may use it is an error. */
function resourceSeverity(statement: Statement, outsider: Outsider, grant: boolean): { severity: Severity; note: string } {
  const { levels, unknown } = statementAccess(statement);
  const writes = levels.has('Write') || levels.has('Permissions management');
  const levelNote = levels.size > 0 ? ` (${[...levels].join(', ')})` : '';
  if (outsider.uncertain) return { severity: 'warning', note: `${levelNote}; the account is not known statically and may be another one` };
  if (unknown.length > 0 && !writes) return { severity: 'warning', note: `${levelNote}; ${summarizeList(unknown)} cannot be read statically` };
  // A Lambda permission is a single grant its author wrote for exactly that principal: a reviewer's call.
  if (grant) return { severity: 'warning', note: levelNote };
  return { severity: writes ? 'error' : 'warning', note: levelNote };
}

/**
 * A statement that names one role or user of an account, rather than the whole account, is
 * already the least-privilege form of a cross-account grant; whether that account is a
 * stranger is something only the team knows. It stays a reviewer's call (warning) until the
 * account is declared trusted. Whole-account grants keep the severity judged above.
 */
function namedIdentity(admission: Admission, judged: { severity: Severity; note: string }): { severity: Severity; note: string } {
  if (judged.severity !== 'error') return judged;
  if (admission.principal.value.type === 'iam-arn') return { severity: 'warning', note: `${judged.note}; it names one identity, so declare the account if it is yours` };
  if (admission.namesIdentities) return { severity: 'warning', note: `${judged.note}; aws:PrincipalArn names its roles or users, so declare the account if it is yours` };
  return judged;
}

/** The account (or organization) a resource or trust policy admits that is neither this account nor a trusted one. */
export const crossAccountAccess: Rule = {
  meta: {
    id: ID,
    title: 'Access for an account that is not trusted',
    defaultSeverity: 'error',
    rationale:
      "A resource or trust policy that names another account (its root, a role or user in it, or Principal \"*\" pinned to it by aws:PrincipalAccount) hands that account's administrators access they decide how to use. Only the template's own account (${AWS::AccountId}, in-template or imported resources, and the account a CDK stack names in its environment, which CDK writes as a literal id: it is this account, in the effective-access report too) is trusted unless you declare more with --trusted-account or the config file; any other literal account id is never assumed to be yours, even when other ARNs in the template name it. In a trust policy, a foreign account that may assume the role is an error unless the statement requires sts:ExternalId, MFA or an organization condition (then a warning). In a resource policy, Write or Permissions management for a foreign account is an error and Read, List or Tagging a warning; a Lambda permission, a grant written for exactly that principal, is a warning. A statement that names one role or user of the account (not its root, or its root pinned to named roles or users by aws:PrincipalArn) is a warning in both: naming identities is the least-privilege form of the grant, and only you know whether the account is yours. An organization named by aws:PrincipalOrgID is taken for your own until you configure trusted organizations; then any other is reported. AWS-owned accounts that services deliver from (Elastic Load Balancing and Redshift log delivery, CloudFront origin access identities) are recognized as those services.",
    fix: 'Remove the account, or declare it as trusted (--trusted-account ID or trustedAccounts in the config); for a role, also require sts:ExternalId or an organization condition.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      AWS: arn:aws:iam::210987654321:root
    Action: sts:AssumeRole`,
      good: `# AWS::IAM::Role AssumeRolePolicyDocument (210987654321 declared with --trusted-account)
Statement:
  - Effect: Allow
    Principal:
      AWS: arn:aws:iam::210987654321:root
    Action: sts:AssumeRole
    Condition:
      StringEquals:
        sts:ExternalId: partner-7f3a`,
    },
  },
  create(context) {
    return {
      statement(statement: Statement, policy: Policy) {
        for (const admission of statementAdmissions(statement, policy, context.settings)) {
          const outsider = outsiderOf(admission);
          if (!outsider) continue;
          const actions = displayAll(statement.actions ?? statement.notActions);
          const what = `${statement.notActions ? 'every action but ' : ''}${summarizeList(actions)}`;
          const principal = describePrincipal(admission.principal.value);
          const judged =
            policy.kind === 'trust' ? trustSeverity(admission, outsider) : resourceSeverity(statement, outsider, policy.kind === 'permission-grant');
          const { severity, note } = namedIdentity(admission, judged);
          const trustHint = outsider.ids.length > 0 ? `declare it with --trusted-account ${outsider.ids.join(' --trusted-account ')} if you trust it, or remove it` : 'name a known account or remove it';
          const arn = admission.principal.value.type === 'iam-arn' ? formatResolvedString(admission.principal.value.arn) : '';
          const named = arn !== '' ? ` (${arn})` : '';
          context.report({
            policy,
            statement,
            at: admission.principal.at,
            severity,
            message: `allows ${outsider.shown}${named} to ${what} on ${protectedName(policy)}${note}`,
            fix:
              policy.kind === 'trust'
                ? `Trust only accounts you control: ${trustHint}; for a third party, require sts:ExternalId (StringEquals) in the statement.`
                : `Grant only accounts you control: ${trustHint}.`,
            actions,
            principals: [principal],
          });
        }
      },
    };
  },
};
