/**
 * The `Policies` property of SAM functions and state machines, in every form SAM accepts: a
 * managed policy name or ARN, an inline document (`{Statement: ...}`), a policy template
 * (`{S3ReadPolicy: {BucketName: ...}}`), or a list mixing them.
 */
import type { PolicyProblem, PrincipalTarget } from '../types';
import type { ResourceContext, Site } from '../context';
import { toResolvedString } from '../../resolve';
import { readDocument } from '../document';
import { addManagedReference } from '../references';
import { unknownStatement } from '../statement';
import { alternatives } from '../variants';
import { expandPolicyTemplate, samPolicyTemplate } from './policy-templates';
import { isRecord } from '../../template/values';

export function samPolicies(ctx: ResourceContext, role: PrincipalTarget): void {
  for (const site of ctx.walk('Policies')) {
    const entries = site.node.kind === 'list' ? listEntries(site) : [site];
    for (const entry of entries) samPolicyEntry(ctx, role, entry);
  }
}

function listEntries(site: Site): Site[] {
  if (site.node.kind !== 'list') return [];
  return site.node.items.flatMap((item, index) =>
    alternatives(item, site.when).flatMap((alt) =>
      alt.value ? [{ node: alt.value, when: alt.when, propertyPath: [...site.propertyPath, index] }] : [],
    ),
  );
}

function samPolicyEntry(ctx: ResourceContext, role: PrincipalTarget, entry: Site): void {
  const { node } = entry;
  const value = toResolvedString(node);
  if (value !== undefined) {
    // A name, an ARN or an intrinsic: SAM passes it on as a managed policy ARN.
    const place = { at: node.at, propertyPath: entry.propertyPath, when: entry.when };
    addManagedReference(ctx, { kind: 'managed-policy-reference', value, ...place, attachedTo: [role] });
    return;
  }
  if (node.kind === 'map' && node.entries.has('Statement')) {
    const { statements, problems } = readDocument({ node, when: entry.when, kind: 'identity', format: 'object', property: 'Policies' });
    addIdentity(ctx, role, entry, { statements, problems });
    return;
  }
  const keys = node.kind === 'map' ? [...node.entries.keys()] : [];
  const template = keys.length === 1 ? samPolicyTemplate(keys[0]) : undefined;
  if (template) {
    expandTemplate(ctx, role, entry, keys[0]);
    return;
  }
  const message =
    keys.length === 1
      ? `"${keys[0]}" is not a SAM policy template`
      : `a Policies entry must be a managed policy name or ARN, a policy document with Statement, or one SAM policy template`;
  unreadableEntry(ctx, role, entry, message);
}

/** An entry SAM would reject still counts: it stands for unknown permissions, never for none. */
function unreadableEntry(ctx: ResourceContext, role: PrincipalTarget, entry: Site, message: string, name?: string): void {
  addIdentity(ctx, role, entry, {
    statements: [unknownStatement('identity', message, entry.node.at, [])],
    problems: [{ message, at: entry.node.at }],
    ...(name !== undefined ? { name } : {}),
  });
}

function addIdentity(
  ctx: ResourceContext,
  role: PrincipalTarget,
  entry: Site,
  content: { statements: ReturnType<typeof readDocument>['statements']; problems: PolicyProblem[]; name?: string },
): void {
  ctx.addPolicy({
    kind: 'identity',
    ...(content.name !== undefined ? { name: content.name } : {}),
    propertyPath: entry.propertyPath,
    pointer: entry.node.at,
    when: entry.when,
    attachedTo: [role],
    statements: content.statements,
    problems: content.problems,
  });
}

function expandTemplate(ctx: ResourceContext, role: PrincipalTarget, entry: Site, name: string): void {
  const template = samPolicyTemplate(name)!;
  // The user's parameter values as written: SAM substitutes them before any intrinsic is evaluated.
  const written = ctx.raw(entry.node.at);
  const values = isRecord(written) ? written[name] : undefined;
  if (values !== null && values !== undefined && !isRecord(values)) {
    unreadableEntry(ctx, role, entry, `SAM policy template ${name} takes a map of parameters`, name);
    return;
  }
  const expansion = expandPolicyTemplate(template, isRecord(values) ? values : {});
  if (expansion.missing.length > 0) {
    const message = `SAM policy template ${name} needs parameter ${expansion.missing.join(', ')}; SAM rejects the template without it`;
    unreadableEntry(ctx, role, entry, message, name);
    return;
  }
  const resolved = ctx.resolver.resolveValue(expansion.document, entry.node.at);
  for (const alt of alternatives(resolved, entry.when)) {
    if (!alt.value) continue;
    const { statements, problems } = readDocument({ node: alt.value, when: alt.when, kind: 'identity', format: 'object', property: name });
    addIdentity(ctx, role, { ...entry, when: alt.when }, { statements, problems, name });
  }
}

