/**
 * `iamgate diff OLD NEW`: the access NEW grants and OLD did not, as text or JSON. Each side's
 * facts are collected while its templates are in memory (to turn statements into lines); stacks
 * are paired by stack name, then by where they sit under the path given, or one to one when
 * each side has one; resources within a pair by `pairResources`.
 */
import type { LoadedTemplate } from '../template/types';
import type { Statement } from '../extract/types';
import type { AccessPrincipal } from '../analysis/effective-access';
import type { GrantSource } from '../analysis/grants';
import { ACCESS_LEVELS_BY_STRENGTH, type AccessLevel } from '../iam';
import { describeFactResource, type AccessFact } from '../analysis/access-facts';
import { diffVersions, type AccessChange, type ChangeKind } from '../analysis/access-diff';
import { stackIdentity, type RenamedResource, type StackIdentity } from '../analysis/access-diff-pairing';
import { statementRef, type StatementRef } from './access';
import { toolVersion } from './version';
import { compareText } from '../text-order';

/** One stack's facts with their statements located, kept once its template is dropped. */
export interface LocatedStack {
  /** Where the template sits under the path given: pairs stacks whose names do not. */
  key: string;
  file: string;
  stack: string;
  facts: AccessFact[];
  identity: StackIdentity;
  refs: Map<Statement, StatementRef>;
}

export function locateStack(facts: AccessFact[], template: LoadedTemplate, key: string): LocatedStack {
  const refs = new Map<Statement, StatementRef>();
  for (const source of facts.flatMap((f) => [f.source, ...f.revokers])) {
    if (!refs.has(source.statement)) refs.set(source.statement, statementRef(source, template));
  }
  return { key, file: template.file, stack: template.stackName, facts, identity: stackIdentity(template.body, facts), refs };
}

export type StackPair = { older: LocatedStack; newer: LocatedStack } | { older: LocatedStack; newer?: undefined } | { older?: undefined; newer: LocatedStack };

/** The values of `key` that occur once. */
function uniqueBy(stacks: readonly LocatedStack[], key: (s: LocatedStack) => string): Map<string, LocatedStack> {
  const counts = new Map<string, number>();
  for (const s of stacks) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return new Map(stacks.filter((s) => counts.get(key(s)) === 1).map((s) => [key(s), s]));
}

/**
 * Each newer stack with its older version: one template on each side pair whatever their names;
 * otherwise by stack name (a cdk.out manifest's, else the file name), when it is unique on both
 * sides, then by the path under the folder given. Newer stacks left over are new; older ones,
 * removed. Newer stacks come first, in their order.
 */
export function pairStacks(older: readonly LocatedStack[], newer: readonly LocatedStack[]): StackPair[] {
  if (older.length === 1 && newer.length === 1) return [{ older: older[0]!, newer: newer[0]! }];
  const partner = new Map<LocatedStack, LocatedStack>();
  for (const key of [(s: LocatedStack) => s.stack, (s: LocatedStack) => s.key]) {
    const left = older.filter((o) => ![...partner.values()].includes(o));
    const candidates = uniqueBy(left, key);
    for (const [value, n] of uniqueBy(newer.filter((s) => !partner.has(s)), key)) {
      const o = candidates.get(value);
      if (o) partner.set(n, o);
    }
  }
  const used = new Set(partner.values());
  return [
    ...newer.map((n): StackPair => (partner.has(n) ? { older: partner.get(n)!, newer: n } : { newer: n })),
    ...older.filter((o) => !used.has(o)).map((o): StackPair => ({ older: o })),
  ];
}

export interface DiffAction {
  action: string;
  /** The strongest access level; absent for a pattern that spans services (`*`). */
  level?: AccessLevel;
}

export interface DiffRow {
  file: string;
  stack: string;
  principal: AccessPrincipal;
  kind: ChangeKind;
  resource: string;
  actions: DiffAction[];
  /** What OLD had instead: narrower resources, the conditions dropped or loosened, what took the access away. */
  was: string[];
  /** The conditions NEW grants it under. */
  conditions: string[];
  /** NEW's statements that grant it. */
  statements: StatementRef[];
  /** OLD's statements it is measured against. */
  previous: StatementRef[];
}

