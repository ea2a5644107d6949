/**
 * Access facts as `iamgate diff` compares them: with the statement's condition clauses kept as
 * clauses (to tell a tightened condition from a weakened one), and with in-template logical ids
 * renamed, so that an older version's facts read in the newer version's names once
 * `access-diff-pairing.ts` has paired resources across a rename.
 */
import type { ConditionClause, PolicyScalar } from '../extract/types';
import type { ResolvedString, StringPart } from '../resolve/types';
import type { AccessPrincipal } from './effective-access';
import type { GrantSource } from './grants';
import { factCondition, type AccessFact, type FactAction, type FactResource, type Revocation } from './access-facts';

export interface ComparableFact {
  principal: AccessPrincipal;
  action: FactAction;
  resource: FactResource;
  /** The granting statement's conditions. */
  clauses: readonly ConditionClause[];
  /** What else narrows the grant (a Deny of the same resource policy), as shown. */
  narrowings: readonly string[];
  revokedBy?: Revocation;
  source: GrantSource;
  revokers: readonly GrantSource[];
}

/** A logical id's name in the other version; `undefined` keeps it. */
export type Rename = (logicalId: string) => string | undefined;

/** Names in the other version: this stack's logical ids, and those of other stacks of the scan that `Fn::ImportValue` reaches. */
export interface Renaming {
  local: Rename;
  /** Another stack's new name and a logical id of it; `undefined` keeps them. */
  foreign?: (stack: string, logicalId: string) => { stack: string; logicalId: string } | undefined;
}

/** `${Id}`, `${Id.Attribute}` and `${Stack/Id}` in text as `formatResolvedString` writes references (logical ids are alphanumeric). */
const REFERENCE = /\$\{(?:([^${}/]+)\/)?([A-Za-z0-9]+)(?=[.}])/g;

export function renameText(text: string, renaming: Renaming): string {
  return text.replace(REFERENCE, (whole, stack: string | undefined, id: string) => {
    if (stack === undefined) {
      const renamed = renaming.local(id);
      return renamed === undefined ? whole : `\${${renamed}`;
    }
    const moved = renaming.foreign?.(stack, id);
    return moved === undefined ? whole : `\${${moved.stack}/${moved.logicalId}`;
  });
}

function renamePart(part: StringPart, renaming: Renaming): StringPart {
  if (typeof part === 'string') return renameText(part, renaming);
  if (part.kind !== 'resource') return part;
  if (part.stack === undefined) return { ...part, logicalId: renaming.local(part.logicalId) ?? part.logicalId };
  const moved = renaming.foreign?.(part.stack, part.logicalId);
  return moved === undefined ? part : { ...part, ...moved };
}

export function renameResolved(value: ResolvedString, renaming: Renaming): ResolvedString {
  if (typeof value === 'string') return renameText(value, renaming);
  return value.kind === 'symbolic' ? { kind: 'symbolic', parts: value.parts.map((p) => renamePart(p, renaming)) } : value;
}

const renameScalar = (value: PolicyScalar, renaming: Renaming): PolicyScalar =>
  typeof value === 'number' || typeof value === 'boolean' ? value : renameResolved(value, renaming);

function renamePrincipal(principal: AccessPrincipal, renaming: Renaming): AccessPrincipal {
  if (principal.kind === 'external') {
    const shown = renameText(principal.shown, renaming);
    return { id: shown, kind: 'external', shown };
  }
  const id = renaming.local(principal.id) ?? principal.id;
  return { id, kind: principal.kind, shown: `${principal.kind} ${id}` };
}

function renameResource(resource: FactResource, renaming: Renaming): FactResource {
  return resource.kind === 'pattern'
    ? { kind: 'pattern', value: renameResolved(resource.value, renaming) }
    : { kind: 'all-but', values: resource.values.map((v) => renameResolved(v, renaming)) };
}

const KEEP: Renaming = { local: () => undefined };

/** A fact as the diff compares it, its logical ids renamed when a renaming is given. */
export function comparableFact(fact: AccessFact, renaming: Renaming = KEEP): ComparableFact {
  const clauses = fact.source.statement.conditions;
  const fromClauses = new Set(clauses.map((c) => factCondition(c).shown));
  return {
    principal: renamePrincipal(fact.principal, renaming),
    action: fact.action,
    resource: renameResource(fact.resource, renaming),
    clauses: clauses.map((clause) => ({ ...clause, values: clause.values.map((v) => ({ ...v, value: renameScalar(v.value, renaming) })) })),
    narrowings: fact.conditions.filter((c) => !fromClauses.has(c.shown)).map((c) => renameText(c.shown, renaming)),
    ...(fact.revokedBy ? { revokedBy: fact.revokedBy } : {}),
    source: fact.source,
    revokers: fact.revokers,
  };
}
