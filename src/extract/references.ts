/**
 * Managed-policy references (`ManagedPolicyArns`, SAM policy names, permissions boundaries):
 * resolved to the AWS-managed document, or to the in-template `AWS::IAM::ManagedPolicy`
 * (DESIGN.md §3). Anything else cannot be verified and says so with `resolved: false`.
 */
import type { JsonPointer } from '../template/types';
import type { Assumption, ResolvedString } from '../resolve/types';
import type { PrincipalTarget } from './types';
import type { ResourceContext, Site } from './context';
import { toResolvedString } from '../resolve';
import { sharedDocumentAt } from './shared-documents';
import { referencedResource } from './targets';
import { addedAssumptions } from './variants';

export interface ReferenceInput {
  kind: 'managed-policy-reference' | 'boundary';
  /** The ARN, name or reference as written (resolved). */
  value: ResolvedString;
  /** The entry that attaches it: every statement of the referenced document points here. */
  at: JsonPointer;
  propertyPath: (string | number)[];
  when: Assumption[];
  attachedTo: PrincipalTarget[];
  discriminator?: string;
}

/**
 * An empty name stands for "none" in the usual `!If [HasBoundary, !Ref Boundary, !Ref AWS::NoValue]`
 * pattern (the parameter's default is ''): in the branch that uses it, the real value is not known.
 */
export function referenceValue(value: ResolvedString): ResolvedString {
  return value === '' ? { kind: 'unknown', reason: 'an empty policy ARN: the value this branch uses is not known statically' } : value;
}

/**
 * The permissions boundary a principal has in every branch, if any. A boundary chosen by
 * `Fn::If` may be absent, and only what is certain may restrict (DESIGN.md §2).
 */
export function certainBoundary(ctx: ResourceContext, sites: readonly Site[]): ResolvedString | undefined {
  if (sites.length !== 1 || addedAssumptions(sites[0].when, ctx.when).length > 0) return undefined;
  return referenceValue(toResolvedString(sites[0].node) ?? { kind: 'unknown', reason: 'a permissions boundary that is not a string' });
}

export function addManagedReference(ctx: ResourceContext, input: ReferenceInput): void {
  const { kind, at, propertyPath, when, attachedTo, discriminator } = input;
  const value = referenceValue(input.value);
  const common = { kind, propertyPath, pointer: at, when, attachedTo, ...(discriminator ? { discriminator } : {}) };
  const inTemplate = referencedResource(value, 'AWS::IAM::ManagedPolicy');
  if (inTemplate) {
    // Its statements stay on the ManagedPolicy resource; linking adds these principals to it.
    ctx.addPolicy({ ...common, managed: { arn: value, logicalId: inTemplate.logicalId, resolved: true }, statements: [], problems: [] });
    return;
  }
  const found = typeof value === 'object' && value.kind === 'unknown' ? undefined : ctx.scope.options.awsManagedPolicy(value);
  if (!found) {
    ctx.addPolicy({ ...common, managed: { arn: value, resolved: false }, statements: [], problems: [] });
    return;
  }
  const document = sharedDocumentAt(found.document, kind, found.name, at);
  ctx.addPolicy({
    ...common,
    name: found.name,
    managed: { arn: found.arn, awsManagedName: found.name, resolved: true },
    statements: document.statements,
    problems: document.problems,
  });
}
