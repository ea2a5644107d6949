/**
 * Which resource of the older version is which of the newer one, so that `iamgate diff` compares
 * a role with itself after its logical id changed (a CDK construct moved, a template tidied up).
 *
 * Evidence, strongest first:
 * 1. the same logical id and type: CloudFormation's own notion of "the same resource";
 * 2. the same physical name (`RoleName`, `BucketName`, ... as written): AWS's notion of it;
 * 3. the same access: every fact that names it, as principal or resource, reads the same once
 *    the other resources are paired (a renamed role with identical policies);
 * 4. the same definition: its `Properties` read the same, references through the pairing (a CDK
 *    role whose trust policy and managed policies are unchanged while its separate
 *    `DefaultPolicy` changed: the diff then shows what that policy adds).
 * Pairing one resource can make others read the same, so the steps repeat until nothing more
 * pairs. Candidates always share the resource type. Proof is one older and one newer resource
 * reading alike. Several that read alike are interchangeable as far as the evidence goes: when
 * no proof is left, one of them pairs (in template order) and proof is looked for again, so
 * that the resources they reference pair consistently with them (two buckets and their two log
 * buckets pair as two matching couples, whichever way round).
 *
 * Nothing is paired without such evidence (being the only role left on both sides, or at the
 * same place in the template, is not): a wrong pairing could hide access the newer resource
 * gets, while a missed one only shows all of that resource's access as new. A gate should
 * over-report rather than guess. What was paired under another name is listed in the report, so
 * a reviewer can check it.
 */
import type { TemplateObject, TemplateValue } from '../template/types';
import { ARN_SHAPES, type ShapePiece } from '../resolve/arn-shapes';
import { valueAtPath } from '../resolve/context';
import { describeFactResource, type AccessFact } from './access-facts';
import { renameText, type Rename } from './access-diff-facts';
import { isRecord } from '../template/values';

export type PairingEvidence = 'name' | 'access' | 'definition';

interface IdentityResource {
  logicalId: string;
  type: string;
  /** Signatures with logical-id references as markers, read through the pairing when compared. */
  name?: string;
  definition?: string;
  /** Facts that name it, as principal or in their resource or conditions. */
  access: string[];
}

/** One version of a stack as pairing needs it, built while its template is in memory. */
export interface StackIdentity {
  /** In template order. */
  resources: IdentityResource[];
}

export interface RenamedResource {
  type: string;
  from: string;
  to: string;
  by: PairingEvidence;
}

export interface Pairing {
  /** Older logical id → newer name: its partner, or itself (marked when the newer version reuses the id for another resource). */
  rename: Rename;
  /** Resources paired under another logical id. */
  renamed: RenamedResource[];
  /** In-template principals of the older version, in the newer names. */
  principalsBefore: ReadonlySet<string>;
}

const MARK = '\u0000';
/** How evidence reads a reference to a resource not paired yet. */
const UNPAIRED = '\u0001';
const MARKED = /\u0000([A-Za-z0-9]+)\u0000/g;
const PRINCIPAL_TYPES: Readonly<Record<string, string>> = { role: 'AWS::IAM::Role', user: 'AWS::IAM::User', group: 'AWS::IAM::Group' };


const mark = (id: string): string => `${MARK}${id}${MARK}`;

/**
 * `${Id}` and `${Id.Attribute}` of known logical ids as markers. A resource of another stack
 * (`${Stack/Id}`) reads as any resource of that stack: its own pairing is not known here.
 */
const markText = (text: string, ids: ReadonlySet<string>): string =>
  renameText(text, { local: (id) => (ids.has(id) ? mark(id) : undefined), foreign: (stack) => ({ stack, logicalId: '?' }) });

/** Sorts by what an element says apart from which resources it names, so that order written does not count. */
const unordered = (elements: string[]): string[] => {
  const key = (text: string) => text.replace(MARKED, MARK);
  return elements.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
};

/**
 * Canonical JSON of a template value (keys sorted, list elements too), references to resources
 * as markers. Sorting lists loses little: two resources that differ only in the order of a list
 * are rare, and reordering a policy's actions must not make a resource unrecognizable.
 */
