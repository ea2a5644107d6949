import type { Located, Policy, Principal, Statement } from '../extract/types';
import type { Rule, RuleContext, Severity } from './types';
import type { Requirement } from '../analysis/conditions';
import { allowRequirements } from '../analysis/conditions';
import { federatedProvider, githubSubjectAdmitsAnyRepository, type FederatedProvider } from '../analysis/federation';
import { parseConditionOperator } from '../iam';
import { docsUrl } from './docs';
import { protectedName } from './helpers/access-policies';
import { describePrincipal } from './helpers/principals';
import { displayAll, mayGrantAction } from './helpers/statements';

const ID = 'trust-oidc-unscoped';

/** The requirement a statement places on a claim of the provider (`HOST:sub`), if any. */
function claim(requirements: readonly Requirement[], host: string | undefined, name: string): Requirement | undefined {
  const suffix = `:${name}`;
  return requirements.find((r) => r.key.endsWith(suffix) && (host === undefined || r.key === `${host.toLowerCase()}${suffix}`));
}

interface Problem {
  severity: Severity;
  message: string;
  fix: string;
  at: string;
}

function githubProblems(host: string, requirements: readonly Requirement[], principalAt: string, role: string): Problem[] {
  const problems: Problem[] = [];
  const pin = `StringEquals ${host}:sub: repo:OWNER/REPOSITORY:ref:refs/heads/main (or :environment:NAME)`;
  const sub = claim(requirements, host, 'sub');
  if (!sub) {
    problems.push({
      severity: 'error',
      message: `trusts GitHub Actions (${host}) with no ${host}:sub condition: a workflow in any repository on GitHub can assume ${role}`,
      fix: `Add ${pin}.`,
      at: principalAt,
    });
  } else if (sub.verdict === 'unknown') {
    problems.push({ severity: 'warning', message: `trusts GitHub Actions (${host}) with a ${host}:sub value not known statically: it may admit any repository`, fix: `Pin ${pin}.`, at: sub.clause.at });
  } else {
    const wildcards = parseConditionOperator(sub.clause.operator)?.wildcards ?? false;
    const open = sub.values.find((v) => typeof v.value === 'string' && githubSubjectAdmitsAnyRepository(v.value, wildcards));
    if (open) {
      problems.push({
        severity: 'error',
        message: `trusts GitHub Actions (${host}) for sub "${String(open.value)}", which admits workflows of any repository owner`,
        fix: `Name your organization and repository: ${pin}.`,
        at: open.at,
      });
    }
  }
  return problems;
}

/** An IAM OIDC provider already checks the audience against its client id list: a missing `aud` is for review. */
function audienceProblem(provider: FederatedProvider & { host: string }, requirements: readonly Requirement[], principalAt: string): Problem | undefined {
  if (claim(requirements, provider.host, 'aud')) return undefined;
  const builtIn = provider.kind === 'cognito' || provider.kind === 'web-identity';
  return {
    severity: builtIn ? 'error' : 'warning',
    message: builtIn
      ? `trusts ${provider.host} with no ${provider.host}:aud condition: identities of any ${provider.kind === 'cognito' ? 'identity pool' : 'application'} can assume the role`
      : `trusts ${provider.host} with no ${provider.host}:aud condition: any audience the provider registers may assume the role`,
    fix: `Add StringEquals ${provider.host}:aud: ${provider.kind === 'cognito' ? 'the identity pool id' : provider.kind === 'web-identity' ? 'your application id' : 'sts.amazonaws.com'}.`,
    at: principalAt,
  };
}

const optional = (problem: Problem | undefined): Problem[] => (problem ? [problem] : []);

/**
 * A sub pattern that admits an EKS cluster's service accounts of every namespace
 * (`system:serviceaccount:*:*`) lets any workload of the cluster in: to review. (A bare `*` is no
 * condition at all, and reads as none.)
 */
function wildcardSubject(sub: Requirement, shown: string, role: string, pin: string): Problem | undefined {
  if (sub.verdict === 'unknown' || !(parseConditionOperator(sub.clause.operator)?.wildcards ?? false)) return undefined;
  const everyNamespace = sub.values.find((v) => typeof v.value === 'string' && /^system:serviceaccount:[^:]*[*?]/.test(v.value));
  if (!everyNamespace) return undefined;
  return {
    severity: 'warning',
    message: `trusts ${shown} for sub "${String(everyNamespace.value)}": service accounts of every namespace of the cluster can assume ${role}`,
    fix: `Pin ${pin}.`,
    at: everyNamespace.at,
  };
}

