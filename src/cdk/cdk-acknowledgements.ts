/**
 * CDK's own acknowledgements, `Validations.of(scope).acknowledge({ id: 'iamgate::<rule-id>', reason })`.
 * CDK records them as construct metadata and applies them itself to the Validator's report; the
 * Aspect reports through annotations, so it reads them here and marks the findings suppressed.
 */
import type { IConstruct } from 'constructs';
import type { Finding } from '../rules/types';

/** The metadata key of `Validations.ACKNOWLEDGED_RULES_METADATA_KEY` (kept literal: older aws-cdk-lib lacks the class). */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

/** The Validator's name, which is also the namespace of its rule ids in CDK acknowledgements. */
export const PLUGIN_NAME = 'iamgate';

/**
 * `iamgate::<rule>` as for the Validator; `Annotation::<rule>` is what CDK makes of an id
 * acknowledged without a namespace, as for any annotation.
 */
const NAMESPACES = [PLUGIN_NAME, 'Annotation'];

export function qualifiedRuleId(ruleId: string): string {
  return `${PLUGIN_NAME}::${ruleId}`;
}

/** The closest acknowledgement of `ruleId` on the construct or an ancestor, as CDK looks them up. */
function cdkAcknowledgement(construct: IConstruct, ruleId: string): { reason: string; at: string } | undefined {
  const ids = NAMESPACES.map((namespace) => `${namespace}::${ruleId}`);
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of scope.node.metadata) {
      if (entry.type !== ACKNOWLEDGED_RULES || typeof entry.data !== 'object' || entry.data === null) continue;
      const acknowledged = entry.data as Record<string, unknown>;
      const reason = ids.map((id) => acknowledged[id]).find((value): value is string => typeof value === 'string');
      if (reason !== undefined) return { reason, at: scope.node.path };
    }
  }
  return undefined;
}

/** The finding, suppressed when CDK acknowledged its rule for the construct; template suppressions come first. */
export function withCdkAcknowledgement(finding: Finding, construct: IConstruct | undefined): Finding {
  if (finding.suppressed || construct === undefined) return finding;
  const acknowledged = cdkAcknowledgement(construct, finding.ruleId);
  if (acknowledged === undefined) return finding;
  return { ...finding, suppressed: { source: `cdk acknowledgement at ${acknowledged.at}`, reason: acknowledged.reason } };
}