/** How one stack of NEW was compared. */
export interface StackComparison {
  stack: string;
  /**
   * `compared`: with its OLD version; `added`: only in NEW (all its access is new); `removed`: only
   * in OLD; `not-compared`: on one side only while the other side had inputs that could not be read.
   */
  status: 'compared' | 'added' | 'removed' | 'not-compared';
  old?: string;
  new?: string;
  /** Resources paired across a logical-id change, and on what evidence. */
  renamed: RenamedResource[];
}

const LEVEL_ORDER = (level: AccessLevel | undefined): number => (level === undefined ? -1 : ACCESS_LEVELS_BY_STRENGTH.indexOf(level));

function refsOf(sources: readonly GrantSource[], side: LocatedStack | undefined): StatementRef[] {
  return sources.flatMap((s) => side?.refs.get(s.statement) ?? []).sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
}

/** Rows of one principal together, principals in the order they first appear. */
function groupedByPrincipal(rows: readonly DiffRow[]): DiffRow[] {
  const groups = new Map<string, DiffRow[]>();
  for (const row of rows) groups.set(row.principal.id, [...(groups.get(row.principal.id) ?? []), row]);
  return [...groups.values()].flat();
}

function rowsOf(changes: readonly AccessChange[], older: LocatedStack | undefined, newer: LocatedStack): DiffRow[] {
  const rows = changes.map(
    (change): DiffRow => ({
      file: newer.file,
      stack: newer.stack,
      principal: change.principal,
      kind: change.kind,
      resource: describeFactResource(change.resource),
      actions: change.actions
        .map((a): DiffAction => (a.kind === 'action' ? { action: a.name, level: a.level } : { action: a.shown }))
        .sort((a, b) => LEVEL_ORDER(a.level) - LEVEL_ORDER(b.level) || compareText(a.action, b.action)),
      was: change.was,
      conditions: change.conditions,
      statements: refsOf(change.grants, newer),
      previous: refsOf(change.previous, older),
    }),
  );
  return groupedByPrincipal(rows);
}

type ComparablePair = StackPair & { newer: LocatedStack };

/**
 * The changes of every pair. A stack found on one side only is compared with nothing unless the
 * other side had inputs that could not be read: its counterpart may be among them, and showing
 * all its access as new would bury the error.
 */
export function diffStacks(pairs: readonly StackPair[], unreadable: { older: boolean; newer: boolean } = { older: false, newer: false }): { rows: DiffRow[]; stacks: StackComparison[] } {
  const compared = pairs.filter((p): p is ComparablePair => p.newer !== undefined && (p.older !== undefined || !unreadable.older));
  const results = new Map(diffVersions(compared).map((result, i) => [compared[i]!.newer, result]));
  const rows: DiffRow[] = [];
  const stacks: StackComparison[] = [];
  for (const { older, newer } of pairs) {
    const result = newer && results.get(newer);
    if (!result) {
      const stack = (newer ?? older)!;
      const status = newer || unreadable.newer ? 'not-compared' : 'removed';
      stacks.push({ stack: stack.stack, status, ...(older ? { old: older.file } : {}), ...(newer ? { new: newer.file } : {}), renamed: [] });
      continue;
    }
    rows.push(...rowsOf(result.changes, older, newer));
    stacks.push({ stack: newer.stack, status: older ? 'compared' : 'added', ...(older ? { old: older.file } : {}), new: newer.file, renamed: result.renamed });
  }
  return { rows, stacks };
}

export interface DiffReport {
  old: string;
  new: string;
  stacks: StackComparison[];
  rows: DiffRow[];
  errors: { file: string; line: number; column: number; message: string }[];
}

function principalCount(rows: readonly DiffRow[]): number {
  return new Set(rows.map((r) => `${r.file}\u0000${r.principal.id}`)).size;
}

