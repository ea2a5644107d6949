/**
 * `iamgate diff OLD NEW`: the access NEW grants and OLD did not, as text or JSON. Each side's
 * facts are collected while its templates are in memory (to turn statements into lines); stacks
 * are paired by where they sit under the path given, or one to one when each side has one.
 */
import type { LoadedTemplate } from '../template/types';
import type { Statement } from '../extract/types';
import type { AccessPrincipal } from '../analysis/effective-access';
import type { GrantSource } from '../analysis/grants';
import { ACCESS_LEVELS_BY_STRENGTH, type AccessLevel } from '../iam';
import { describeFactResource, type AccessFact } from '../analysis/access-facts';
import { diffAccess, type ChangeKind } from '../analysis/access-diff';
import { statementRef, type StatementRef } from './access';
import { toolVersion } from './version';

/** One stack's facts with their statements located, kept once its template is dropped. */
export interface LocatedFacts {
  /** Where the template sits under the path given: what pairs an older and a newer stack. */
  key: string;
  file: string;
  stack: string;
  facts: AccessFact[];
  refs: Map<Statement, StatementRef>;
}

export function locateFacts(facts: AccessFact[], template: LoadedTemplate, key: string): LocatedFacts {
  const refs = new Map<Statement, StatementRef>();
  for (const source of facts.flatMap((f) => [f.source, ...f.revokers])) {
    if (!refs.has(source.statement)) refs.set(source.statement, statementRef(source, template));
  }
  return { key, file: template.file, stack: template.stackName, facts, refs };
}

export interface StackPair {
  older?: LocatedFacts;
  newer: LocatedFacts;
}

/** Each newer stack with the older one at the same place; one template on each side pair whatever their names. */
export function pairStacks(older: readonly LocatedFacts[], newer: readonly LocatedFacts[]): StackPair[] {
  if (older.length === 1 && newer.length === 1) return [{ older: older[0]!, newer: newer[0]! }];
  const byKey = new Map(older.map((o) => [o.key, o]));
  return newer.map((n) => ({ ...(byKey.has(n.key) ? { older: byKey.get(n.key)! } : {}), newer: n }));
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
  /** What OLD had instead: narrower resources, the conditions dropped or changed, what took the access away. */
  was: string[];
  /** NEW's statements that grant it. */
  statements: StatementRef[];
  /** OLD's statements it is measured against. */
  previous: StatementRef[];
}

const LEVEL_ORDER = (level: AccessLevel | undefined): number => (level === undefined ? -1 : ACCESS_LEVELS_BY_STRENGTH.indexOf(level));

function refsOf(sources: readonly GrantSource[], side: LocatedFacts | undefined): StatementRef[] {
  return sources.flatMap((s) => side?.refs.get(s.statement) ?? []).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export function diffRows(pairs: readonly StackPair[]): DiffRow[] {
  return pairs.flatMap(({ older, newer }) =>
    diffAccess(older?.facts ?? [], newer.facts).map((change) => ({
      file: newer.file,
      stack: newer.stack,
      principal: change.principal,
      kind: change.kind,
      resource: describeFactResource(change.resource),
      actions: change.actions
        .map((a): DiffAction => (a.kind === 'action' ? { action: a.name, level: a.level } : { action: a.shown }))
        .sort((a, b) => LEVEL_ORDER(a.level) - LEVEL_ORDER(b.level) || a.action.localeCompare(b.action)),
      was: change.was,
      statements: refsOf(change.grants, newer),
      previous: refsOf(change.previous, older),
    })),
  );
}

export interface DiffReport {
  old: string;
  new: string;
  rows: DiffRow[];
  errors: { file: string; line: number; column: number; message: string }[];
}

function principalCount(rows: readonly DiffRow[]): number {
  return new Set(rows.map((r) => `${r.file}\u0000${r.principal.id}`)).size;
}

export function formatDiffJson(report: DiffReport): string {
  const summary = { changes: report.rows.length, principals: principalCount(report.rows), newAccess: report.rows.length > 0 };
  const json = { schemaVersion: 1, tool: { name: 'iamgate', version: toolVersion() }, old: report.old, new: report.new, summary, changes: report.rows, errors: report.errors };
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

/** Actions shown per change in text; JSON lists them all. */
const SHOWN_ACTIONS = 8;

function describeActions(actions: readonly DiffAction[]): string {
  const groups = new Map<string, string[]>();
  for (const { action, level } of actions.slice(0, SHOWN_ACTIONS)) {
    const name = level ?? 'every level';
    groups.set(name, [...(groups.get(name) ?? []), action]);
  }
  const shown = [...groups].map(([level, names]) => `${level}: ${names.join(', ')}`).join('; ');
  return actions.length > SHOWN_ACTIONS ? `${shown} (+${actions.length - SHOWN_ACTIONS} more)` : shown;
}

const lines = (refs: readonly StatementRef[]): string => refs.map((r) => `${r.file}:${r.line}${r.when ? ` (${r.when})` : ''}`).join(', ');

export function formatDiffText(report: DiffReport): string {
  const out = [`iamgate diff ${report.old} → ${report.new}`];
  let file = '';
  let principal = '';
  for (const row of report.rows) {
    if (row.file !== file) {
      out.push('', row.file);
      file = row.file;
      principal = '';
    }
    if (row.principal.id !== principal) {
      principal = row.principal.id;
      out.push(`  ${row.principal.shown}`);
    }
    const was = row.was.length > 0 ? `; was ${row.was.join('; ')}` : '';
    const before = row.previous.length > 0 ? `; before: ${lines(row.previous)}` : '';
    out.push(`    ${HEADINGS[row.kind]} on ${row.resource}: ${describeActions(row.actions)}${was}`);
    out.push(`      granted at ${lines(row.statements)}${before}`);
  }
  const principals = principalCount(report.rows);
  const verdict =
    report.rows.length === 0
      ? 'no new access'
      : `${report.rows.length} ${report.rows.length === 1 ? 'change grants' : 'changes grant'} new access to ${principals} ${principals === 1 ? 'principal' : 'principals'}`;
  out.push('', verdict);
  for (const error of report.errors) out.push(`error: ${error.file}:${error.line}:${error.column}: ${error.message}`);
  return `${out.join('\n')}\n`;
}
