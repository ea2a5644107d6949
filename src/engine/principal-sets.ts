/**
 * Groups identity policies by the principal they apply to (DESIGN.md §4). Grouping goes by
 * logical id for in-template principals, never by name strings: two roles may share a name
 * pattern but are never the same principal.
 */
import type { Extraction, Policy, PrincipalEntity, PrincipalTarget } from '../extract/types';
import type { PrincipalPolicySet } from '../rules/types';

const IDENTITY_KINDS: ReadonlySet<Policy['kind']> = new Set(['identity', 'managed-policy-reference']);

export function buildPrincipalSets(extraction: Extraction): PrincipalPolicySet[] {
  const byLogicalId = new Map<string, PrincipalPolicySet>();
  for (const entity of extraction.principals) {
    byLogicalId.set(entity.logicalId, { principal: entity, policies: [], boundaries: [] });
  }
  const targetsOf = (policy: Policy): PrincipalTarget[] => policy.attachedTo.filter((t) => t.logicalId !== undefined);

  const groupPolicies = new Map<string, Policy[]>();
  for (const policy of extraction.policies) {
    const isIdentity = IDENTITY_KINDS.has(policy.kind);
    if (!isIdentity && policy.kind !== 'boundary') continue;
    for (const target of targetsOf(policy)) {
      const set = byLogicalId.get(target.logicalId!);
      if (!set) continue;
      if (policy.kind === 'boundary') set.boundaries.push(policy);
      else set.policies.push(policy);
      if (isIdentity && target.kind === 'group') {
        const list = groupPolicies.get(target.logicalId!) ?? [];
        list.push(policy);
        groupPolicies.set(target.logicalId!, list);
      }
    }
  }

  // A user holds its groups' policies too.
  for (const set of byLogicalId.values()) {
    const entity = set.principal as PrincipalEntity;
    if (entity.kind !== 'user') continue;
    for (const group of entity.groups) {
      if (group.logicalId === undefined) continue;
      for (const policy of groupPolicies.get(group.logicalId) ?? []) {
        if (!set.policies.includes(policy)) set.policies.push(policy);
      }
    }
  }
  return [...byLogicalId.values()];
}
