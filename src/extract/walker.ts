/**
 * The one generic interpreter of the policy table: for each row, find every place its path
 * reaches and turn it into a `Policy`.
 */
import type { ResolvedString } from '../resolve/types';
import type { ResourceContext, Site } from './context';
import type { DocumentSpec, PolicySpec, ReferenceSpec, ResourceSpec } from './table';
import { concatParts, partsOf, toResolvedString } from '../resolve';
import { readDocument } from './document';
import { addManagedReference, certainBoundary } from './references';
import { attachmentTargets, principalTarget, protectedResources } from './targets';

export function extractResource(ctx: ResourceContext, spec: ResourceSpec): void {
  if (spec.principal) addPrincipalEntity(ctx, spec.principal);
  for (const policy of spec.policies) applySpec(ctx, policy);
}

function applySpec(ctx: ResourceContext, spec: PolicySpec): void {
  if ('extract' in spec) spec.extract(ctx);
  else if ('names' in spec) applyReference(ctx, spec);
  else applyDocument(ctx, spec);
}

export function applyDocument(ctx: ResourceContext, spec: DocumentSpec): void {
  const property = spec.path.split('.').pop()!.replace('[*]', '');
  for (const site of ctx.walk(spec.path)) {
    const document = readDocument({ node: site.node, when: site.when, kind: spec.kind, format: spec.format, property });
    const name = spec.name !== undefined ? ctx.readString(spec.name, site.element) : undefined;
    const resources = spec.protects ? protectedResources(ctx, spec.protects) : [];
    ctx.addPolicy({
      kind: spec.kind,
      ...(name !== undefined ? { name } : {}),
      propertyPath: site.propertyPath,
      pointer: site.node.at,
      when: site.when,
      attachedTo: attachmentTargets(ctx, spec.attachesTo ?? []),
      resources,
      statements: document.statements,
      problems: document.problems,
    });
  }
}

function applyReference(ctx: ResourceContext, spec: ReferenceSpec): void {
  for (const site of ctx.walk(spec.path)) {
    addManagedReference(ctx, {
      kind: spec.kind,
      value: spec.names === 'arn' ? referenceString(site) : customerManagedName(ctx, site),
      at: site.node.at,
      propertyPath: site.propertyPath,
      when: site.when,
      attachedTo: attachmentTargets(ctx, spec.attachesTo),
    });
  }
}

function referenceString(site: Site): ResolvedString {
  return toResolvedString(site.node) ?? { kind: 'unknown', reason: 'a managed policy reference that is not a string' };
}

/** IAM Identity Center names a customer-managed policy in each member account by path and name. */
function customerManagedName(ctx: ResourceContext, site: Site): ResolvedString {
  const name = ctx.readString('Name', site) ?? { kind: 'unknown', reason: 'customer-managed policy reference without Name' };
  const path = ctx.readString('Path', site) ?? '/';
  return concatParts([...partsOf(path), ...partsOf(name)]);
}

function addPrincipalEntity(ctx: ResourceContext, spec: NonNullable<ResourceSpec['principal']>): void {
  const boundary = spec.boundary !== undefined ? certainBoundary(ctx, ctx.walk(spec.boundary)) : undefined;
  ctx.addPrincipal({
    kind: spec.kind,
    logicalId: ctx.logicalId,
    resourceType: ctx.resourceType,
    groups: spec.groups !== undefined ? ctx.walk(spec.groups).map((site) => principalTarget('group', site)) : [],
    ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
  });
}
