import type { Policy, Statement } from '../extract/types';
import type { Rule, RuleContext } from './types';
import type { Admission } from '../analysis/admission';
import { docsUrl } from './docs';
import { displayAll, summarizeList } from './helpers/statements';
import { protectedName, statementAdmissions } from './helpers/access-policies';
import { publicConditionAdvice } from './helpers/suggest-conditions';
import { formatResolvedString } from '../resolve';
import { NARROWING_KEYS, whyClauseDoesNotPin } from '../analysis/conditions';

const ID = 'public-access';

function isPublic(admission: Admission): boolean {
  return admission.reach.kind === 'anyone' || admission.reach.kind === 'any-account';
}

/** Conditions on caller keys that look like they pin the caller but do not, with the reason. */
function illusoryPins(statement: Statement): string {
  const notes = statement.conditions.flatMap((clause) => {
    if (!NARROWING_KEYS.has(clause.key.toLowerCase())) return [];
    const why = whyClauseDoesNotPin(clause, statement.conditions);
    return why ? [`${clause.key} does not pin the caller: ${why}`] : [];
  });
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/** Whether a statement's actions name `action` (literally, any case). */
function names(statement: Statement, action: string): boolean {
  return (statement.actions ?? []).some(({ value }) => typeof value === 'string' && value.toLowerCase() === action);
}

/**
 * A function URL's exposure is the permission that lets anyone call `lambda:InvokeFunctionUrl`:
 * the URL's own grant (AuthType NONE) and the `lambda:InvokeFunction` permission limited to calls
 * through the URL are the same exposure, reported once on that permission when the template has it.
 */
function reportedOnUrlPermission(statement: Statement, policy: Policy, context: RuleContext): boolean {
  const viaUrl = policy.source.resourceType === 'AWS::Lambda::Url' || statement.conditions.some((c) => c.key.toLowerCase() === 'lambda:invokedviafunctionurl');
  const fn = policy.resources[0]?.logicalId;
  if (!viaUrl || fn === undefined) return false;
  return context.stack.extraction.policies.some(
    (other) =>
      other !== policy &&
      other.source.resourceType === 'AWS::Lambda::Permission' &&
      other.resources[0]?.logicalId === fn &&
      other.statements.some((s) => names(s, 'lambda:invokefunctionurl') && statementAdmissions(s, other, context.settings).some(isPublic)),
  );
}

function who(admission: Admission): string {
  return admission.reach.kind === 'any-account' ? 'any authenticated principal of any AWS account' : 'anyone ("*")';
}

/**
 * A resource, trust or permission policy whose Allow admits anyone, after its conditions and
 * the policy's Denies. Trust policies are covered too: a role anyone may assume is public.
 */
export const publicAccess: Rule = {
  meta: {
    id: ID,
    title: 'Open to anyone',
    defaultSeverity: 'error',
    rationale:
      'Principal "*" (or {"AWS": "*"}) in an Allow statement of a resource or trust policy, a Lambda permission for "*", a function URL without IAM auth, or a bucket\'s canned ACL (AccessControl PublicRead, PublicReadWrite or AuthenticatedRead: anyone may list it, and with PublicReadWrite write and delete its objects) admits every AWS account and, for many services, anonymous callers. A condition that pins the caller to your organization, account, source resource or network (aws:PrincipalOrgID, aws:SourceArn, aws:SourceVpce, the endpoint\'s owner aws:VpceAccount or aws:VpceOrgID, an EFS mount target by elasticfilesystem:AccessedViaMountTarget, ...) closes it, and so does an OpenSearch or Elasticsearch domain placed in a VPC (VPCOptions in every branch), whose endpoint only the VPC reaches; a public domain with fine-grained access control (AdvancedSecurityOptions Enabled), which authenticates every request and which AWS pairs with an open access policy, is a warning; and so does a Deny that holds in every Fn::If branch and refuses callers outside them (all of its conditions must hold for it to fire, so a Deny of callers outside the organization AND without TLS leaves anyone in over TLS; a Deny by ForAnyValue:StringNotEquals never fires for a request that lacks the key, while one by ForAllValues:StringNotEquals on a single-valued key fires for it too). Conditions that only look narrow do not: "*" values, StringLike on "*", an address range no one network holds (aws:SourceIp shorter than an IPv4 /8 or an IPv6 /16: 0.0.0.0/1 is half the internet), ...IfExists on a key the request may lack (aws:PrincipalOrgID is absent for accounts outside any organization), and ForAllValues, which is true when the key is absent. ForAnyValue with fixed values does restrict: it is false when the key is absent and treats a single-valued key as a set of one (AWS advises against the form only because it is easy to misread). A condition whose value is not known statically cannot prove the grant narrow: the finding is then a warning that says so. A Lambda permission for "*" limited to function URLs with AWS_IAM auth admits the principals of every account whose own policies allow the call: it is reported too. A function URL open to anyone is one exposure, reported once: on the permission that opens it (lambda:InvokeFunctionUrl for "*"), not again on the URL or on the lambda:InvokeFunction permission AWS asks for beside it (lambda:InvokedViaFunctionUrl); a URL with AuthType NONE and no such permission in the template is reported on the URL.',
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
        const open = statementAdmissions(statement, policy, context.settings).find(isPublic);
        if (!open || reportedOnUrlPermission(statement, policy, context)) return;
        const actions = displayAll(statement.actions ?? statement.notActions);
        const what = `${statement.notActions ? 'every action but ' : ''}${summarizeList(actions)}`;
        const target = protectedName(policy);
        const unknown = open.uncertain.map((r) => {
          const values = r.values.map((v) => (typeof v.value === 'object' ? formatResolvedString(v.value) : String(v.value)));
          return `${r.clause.key} (${values.join(', ')})`;
        });
        // A domain with fine-grained access control still asks every caller for a master user's password or IAM credentials.
        const authenticated = policy.resources.length > 0 && policy.resources.every((resource) => resource.authenticatesRequests);
        context.report({
          policy,
          statement,
          at: open.principal.at,
          severity: unknown.length > 0 || authenticated ? 'warning' : undefined,
          message:
            unknown.length > 0
              ? `allows ${who(open)} to ${what} on ${target} unless ${summarizeList(unknown)}, a value not known statically, pins the caller`
              : `allows ${who(open)} to ${what} on ${target}${illusoryPins(statement)}` +
                (authenticated ? '; its fine-grained access control authenticates each request, yet anyone on the internet may try' : ''),
          ...(open.reach.kind === 'any-account'
            ? { fix: 'Grant lambda:InvokeFunctionUrl to the accounts or roles that call the URL, or add a condition such as aws:PrincipalOrgID.' }
            : publicConditionAdvice(policy, context.settings, context.stack)),
          actions,
          principals: ['*'],
        });
      },
    };
  },
};
