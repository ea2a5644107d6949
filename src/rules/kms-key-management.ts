import type { Policy, Statement } from '../extract/types';
import type { Rule } from './types';
import type { Admission } from '../analysis/admission';
import { actionsOfPattern } from '../analysis/actions';
import { allowRequirements } from '../analysis/conditions';
import { docsUrl } from './docs';
import { protectedName, statementAdmissions } from './helpers/access-policies';
import { protectedTypeOf } from '../extract/targets';
import { describePrincipal } from './helpers/principals';
import { summarizeList } from './helpers/statements';

const ID = 'kms-key-management';

const KEY_TYPES: ReadonlySet<string> = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey']);

/**
 * Actions that hand the key to someone else or destroy what it protects: rewriting the key
 * policy, creating grants, replicating it under a new policy, disabling it, deleting it or its
 * imported material.
 */
const MANAGEMENT_ACTIONS = ['kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ReplicateKey', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DeleteImportedKeyMaterial'];

function managementActions(statement: Statement): string[] {
  if (statement.notActions) return [...MANAGEMENT_ACTIONS];
  const granted = new Set<string>();
  for (const { value } of statement.actions ?? []) {
    if (typeof value !== 'string') continue;
    const actions = actionsOfPattern(value);
    if (actions === 'unknown') continue;
    for (const name of MANAGEMENT_ACTIONS) {
      if (actions === 'all' || actions.some((a) => a.qualifiedName === name)) granted.add(name);
    }
  }
  return MANAGEMENT_ACTIONS.filter((name) => granted.has(name));
}

/**
 * Who, beyond named accounts and their principals, the admission lets manage the key. Accounts
 * are judged by cross-account-access: this account and trusted ones may administer a key. AWS
 * services are left out: they create grants only for their own resources (AWS documents
 * kms:CreateGrant for them with kms:GrantIsForAWSResource), and confused-deputy checks their source.
 */
function outsider(admission: Admission, statement: Statement): { who: string; certain: boolean; fix?: string } | undefined {
  const { reach } = admission;
  switch (reach.kind) {
    case 'accounts':
      return admission.class.kind === 'anyone' && !throughServices(statement)
        ? {
            who: 'every role and user of the account (Principal "*" pinned to it), with no IAM policy needed to allow it,',
            certain: true,
            fix: 'Add Condition StringEquals kms:ViaService: SERVICE.${AWS::Region}.amazonaws.com (the service that encrypts for them), or give the account root the statement instead so that IAM policies decide who manages the key.',
          }
        : undefined;
    case 'principals':
    case 'aws-service':
    case 'none':
      return undefined;
    case 'anyone':
      return { who: 'anyone ("*")', certain: true };
    case 'any-account':
      return { who: 'any AWS account', certain: true };
    case 'organizations':
      return { who: `every account of ${reach.orgs.map((o) => (o.kind === 'unknown' ? o.shown : o.id)).join(', ')}`, certain: true };
    case 'network':
      return { who: 'anyone on the named network', certain: true };
    case 'source':
      return { who: 'services acting for the named source', certain: true };
    case 'federated':
      return { who: describePrincipal(admission.principal.value), certain: true };
    case 'unknown':
      return { who: `a principal not known statically (${reach.shown})`, certain: false };
  }
}

/**
 * Whether the statement admits calls only through AWS services (`kms:ViaService`, as AWS-managed
 * keys do): then `"*"` pinned to the account lets services use the key for that account's
 * principals, not the principals themselves.
 */
function throughServices(statement: Statement): boolean {
  return allowRequirements(statement).some((r) => r.key === 'kms:viaservice' && r.verdict === 'narrow');
}

/** A key policy that lets others than this account's root and named principals manage the key. */
export const kmsKeyManagement: Rule = {
  meta: {
    id: ID,
    title: 'KMS key managed by others than the account',
    defaultSeverity: 'error',
    rationale:
      "kms:PutKeyPolicy, kms:CreateGrant, kms:ReplicateKey, kms:ScheduleKeyDeletion, kms:DisableKey and kms:DeleteImportedKeyMaterial decide who can use a key and whether the data it protects stays readable. A key policy should give them only to the account root (which delegates to IAM policies) and named administrator roles of this account or a trusted one. Granting them to \"*\" (even with conditions that leave other accounts in) or to a whole organization lets someone else take the key over or destroy it; another account that is not trusted is reported by cross-account-access, and AWS services, which create grants only for their own resources, by confused-deputy when their source is not pinned. Principal \"*\" pinned to this account (kms:CallerAccount, aws:PrincipalAccount) is not the account root: the root hands the decision to IAM policies, while \"*\" lets every role and user of the account manage the key with no IAM policy allowing it, and is reported; with kms:ViaService, as in AWS-managed keys, only AWS services acting for the account's principals get in, and it is not.",
    fix: 'Give key administration to the account root (arn:${AWS::Partition}:iam::${AWS::AccountId}:root) or named administrator roles; grant others only the usage actions they need (kms:Decrypt, kms:GenerateDataKey).',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::KMS::Key KeyPolicy
Statement:
  - Effect: Allow
    Principal: '*'
    Action: [kms:CreateGrant, kms:PutKeyPolicy]
    Resource: '*'`,
      good: `# AWS::KMS::Key KeyPolicy
Statement:
  - Effect: Allow
    Principal:
      AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
    Action: kms:*
    Resource: '*'`,
    },
  },
  create(context) {
    return {
      statement(statement: Statement, policy: Policy) {
        if (!KEY_TYPES.has(protectedTypeOf(policy))) return;
        const admissions = statementAdmissions(statement, policy, context.settings);
        if (admissions.length === 0) return;
        const actions = managementActions(statement);
        if (actions.length === 0) return;
        for (const admission of admissions) {
          const out = outsider(admission, statement);
          if (!out) continue;
          context.report({
            policy,
            statement,
            at: admission.principal.at,
            severity: out.certain ? undefined : 'warning',
            ...(out.fix !== undefined ? { fix: out.fix } : {}),
            message: `lets ${out.who} manage ${protectedName(policy)}: ${summarizeList(actions)}`,
            actions,
            principals: [describePrincipal(admission.principal.value)],
          });
        }
      },
    };
  },
};