export function formatDiffJson(report: DiffReport): string {
  const summary = { changes: report.rows.length, principals: principalCount(report.rows), newAccess: report.rows.length > 0 };
  const json = {
    schemaVersion: 1,
    tool: { name: 'iamgate', version: toolVersion() },
    old: report.old,
    new: report.new,
    summary,
    stacks: report.stacks,
    changes: report.rows,
    errors: report.errors,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const HEADINGS: Readonly<Record<ChangeKind, string>> = {
  'new-principal': 'new principal',
  'new-action': 'new actions',
  'broader-resource': 'broader resource',
  'new-resource': 'new resource',
  'weaker-conditions': 'weaker conditions',
  'no-longer-denied': 'no longer denied',
};

const EVIDENCE: Readonly<Record<RenamedResource['by'], string>> = {
  name: 'same name',
  access: 'same access',
  definition: 'same definition',
};

/** Actions shown per change in text; JSON lists them all. */
const SHOWN_ACTIONS = 8;

function describeActions(actions: readonly DiffAction[]): string {
  const groups = new Map<string, string[]>();
  for (const { action, level } of actions.slice(0, SHOWN_ACTIONS)) {
    const name = level ?? 'as written';
    groups.set(name, [...(groups.get(name) ?? []), action]);
  }
  const shown = [...groups].map(([level, names]) => `${level}: ${names.join(', ')}`).join('; ');
  return actions.length > SHOWN_ACTIONS ? `${shown} (+${actions.length - SHOWN_ACTIONS} more)` : shown;
}

const lines = (refs: readonly StatementRef[]): string => refs.map((r) => `${r.file}:${r.line}${r.when ? ` (${r.when})` : ''}`).join(', ');

function stackHeading(stack: StackComparison): string[] {
  const heading = stack.status === 'added' ? `${stack.new} (stack ${stack.stack} is new: all its access is new)` : `${stack.new} (was ${stack.old})`;
  return ['', heading, ...stack.renamed.map((r) => `  paired ${r.type} ${r.from} → ${r.to} (${EVIDENCE[r.by]})`)];
}

/** Changes shown per principal in text (a new role with an AWS-managed policy has hundreds); JSON lists them all. */
const SHOWN_CHANGES = 12;

function changeLines(rows: readonly DiffRow[]): string[] {
  const out: string[] = [];
  const byPrincipal = new Map<string, DiffRow[]>();
  for (const row of rows) byPrincipal.set(row.principal.id, [...(byPrincipal.get(row.principal.id) ?? []), row]);
  for (const changes of byPrincipal.values()) {
    out.push(`  ${changes[0]!.principal.shown}`);
    for (const row of changes.slice(0, SHOWN_CHANGES)) {
      const under = row.conditions.length > 0 ? `; under ${row.conditions.join(' and ')}` : '';
      const was = row.was.length > 0 ? `; was ${row.was.join('; ')}` : '';
      const before = row.previous.length > 0 ? `; before: ${lines(row.previous)}` : '';
      out.push(`    ${HEADINGS[row.kind]} on ${row.resource}: ${describeActions(row.actions)}${under}${was}`);
      out.push(`      granted at ${lines(row.statements)}${before}`);
    }
    if (changes.length > SHOWN_CHANGES) out.push(`    (+${changes.length - SHOWN_CHANGES} more resources; --format json lists them all)`);
  }
  return out;
}

const UNCOMPARED: Readonly<Record<'removed' | 'not-compared', (s: StackComparison) => string>> = {
  removed: (s) => `stack ${s.stack} (${s.old}) is only in OLD`,
  'not-compared': (s) => `stack ${s.stack} (${s.new ?? s.old}) not compared: the other side has inputs that could not be read`,
};

export function formatDiffText(report: DiffReport): string {
  const out = [`iamgate diff ${report.old} → ${report.new}`];
  for (const stack of report.stacks) {
    if (stack.status === 'removed' || stack.status === 'not-compared') continue;
    const rows = report.rows.filter((r) => r.file === stack.new);
    if (rows.length === 0 && stack.renamed.length === 0 && stack.status === 'compared') continue;
    out.push(...stackHeading(stack), ...changeLines(rows));
  }
  const uncompared = report.stacks.flatMap((s) => (s.status === 'removed' || s.status === 'not-compared' ? [UNCOMPARED[s.status](s)] : []));
  if (uncompared.length > 0) out.push('', ...uncompared);
  const principals = principalCount(report.rows);
  const compared = report.stacks.filter((s) => s.status === 'compared' || s.status === 'added').length;
  const verdict =
    report.rows.length === 0
      ? `no new access (${compared} ${compared === 1 ? 'stack' : 'stacks'} compared)`
      : `${report.rows.length} ${report.rows.length === 1 ? 'change grants' : 'changes grant'} new access to ${principals} ${principals === 1 ? 'principal' : 'principals'}`;
  out.push('', verdict);
  for (const error of report.errors) out.push(`error: ${error.file}:${error.line}:${error.column}: ${error.message}`);
  return `${out.join('\n')}\n`;
}
