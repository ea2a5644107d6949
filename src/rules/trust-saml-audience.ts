import type { Rule } from './types';
import { allowRequirements } from '../analysis/conditions';
import { federatedProvider } from '../analysis/federation';
import { docsUrl } from './docs';
import { protectedName } from './helpers/access-policies';
import { describePrincipal } from './helpers/principals';
import { displayAll } from './helpers/statements';

const ID = 'trust-saml-audience';

/** Whether the statement lets SAML sessions in: `sts:AssumeRoleWithSAML`, or a wildcard over it. */
function grantsSaml(actions: readonly string[]): boolean {
  return actions.some((a) => /^(\*|sts:\*|sts:assumerolewith\*|sts:assumerolewithsaml)$/i.test(a.trim()));
}

/** A role trusted by a SAML provider without `SAML:aud`: assertions meant for another endpoint are accepted too. */
export const trustSamlAudience: Rule = {
  meta: {
    id: ID,
    title: 'SAML trust without an audience condition',
    defaultSeverity: 'warning',
    rationale:
      'A SAML assertion names the service provider it was issued for in its audience. A trust policy for a SAML provider that does not require SAML:aud (https://signin.aws.amazon.com/saml for the console, or your regional sign-in endpoint) accepts assertions the identity provider issued for other endpoints too. AWS adds the condition in every trust policy it generates for SAML federation; without it, review whether the role can be reached with an assertion meant for something else.',
    fix: 'Add Condition StringEquals SAML:aud: https://signin.aws.amazon.com/saml (or the sign-in endpoint you use).',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      Federated: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:saml-provider/Okta'
    Action: sts:AssumeRoleWithSAML`,
      good: `# AWS::IAM::Role AssumeRolePolicyDocument
Statement:
  - Effect: Allow
    Principal:
      Federated: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:saml-provider/Okta'
    Action: sts:AssumeRoleWithSAML
    Condition:
      StringEquals:
        SAML:aud: https://signin.aws.amazon.com/saml`,
    },
  },
  create(context) {
    return {
      statement(statement, policy) {
        if (policy.kind !== 'trust' || statement.effect !== 'Allow') return;
        const actions = displayAll(statement.actions ?? statement.notActions);
        for (const principal of statement.principals ?? []) {
          if (principal.value.type !== 'federated') continue;
          const provider = federatedProvider(principal.value.provider);
          if (provider.kind !== 'saml' && !(provider.kind === 'unknown' && grantsSaml(actions))) continue;
          if (allowRequirements(statement).some((r) => r.key === 'saml:aud')) continue;
          const name = provider.kind === 'saml' ? `SAML provider ${provider.name}` : `the SAML provider ${provider.shown}`;
          context.report({
            policy,
            statement,
            at: principal.at,
            message: `trusts ${name} without a SAML:aud condition: assertions issued for other endpoints can assume ${protectedName(policy)}`,
            actions,
            principals: [describePrincipal(principal.value)],
          });
        }
      },
    };
  },
};
