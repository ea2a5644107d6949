/**
 * Shared by the rules about who gets in: how to name the resource a policy protects, and the
 * admissions of a statement (computed once per statement, whichever rule asks first).
 */
import type { Policy, Statement } from '../../extract/types';
import type { RuleSettings } from '../types';
import { admissionsOf, type Admission } from '../../analysis/admission';
import { protectedResourceName } from '../../extract/targets';

/** `AWS::S3::Bucket Site`, `role DeployRole`, or the ARN when the resource is not in the template. */
export function protectedName(policy: Policy): string {
  const [first] = policy.resources;
  // A queue or topic policy may protect several: each is named.
  const names = policy.resources.map((r) => protectedResourceName(r) ?? r.resourceType).join(', ');
  if (first?.logicalId) return `${first.resourceType} ${names}`;
  if (first?.arn !== undefined) return names;
  if (policy.kind === 'trust') return `role ${policy.source.logicalId}`;
  return `${policy.source.resourceType} ${policy.source.logicalId}`;
}

const cache = new WeakMap<Statement, { settings: RuleSettings; admissions: Admission[] }>();

/** Who an Allow statement of a resource, trust or permission policy lets in; empty for other statements. */
export function statementAdmissions(statement: Statement, policy: Policy, settings: RuleSettings): Admission[] {
  const cached = cache.get(statement);
  if (cached && cached.settings === settings) return cached.admissions;
  const admissions = admissionsOf(statement, policy, settings);
  cache.set(statement, { settings, admissions });
  return admissions;
}