function signature(value: TemplateValue | undefined, ids: ReadonlySet<string>): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${unordered(value.map((v) => signature(v, ids))).join(',')}]`;
  if (!isRecord(value)) return typeof value === 'string' ? markText(JSON.stringify(value), ids) : JSON.stringify(value);
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const argument = value[key];
    if (key === 'Ref' && typeof argument === 'string' && ids.has(argument)) return `{"Ref":${mark(argument)}}`;
    if (key === 'Fn::GetAtt') {
      const [id, ...attribute] = typeof argument === 'string' ? argument.split('.') : Array.isArray(argument) ? argument.map(String) : [];
      if (id !== undefined && ids.has(id)) return `{"Fn::GetAtt":${mark(id)}.${JSON.stringify(attribute.join('.'))}}`;
    }
  }
  return `{${keys
    .sort()
    .map((key) => `${JSON.stringify(key)}:${signature(value[key], ids)}`)
    .join(',')}}`;
}

/** The property that holds a type's physical name, from the identity shapes the resolver uses. */
function nameProperty(type: string): string | undefined {
  if (!Object.hasOwn(ARN_SHAPES, type)) return undefined;
  const shape = ARN_SHAPES[type]!;
  const pieces: ShapePiece[] = [...(shape.ref ?? []), ...Object.values(shape.attributes ?? {}).flat()];
  for (const piece of pieces) if (typeof piece === 'object' && 'self' in piece && piece.nameProperty !== undefined) return piece.nameProperty;
  return undefined;
}

/** A fact as text, logical ids as markers: what the access evidence compares. */
function factText(fact: AccessFact, ids: ReadonlySet<string>): string {
  const { principal, action } = fact;
  const who = principal.kind === 'external' ? markText(principal.shown, ids) : `${principal.kind} ${mark(principal.id)}`;
  const what = action.kind === 'action' ? action.name : action.shown;
  const conditions = fact.conditions.map((c) => markText(c.shown, ids)).sort();
  return [who, what, markText(describeFactResource(fact.resource), ids), ...conditions, fact.revokedBy ?? 'allowed'].join(' | ');
}

/** The resources of a template and the facts that name each, for pairing with another version. */
export function stackIdentity(body: TemplateObject, facts: readonly AccessFact[]): StackIdentity {
  const declared = isRecord(body.Resources) ? Object.entries(body.Resources).filter((e): e is [string, TemplateObject] => isRecord(e[1]) && typeof e[1].Type === 'string') : [];
  const resources: IdentityResource[] = declared.map(([logicalId, resource]) => ({ logicalId, type: resource.Type as string, access: [] }));
  // Principals a transform creates (a SAM function's role) exist only in the facts.
  const known = new Set(resources.map((r) => r.logicalId));
  for (const { principal } of facts) {
    if (principal.kind === 'external' || known.has(principal.id)) continue;
    known.add(principal.id);
    resources.push({ logicalId: principal.id, type: PRINCIPAL_TYPES[principal.kind]!, access: [] });
  }
  const byId = new Map(resources.map((r) => [r.logicalId, r]));
  for (const [logicalId, resource] of declared) {
    const entry = byId.get(logicalId)!;
    const properties = isRecord(resource.Properties) ? resource.Properties : {};
    const property = nameProperty(entry.type);
    const name = property === undefined ? undefined : valueAtPath(properties, property);
    if (name !== undefined) entry.name = signature(name, known);
    entry.definition = signature({ Type: entry.type, Properties: properties, ...(resource.Condition !== undefined ? { Condition: resource.Condition } : {}) }, known);
  }
  for (const text of new Set(facts.map((f) => factText(f, known)))) {
    for (const id of new Set([...text.matchAll(MARKED)].map((m) => m[1]!))) byId.get(id)?.access.push(text);
  }
  return { resources };
}

/** Reads a signature with each marked logical id as `name(id)`. */
const render = (text: string, name: (id: string) => string): string => text.replace(MARKED, (_, id: string) => name(id));

type Evidence = (resource: IdentityResource, name: (id: string) => string) => string | undefined;

const EVIDENCE: readonly [PairingEvidence, Evidence][] = [
  ['name', (r, name) => (r.name === undefined ? undefined : render(r.name, name))],
  [
    'access',
    (r, name) => {
      if (r.access.length === 0) return undefined;
      const self = (id: string) => (id === r.logicalId ? '<self>' : name(id));
      return [...new Set(r.access.map((text) => render(text, self)))].sort().join('\n');
    },
  ],
  ['definition', (r, name) => (r.definition === undefined ? undefined : render(r.definition, name))],
];

/** For each logical id, the resources whose evidence names it: their evidence reads anew when it pairs. */
function dependents(identity: StackIdentity): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const r of identity.resources) {
    for (const text of [r.name ?? '', r.definition ?? '', ...r.access]) {
      for (const [, id] of text.matchAll(MARKED)) found.set(id!, (found.get(id!) ?? new Set()).add(r.logicalId));
    }
  }
  return found;
}

type Side = 'older' | 'newer';

/** Pairs the resources of two versions of a stack (see the module comment for the evidence). */
export function pairResources(older: StackIdentity, newer: StackIdentity): Pairing {
  const partner = new Map<string, string>();
  const paired = new Set<string>();
  const renamed: RenamedResource[] = [];
  const newTypes = new Map(newer.resources.map((r) => [r.logicalId, r.type]));
  for (const r of older.resources) {
    if (newTypes.get(r.logicalId) === r.type) {
      partner.set(r.logicalId, r.logicalId);
      paired.add(r.logicalId);
    }
  }
  const oldTypes = new Map(older.resources.map((r) => [r.logicalId, r.type]));
  // Unpaired resources read as their type only: a reference to one says nothing about which it is.
  const olderName = (id: string) => partner.get(id) ?? `${UNPAIRED}${oldTypes.get(id)}`;
  const newerName = (id: string) => (paired.has(id) ? id : `${UNPAIRED}${newTypes.get(id)}`);

  /**
   * Pairs the unpaired resources whose evidence reads the same. Only one older and one newer
   * resource reading alike is proof. With `guess`, several alike pair in template order: every
   * group whose evidence names no unpaired resource (nothing to stay consistent with), else the
   * first pair of the first group; then proof is looked for again (see the module comment).
   */
  // Evidence read so far, by side, kind and logical id; dropped when a resource it names pairs.
  const read = new Map<string, string | undefined>();
  const naming = { older: dependents(older), newer: dependents(newer) };
  const names = { older: olderName, newer: newerName };
  const evidenceOf = (side: Side, [by, evidence]: (typeof EVIDENCE)[number], r: IdentityResource) => {
    const key = `${side}\u0000${by}\u0000${r.logicalId}`;
    if (!read.has(key)) read.set(key, evidence(r, names[side]));
    return read.get(key);
  };
  const forget = (side: Side, id: string) => {
    for (const dependent of naming[side].get(id) ?? []) for (const [by] of EVIDENCE) read.delete(`${side}\u0000${by}\u0000${dependent}`);
  };

  const pairBy = (kind: (typeof EVIDENCE)[number], guess: boolean): boolean => {
    const [by] = kind;
    const groups = new Map<string, { older: IdentityResource[]; newer: IdentityResource[] }>();
    const add = (side: Side, r: IdentityResource) => {
      const key = evidenceOf(side, kind, r);
      if (key === undefined) return;
      const id = `${r.type}\u0000${key}`;
      const group = groups.get(id) ?? { older: [], newer: [] };
      groups.set(id, group);
      group[side].push(r);
    };
    for (const r of older.resources) if (!partner.has(r.logicalId)) add('older', r);
    for (const r of newer.resources) if (!paired.has(r.logicalId)) add('newer', r);
    const made: RenamedResource[] = [];
    const pair = (from: IdentityResource, to: IdentityResource) => made.push({ type: to.type, from: from.logicalId, to: to.logicalId, by });
    const ties: (typeof groups extends Map<string, infer G> ? G : never)[] = [];
    for (const [key, group] of groups) {
      if (group.older.length === 0 || group.newer.length === 0) continue;
      if (group.older.length === 1 && group.newer.length === 1) pair(group.older[0]!, group.newer[0]!);
      else if (guess && !key.includes(UNPAIRED)) group.newer.slice(0, group.older.length).forEach((to, i) => pair(group.older[i]!, to));
      else ties.push(group);
    }
    if (guess && made.length === 0 && ties.length > 0) pair(ties[0]!.older[0]!, ties[0]!.newer[0]!);
    // Recorded after the pass, so that every signature of one pass reads the same pairing.
    for (const pair of made) {
      partner.set(pair.from, pair.to);
      paired.add(pair.to);
      forget('older', pair.from);
      forget('newer', pair.to);
    }
    renamed.push(...made);
    return made.length > 0;
  };
  while (EVIDENCE.some((e) => pairBy(e, false)) || EVIDENCE.some((e) => pairBy(e, true)));

  const principalTypes = new Set(Object.values(PRINCIPAL_TYPES));
  return {
    rename: (id) => partner.get(id) ?? (newTypes.has(id) ? `${id}@old` : undefined),
    renamed,
    principalsBefore: new Set(older.resources.filter((r) => principalTypes.has(r.type) && partner.has(r.logicalId)).map((r) => partner.get(r.logicalId)!)),
  };
}
