import type { Rule } from './types';
import { docsUrl } from './docs';

const ID = 'malformed-policy';

/** Structural problems extraction found in a policy document: it may not deploy, or not mean what its author thinks. */
export const malformedPolicy: Rule = {
  meta: {
    id: ID,
    title: 'Malformed policy document',
    defaultSeverity: 'warning',
    rationale:
      'A policy document with a wrong Version, a statement that is not an object, a missing Effect, both Action and NotAction, an unknown key, a Resource in a trust policy (the role is its resource; IAM refuses one), a wildcard inside a principal (`arn:aws:iam::*:root`: IAM takes "*" alone for everyone), a document given as an object where CloudFormation expects a JSON string, or a document whose content is not known statically (also what a macro makes: Fn::Transform such as AWS::Include written as a key of Resources, a resource whose whole Properties one writes, and a template-level Transform other than SAM and AWS::LanguageExtensions, which iamgate applies itself) is either rejected at deploy time or read differently from what its author meant (a statement without Effect is read as Allow here, the worst case). ' +
      'These are warnings, not errors: some of them CloudFormation or IAM accept, and a document that cannot be read is still analyzed as far as it can be. Every policy kind is read. ' +
      'A number, null, list or object where IAM takes only a string (Version, Effect, Action, Resource and their Not forms) is not reported here: IAM refuses such a document, so the scan reports it as an input error at its position and exits 2, whatever --fail-on says.',
    fix: 'Write the document as {Version: "2012-10-17", Statement: [...]} with each statement an object holding Effect, Action (or NotAction) and, for identity policies, Resource.',
    docsUrl: docsUrl(ID),
    examples: {
      bad: `PolicyDocument:
  Version: '2012-10-17'
  Statement:
    - Action: s3:GetObject
      Resource: !Sub '\${Bucket.Arn}/*'`,
      good: `PolicyDocument:
  Version: '2012-10-17'
  Statement:
    - Effect: Allow
      Action: s3:GetObject
      Resource: !Sub '\${Bucket.Arn}/*'`,
    },
  },
  create(context) {
    return {
      policy(policy) {
        // What IAM refuses outright is an input error of the scan (exit 2), not a finding.
        for (const problem of policy.problems) {
          if (problem.rejected) continue;
          context.report({ policy, at: problem.at, message: problem.message, ...(problem.fix !== undefined ? { fix: problem.fix } : {}) });
        }
      },
    };
  },
};
