/**
 * Who a policy attaches to and what a resource policy protects, read from the properties the
 * table names. In-template principals and resources are identified by logical id (DESIGN.md §4).
 */
import type { ResolvedString, ResourceRef } from '../resolve/types';
import type { Policy, PrincipalKind, PrincipalTarget, ProtectedResource } from './types';
import type { ResourceContext, Site } from './context';
import { formatResolvedString, partsOf, toResolvedString } from '../resolve';

/** The principal is the resource itself, or the principals named (or `Ref`ed) by a property. */
export type AttachmentSpec = { kind: PrincipalKind; self: true } | { kind: PrincipalKind; path: string };

/** The resource policy protects the resource itself, or the resource a property names. */
export type ProtectionSpec = { self: true } | { path: string; resourceType: string };

const PRINCIPAL_TYPES: Record<PrincipalKind, string> = {
  role: 'AWS::IAM::Role',
  user: 'AWS::IAM::User',
  group: 'AWS::IAM::Group',
};

/** SAM resources become these CloudFormation types: a reference to either is the same resource. */
const SAM_EQUIVALENTS: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
};

function sameResourceType(a: string, b: string): boolean {
  return (SAM_EQUIVALENTS[a] ?? a) === (SAM_EQUIVALENTS[b] ?? b);
}

/** The one in-template resource of the given type a string refers to, if it refers to exactly one. */
export function referencedResource(value: ResolvedString, resourceType: string): ResourceRef | undefined {
  const refs = partsOf(value).filter(
    (p): p is ResourceRef => typeof p !== 'string' && p.kind === 'resource' && sameResourceType(p.resourceType, resourceType),
  );
  return refs.length > 0 && refs.every((r) => r.logicalId === refs[0].logicalId) ? refs[0] : undefined;
}

export function attachmentTargets(ctx: ResourceContext, specs: readonly AttachmentSpec[]): PrincipalTarget[] {
  const targets: PrincipalTarget[] = [];
  for (const spec of specs) {
    if ('self' in spec) targets.push({ kind: spec.kind, logicalId: ctx.logicalId });
    else for (const site of ctx.walk(spec.path)) targets.push(principalTarget(spec.kind, site));
  }
  return targets;
}

/**
 * A principal named by a property value: by logical id when the value refers to an in-template
 * principal (the resolver also knows the roles the SAM transform generates).
 */
export function principalTarget(kind: PrincipalKind, site: Site): PrincipalTarget {
  const value = toResolvedString(site.node) ?? { kind: 'unknown', reason: `not a ${kind} name` };
  const ref = referencedResource(value, PRINCIPAL_TYPES[kind]);
  return ref ? { kind, logicalId: ref.logicalId } : { kind, name: value };
}

/** The resources a resource policy protects: every one a list names (`Queues[*]`). */
export function protectedResources(ctx: ResourceContext, spec: ProtectionSpec): ProtectedResource[] {
  if ('self' in spec) return [{ resourceType: ctx.resourceType, logicalId: ctx.logicalId }];
  return ctx.walk(spec.path).map((site) => namedResource(toResolvedString(site.node) ?? { kind: 'unknown', reason: `${spec.path} is not a string` }, spec.resourceType));
}

/** The resource type a resource, trust or permission policy protects (a list protected together is of one type). */
export function protectedTypeOf(policy: Policy): string {
  return policy.resources[0]?.resourceType ?? policy.source.resourceType;
}

/** How reports name a protected resource: its logical id, else its ARN or name as written. */
export function protectedResourceName(resource: ProtectedResource): string | undefined {
  return resource.logicalId ?? (resource.arn !== undefined ? formatResolvedString(resource.arn) : undefined);
}

/** A resource named by a name, ARN or reference. */
export function namedResource(value: ResolvedString, resourceType: string): ProtectedResource {
  const ref = referencedResource(value, resourceType);
  return ref
    ? { resourceType: ref.resourceType, logicalId: ref.logicalId, arn: value }
    : { resourceType, arn: value };
}
