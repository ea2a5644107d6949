import type { LoadedTemplate } from '../../src/template/types';
import type { Policy, Statement } from '../../src/extract/types';
import type { AccessInput } from '../../src/analysis/effective-access';
import type { TrustSettings } from '../../src/analysis/principals';
import { scanTemplate } from '../../src/engine/scan';
import { buildPrincipalSets } from '../../src/engine/principal-sets';
import { stackResources } from '../../src/engine/stack-resources';
import { createResolver } from '../../src/resolve';

export const NO_TRUST: TrustSettings = { trustedAccounts: [], trustedOrganizations: [] };

export interface Analyzed {
  input: AccessInput;
  template: LoadedTemplate;
}

/** A template through the real pipeline (no rules), as the access engine sees it. */
export function analyze(text: string, trust: TrustSettings = NO_TRUST): Analyzed {
  let analyzed: Analyzed | undefined;
  const result = scanTemplate(text, {
    file: 'stack.yaml',
    rules: [],
    onTemplate: (analysis, template) => {
      analyzed = {
        template,
        input: {
          extraction: analysis.extraction,
          principals: buildPrincipalSets(analysis.extraction),
          resources: stackResources(template, createResolver(template, {})),
          trust,
        },
      };
    },
  });
  if (!analyzed || result.errors.length > 0) throw new Error(`template did not analyze: ${JSON.stringify(result.errors)}`);
  return analyzed;
}

/** The policy written in a resource, and its statement at an index. */
export function statementOf(analyzed: Analyzed, logicalId: string, index = 0): { policy: Policy; statement: Statement } {
  const policy = analyzed.input.extraction.policies.find((p) => p.source.logicalId === logicalId);
  const statement = policy?.statements.find((s) => s.index === index);
  if (!policy || !statement) throw new Error(`no statement ${index} in ${logicalId}`);
  return { policy, statement };
}

/** A bucket policy with the given statements (YAML, indented for `Statement:`). */
export function bucketPolicy(statements: string): string {
  return `
Resources:
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements}
`;
}
