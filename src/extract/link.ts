/**
 * What can only be settled once every resource is extracted: which principals an in-template
 * managed policy attaches to, the documents of in-template boundaries, and group memberships
 * declared by `UserToGroupAddition`.
 */
import type { Policy, PrincipalTarget } from './types';
import type { TemplateScope } from './context';
import { addedAssumptions } from './variants';
import { isRecord } from '../template/values';

const DOMAIN_TYPES: ReadonlySet<string> = new Set(['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain']);

/**
 * Domains placed in a VPC in every branch (`VPCOptions` written out, not under `Fn::If`): their
 * policies, wherever written (the domain's own property, CDK's custom resource), protect a
 * resource only the VPC reaches. Domains with fine-grained access control on (in every branch)
 * authenticate each request themselves, whatever the access policy admits.
 */
function markDomainAccess(scope: TemplateScope): void {
  const resources = isRecord(scope.template.body.Resources) ? scope.template.body.Resources : {};
  const domainProperty = (logicalId: string, name: string) => {
    const resource = resources[logicalId];
    if (!isRecord(resource) || !DOMAIN_TYPES.has(String(resource.Type)) || resource.Condition !== undefined) return undefined;
    const value = isRecord(resource.Properties) ? resource.Properties[name] : undefined;
    return isRecord(value) && Object.keys(value).every((key) => !key.startsWith('Fn::')) ? value : undefined;
  };
  for (const policy of scope.policies) {
    for (const resource of policy.resources) {
      if (resource.logicalId === undefined) continue;
      if (domainProperty(resource.logicalId, 'VPCOptions')?.SubnetIds !== undefined) resource.vpcOnly = true;
      const enabled = domainProperty(resource.logicalId, 'AdvancedSecurityOptions')?.Enabled;
      if (enabled === true || enabled === 'true') resource.authenticatesRequests = true;
    }
  }
}

function sameTarget(a: PrincipalTarget, b: PrincipalTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.logicalId !== undefined || b.logicalId !== undefined) return a.logicalId === b.logicalId;
  return JSON.stringify(a.name) === JSON.stringify(b.name);
}

function addTargets(list: PrincipalTarget[], more: readonly PrincipalTarget[]): void {
  for (const target of more) if (!list.some((t) => sameTarget(t, target))) list.push(target);
}

export function linkExtraction(scope: TemplateScope): void {
  const managedPolicies = new Map<string, Policy[]>();
  for (const policy of scope.policies) {
    if (policy.source.resourceType !== 'AWS::IAM::ManagedPolicy' || policy.kind !== 'identity') continue;
    managedPolicies.set(policy.source.logicalId, [...(managedPolicies.get(policy.source.logicalId) ?? []), policy]);
  }
  for (const reference of scope.policies) {
    const logicalId = reference.managed?.logicalId;
    if (logicalId === undefined) continue;
    const documents = managedPolicies.get(logicalId) ?? [];
    reference.managed!.resolved = documents.length > 0;
    if (reference.kind === 'managed-policy-reference') {
      for (const document of documents) addTargets(document.attachedTo, reference.attachedTo);
    } else {
      // A boundary is not a grant: its document is copied, never attached as an identity policy.
      for (const document of documents) {
        const documentWhen = addedAssumptions(document.when, reference.when);
        reference.statements.push(...document.statements.map((s) => ({ ...s, when: [...documentWhen, ...s.when] })));
      }
    }
  }
  markDomainAccess(scope);
  for (const { group, users } of scope.memberships) {
    for (const entity of scope.principals) {
      if (entity.kind !== 'user') continue;
      if (users.some((u) => u.logicalId === entity.logicalId)) addTargets(entity.groups, [group]);
    }
  }
}
