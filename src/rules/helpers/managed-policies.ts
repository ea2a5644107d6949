import type { Policy } from '../../extract/types';
import type { RuleSettings } from '../types';

/**
 * Whether the team accepted this AWS-managed policy (config `allowedManagedPolicies`). Entries
 * may be written as the name (`ReadOnlyAccess`), with its path (`job-function/ViewOnlyAccess`)
 * or as the ARN; names compare case-insensitively.
 */
export function isAcceptedManagedPolicy(policy: Policy, settings: RuleSettings): boolean {
  const name = policy.managed?.awsManagedName;
  if (name === undefined) return false;
  const wanted = name.toLowerCase();
  return settings.allowedManagedPolicies.some((entry) => entry.toLowerCase().split('/').pop() === wanted);
}
