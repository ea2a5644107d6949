import type { Policy, Statement } from '../extract/types';
import type { Rule } from './types';
import { docsUrl } from './docs';
import { getAwsManagedPolicy, isEffectivelyStar } from '../iam';
import { displayAll, isAllow, summarizeList } from './helpers/statements';
import { isAcceptedManagedPolicy } from './helpers/managed-policies';

const ID = 'aws-managed-broad';

/** `AmazonS3FullAccess`, `AWSLambda_FullAccess`, `CloudWatchFullAccessV2`. */
const FULL_ACCESS = /_?FullAccess(V\d+)?$/;
const POWER_USER = 'PowerUserAccess';
/** Full access to IAM is full access to everything: the holder can attach AdministratorAccess to itself. */
const ERRORS: ReadonlySet<string> = new Set(['IAMFullAccess']);
/** Reported by full-admin. */
const ADMINISTRATOR = 'AdministratorAccess';

/**
 * Named for full access, or granting it whatever the name: a service-wide wildcard on every
 * resource without a condition (SecretsManagerReadWrite's secretsmanager:*, the job-function
 * DatabaseAdministrator's dynamodb:* and rds:*).
 */
function isBroad(name: string, policy: Policy): boolean {
  if (name === ADMINISTRATOR) return false;
  if (name === POWER_USER || FULL_ACCESS.test(name)) return true;
  // The snapshot's documents never change during a run: each is read once, however many principals hold it.
  let broad = broadByContent.get(name);
  if (broad === undefined) broadByContent.set(name, (broad = policy.statements.some(grantsServiceOnEveryResource)));
  return broad;
}

const broadByContent = new Map<string, boolean>();

function grantsServiceOnEveryResource(statement: Statement): boolean {
  if (!isAllow(statement) || statement.conditions.length > 0) return false;
  const serviceWide = (statement.actions ?? []).some(({ value }) => typeof value === 'string' && /^[a-z0-9-]+:\*$/i.test(value));
  return serviceWide && (statement.resources ?? []).some(({ value }) => isEffectivelyStar(value) === 'star');
}

/** What the document grants on every resource, as its Allow statements write it. */
function grantsSummary(policy: Policy): string {
  const wildcards = new Set<string>();
  const excluded: string[] = [];
  for (const statement of policy.statements) {
    if (!isAllow(statement)) continue;
    for (const action of displayAll(statement.actions)) if (action.endsWith(':*')) wildcards.add(action);
    excluded.push(...displayAll(statement.notActions));
  }
  if (excluded.length > 0) return `every action except ${summarizeList(excluded)}`;
  return wildcards.size > 0 ? `${summarizeList([...wildcards])} on every resource` : 'full access to its services';
}

/** The AWS-managed read-only counterpart, when the snapshot has one. */
function readOnlyAlternative(name: string): string | undefined {
  if (name === POWER_USER) return 'ReadOnlyAccess';
  const base = name.replace(FULL_ACCESS, '');
  return [`${base}ReadOnlyAccess`, `${base}_ReadOnlyAccess`].find((candidate) => getAwsManagedPolicy(candidate) !== undefined);
}

/** AWS-managed policies that grant full access to a service (`*FullAccess`) or to nearly everything (`PowerUserAccess`). */
export const awsManagedBroad: Rule = {
  meta: {
    id: ID,
    title: 'Broad AWS-managed policy',
    defaultSeverity: 'warning',
    rationale:
      'AWS-managed policies are written for every account, not for one workload: "*FullAccess" policies allow every action of a service on every resource (AmazonS3FullAccess reads and deletes every bucket in the account), PowerUserAccess allows everything except IAM and Organizations, and others do the same under another name (SecretsManagerReadWrite grants secretsmanager:* on every secret, the DatabaseAdministrator job function rds:* and dynamodb:*): any AWS-managed policy with an unconditioned service-wide wildcard on every resource is reported. They change when AWS updates them. ' +
      'They are warnings; IAMFullAccess is an error, since full control of IAM lets its holder grant itself anything. AdministratorAccess is full-admin\'s finding. ' +
      'The documents come from the AWS-managed policy snapshot iamgate ships; policies the team has accepted (config allowedManagedPolicies) raise nothing. ' +
      'Statement rules do not read AWS-managed documents one statement at a time; privilege-escalation combinations count them only together with grants the template writes.',
    fix: 'Replace the policy with one that lists the actions the workload calls on this template\'s resources, or use the service\'s read-only managed policy when reading is all it does.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `ManagedPolicyArns:
  - arn:aws:iam::aws:policy/AmazonS3FullAccess
  - arn:aws:iam::aws:policy/IAMFullAccess`,
      good: `ManagedPolicyArns:
  - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
Policies:
  - PolicyName: read-reports
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Action: s3:GetObject
          Resource: !Sub '\${ReportsBucket.Arn}/*'`,
    },
  },
  create(context) {
    return {
      policy(policy) {
        const name = policy.managed?.awsManagedName;
        if (policy.kind !== 'managed-policy-reference' || name === undefined || !isBroad(name, policy)) return;
        if (isAcceptedManagedPolicy(policy, context.settings)) return;
        const alternative = readOnlyAlternative(name);
        context.report({
          policy,
          at: policy.source.pointer,
          severity: ERRORS.has(name) ? 'error' : 'warning',
          message: `AWS-managed policy ${name} grants ${grantsSummary(policy)}`,
          fix:
            `Replace ${name} with a policy that lists the actions this principal calls on this template's resources` +
            (alternative ? `, or with ${alternative} if it only reads` : '') +
            `; if the team accepts it, list it in allowedManagedPolicies.`,
          actions: [name],
        });
      },
    };
  },
};