function problemsFor(provider: FederatedProvider, requirements: readonly Requirement[], principalAt: string, role: string): Problem[] {
  switch (provider.kind) {
    case 'github':
      return [...githubProblems(provider.host, requirements, principalAt, role), ...optional(audienceProblem(provider, requirements, principalAt))];
    case 'cognito': {
      const aud = claim(requirements, provider.host, 'aud') !== undefined;
      const amr = claim(requirements, provider.host, 'amr') !== undefined;
      if (aud && amr) return [];
      const missing = [...(aud ? [] : [`${provider.host}:aud`]), ...(amr ? [] : [`${provider.host}:amr`])];
      const who = !aud ? `identities of any identity pool${amr ? '' : ', signed in or guests,'}` : 'guest (unauthenticated) identities of the pool, not only signed-in ones,';
      return [
        {
          severity: 'error',
          message: `trusts Cognito identities with no ${missing.join(' or ')} condition: ${who} can assume ${role}`,
          fix: `Add StringEquals ${provider.host}:aud: the identity pool id, and ForAnyValue:StringLike ${provider.host}:amr: authenticated (or unauthenticated for a guest role).`,
          at: principalAt,
        },
      ];
    }
    case 'web-identity':
      return optional(audienceProblem(provider, requirements, principalAt));
    case 'oidc':
    case 'unknown': {
      const host = provider.kind === 'oidc' ? provider.host : undefined;
      const shown = host ?? `the provider ${provider.kind === 'unknown' ? provider.shown : ''}`;
      const problems: Problem[] = [];
      const sub = claim(requirements, host, 'sub');
      const pin = `StringEquals ${host ?? 'PROVIDER'}:sub naming the workload (for EKS: system:serviceaccount:NAMESPACE:NAME)`;
      if (!sub) {
        problems.push({
          severity: 'error',
          message: `trusts ${shown} with no ${host ?? 'PROVIDER'}:sub condition: every identity the provider issues tokens to can assume ${role}`,
          fix: `Add ${pin}.`,
          at: principalAt,
        });
      } else {
        problems.push(...optional(wildcardSubject(sub, shown, role, pin)));
      }
      return provider.kind === 'oidc' ? [...problems, ...optional(audienceProblem(provider, requirements, principalAt))] : problems;
    }
    case 'saml':
      return [];
  }
}

function check(context: RuleContext, statement: Statement, policy: Policy, principal: Located<Principal>): void {
  if (principal.value.type !== 'federated') return;
  const provider = federatedProvider(principal.value.provider);
  if (provider.kind === 'saml' || (provider.kind === 'unknown' && !mayGrantAction(statement, 'sts:AssumeRoleWithWebIdentity'))) return;
  const requirements = allowRequirements(statement);
  for (const problem of problemsFor(provider, requirements, principal.at, protectedName(policy))) {
    context.report({
      policy,
      statement,
      at: problem.at,
      severity: problem.severity,
      message: problem.message,
      fix: problem.fix,
      actions: displayAll(statement.actions ?? statement.notActions),
      principals: [describePrincipal(principal.value)],
    });
  }
}

/** A role trusted by an OIDC provider without the claims that say which workload may assume it. */
export const trustOidcUnscoped: Rule = {
  meta: {
    id: ID,
    title: 'OIDC trust without subject or audience',
    defaultSeverity: 'error',
    rationale:
      "A role that trusts an OIDC identity provider can be assumed by whoever holds a token from it. GitHub Actions issues tokens to every workflow of every repository on GitHub: without a token.actions.githubusercontent.com:sub condition naming your repository (or with one whose owner is a wildcard, such as repo:*), anyone's workflow can assume the role. The same holds for other IAM OIDC providers (EKS clusters, GitLab, ...) without a sub condition; a sub pattern that admits an EKS cluster's service accounts of every namespace (system:serviceaccount:*:*) lets any workload of the cluster in, a warning. Cognito identity pools and the social providers built into STS (Google, Facebook, Login with Amazon) register no audiences, so the aud condition (and for Cognito, amr) is what ties the role to your pool or app: missing, it is an error. An IAM OIDC provider checks the token's audience against its own client id list, so a missing aud condition there is a warning, not an error. Values not known statically are warnings.",
    fix: 'Pin the subject (repo:OWNER/REPOSITORY:ref:refs/heads/BRANCH for GitHub, system:serviceaccount:NS:NAME for EKS) and the audience with StringEquals conditions.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      Federated: !Ref GitHubOidcProvider
    Action: sts:AssumeRoleWithWebIdentity
    Condition:
      StringEquals:
        token.actions.githubusercontent.com:aud: sts.amazonaws.com`,
      good: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      Federated: !Ref GitHubOidcProvider
    Action: sts:AssumeRoleWithWebIdentity
    Condition:
      StringEquals:
        token.actions.githubusercontent.com:aud: sts.amazonaws.com
        token.actions.githubusercontent.com:sub: repo:example-org/payments:ref:refs/heads/main`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (policy.kind !== 'trust' || statement.effect !== 'Allow') return;
        for (const principal of statement.principals ?? []) check(context, statement, policy, principal);
      },
    };
  },
};
