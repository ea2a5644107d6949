import type { Policy, Statement } from '../extract/types';
import type { Rule } from './types';
import { docsUrl } from './docs';
import { display, displayAll, isAllow, keyPointer, summarizeList } from './helpers/statements';
import { narrowingClauses } from '../analysis/conditions';

const ID = 'public-access';

const POLICY_KINDS: ReadonlySet<Policy['kind']> = new Set(['resource', 'trust', 'permission-grant']);

function protectedName(policy: Policy): string {
  const resource = policy.resource;
  if (resource?.logicalId) return `${resource.resourceType} ${resource.logicalId}`;
  if (resource?.arn !== undefined) return display(resource.arn);
  if (policy.kind === 'trust') return `role ${policy.source.logicalId}`;
  return `${policy.source.resourceType} ${policy.source.logicalId}`;
}

/** A resource or trust policy whose Allow admits anyone, with no condition that pins the caller down. */
export const publicAccess: Rule = {
  meta: {
    id: ID,
    title: 'Open to anyone',
    defaultSeverity: 'error',
    rationale:
      'Principal "*" (or {"AWS": "*"}) in an Allow statement of a resource or trust policy admits every AWS account and, for many services, anonymous callers. Unless a condition pins the caller to your organization, account, source resource or network, the resource is public.',
    fix: 'Name the principals (accounts, roles, services) that need access, or add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceVpce.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::S3::BucketPolicy
Statement:
  - Effect: Allow
    Principal: '*'
    Action: s3:GetObject
    Resource: !Sub '\${Site.Arn}/*'`,
      good: `# AWS::S3::BucketPolicy
Statement:
  - Effect: Allow
    Principal: '*'
    Action: s3:GetObject
    Resource: !Sub '\${Artifacts.Arn}/*'
    Condition:
      StringEquals:
        aws:PrincipalOrgID: o-a1b2c3d4e5`,
    },
  },
  create(context) {
    return {
      statement(statement: Statement, policy: Policy) {
        if (!POLICY_KINDS.has(policy.kind) || !isAllow(statement)) return;
        const open = statement.principals?.find((p) => p.value.type === 'public');
        if (!open) return;
        const narrowing = narrowingClauses(statement);
        if (narrowing.some((c) => c.verdict === 'narrow')) return;
        const actions = displayAll(statement.actions ?? statement.notActions);
        const target = protectedName(policy);
        const unknown = narrowing.map((c) => c.clause.key);
        context.report({
          policy,
          statement,
          at: open.at ?? keyPointer(statement, 'Principal'),
          severity: unknown.length > 0 ? 'warning' : undefined,
          message:
            unknown.length > 0
              ? `allows anyone to ${summarizeList(actions)} on ${target} unless ${summarizeList(unknown)} (a value not known statically) pins the caller`
              : `allows anyone ("*") to ${summarizeList(actions)} on ${target}`,
          fix: 'Replace Principal "*" with the accounts, roles or service that need access, or add a condition on aws:PrincipalOrgID, aws:SourceArn/aws:SourceAccount or aws:SourceVpce.',
          actions,
          principals: ['*'],
        });
      },
    };
  },
};
