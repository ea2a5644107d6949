/**
 * `iamgate access`: effective access as a table (principal × resource × access levels, with the
 * statements that grant or deny them) or as JSON. Rows are built while the template is in
 * memory (to turn pointers into lines); formatting works on rows only.
 */
import type { LoadedTemplate } from '../template/types';
import type { AccessEntry, AccessPath, AccessPrincipal, AllowedAction, DeniedAction, DenialReason } from '../analysis/effective-access';
import type { GrantSource } from '../analysis/grants';
import type { RoleEdge } from '../analysis/escalation';
import { ACCESS_LEVELS_BY_STRENGTH, strongestAccessLevel, type AccessLevel, type ActionInfo } from '../iam';
import { memoized } from '../memo';
import { formatResolvedString } from '../resolve';
import { describeWhen } from '../engine/when';
import { describeStep } from '../analysis/escalation';
import { toolVersion } from './version';
import { streamedArray, streamJsonDocument, type ReportOutput } from './output';
import { groupBy } from '../group-by';

export interface StatementRef {
  file: string;
  line: number;
  column: number;
  /** Logical id of the resource the policy is written in. */
  logicalId: string;
  policy: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** `when IsProd is true`: the statement exists only in that `Fn::If` branch. */
  when?: string;
}

export interface LevelAccess {
  level: AccessLevel;
  actions: string[];
  /** Every grant of these actions has a condition or exists in one branch only. */
  conditional: boolean;
  statements: StatementRef[];
}

export interface DeniedLevel {
  level: AccessLevel;
  actions: string[];
  reason: DenialReason;
  /** The statements that would allow them. */
  statements: StatementRef[];
  /** The Deny statements, for an explicit deny. */
  denies: StatementRef[];
}

export interface AccessRow {
  file: string;
  stack: string;
  principal: AccessPrincipal;
  resource: { logicalId: string; resourceType: string };
  path: AccessPath;
  allowed: LevelAccess[];
  denied: DeniedLevel[];
  notes: string[];
}

export interface ReachRow {
  file: string;
  stack: string;
  from: string;
  to: string;
  via: RoleEdge['via'];
  passedTo?: string;
  /** `assume role Admin` or `pass role Admin to lambda.amazonaws.com (iam:PassRole, ...)`. */
  shown: string;
  statements: StatementRef[];
}

const refs = new WeakMap<GrantSource, StatementRef>();

/** Where a grant was written, located while its template is in memory: once, though each principal × resource it appears in asks. */
export function statementRef(source: GrantSource, template: LoadedTemplate): StatementRef {
  return memoized(refs, source, () => newStatementRef(source, template));
}

function newStatementRef(source: GrantSource, template: LoadedTemplate): StatementRef {
  const { policy, statement } = source;
  const position = template.locate(statement.at);
  const when = describeWhen(source.when);
  const name = policy.name === undefined ? policy.managed?.awsManagedName : formatResolvedString(policy.name);
  return {
    file: template.file,
    ...position,
    logicalId: policy.source.logicalId,
    policy: name ?? policy.source.propertyPath.join('.'),
    statementIndex: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
    ...(when ? { when } : {}),
  };
}

function uniqueRefs(sources: readonly GrantSource[], template: LoadedTemplate): StatementRef[] {
  const seen = new Map<string, StatementRef>();
  for (const source of sources) {
    const ref = statementRef(source, template);
    seen.set(`${ref.line}:${ref.column}:${ref.when ?? ''}`, ref);
  }
  return [...seen.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

const levels = new WeakMap<ActionInfo, AccessLevel>();

function levelOf(access: AllowedAction | DeniedAction): AccessLevel {
  return memoized(levels, access.action, (action) => strongestAccessLevel(action.accessLevels) ?? 'Read');
}

function byLevel<T extends AllowedAction | DeniedAction>(list: readonly T[], key: (item: T) => string = () => ''): Map<string, { level: AccessLevel; items: T[] }> {
  const groups = new Map<string, { level: AccessLevel; items: T[] }>();
  for (const level of ACCESS_LEVELS_BY_STRENGTH) {
    for (const item of list.filter((i) => levelOf(i) === level)) {
      const id = `${level}\u0000${key(item)}`;
      const group = groups.get(id) ?? { level, items: [] };
      group.items.push(item);
      groups.set(id, group);
    }
  }
  return groups;
}

/**
 * One row per principal × resource, with actions grouped by their strongest access level. Rows
 * with the same access share one list (a role with `s3:*` on `*` has the same 100 actions on
 * each of 200 buckets): rows are plain data, read and never changed.
 */
export function accessRows(entries: Iterable<AccessEntry>, template: LoadedTemplate): AccessRow[] {
  const shared = new Map<string, LevelAccess[] | DeniedLevel[]>();
  const intern = <T extends LevelAccess[] | DeniedLevel[]>(list: T): T => {
    if (list.length === 0) return list;
    const key = JSON.stringify(list);
    const known = shared.get(key) as T | undefined;
    if (known !== undefined) return known;
    shared.set(key, list);
    return list;
  };
  const rows: AccessRow[] = [];
  for (const entry of entries) {
    rows.push({
      file: template.file,
      stack: template.stackName,
      principal: entry.principal,
      resource: { logicalId: entry.target.logicalId, resourceType: entry.target.resourceType },
      path: entry.path,
      allowed: intern(
        [...byLevel(entry.allowed).values()].map(({ level, items }) => ({
          level,
          actions: items.map((i) => i.action.qualifiedName),
          conditional: items.every((i) => i.conditional),
          statements: uniqueRefs(items.flatMap((i) => i.grants), template),
        })),
      ),
      denied: intern(
        [...byLevel(entry.denied, (i) => i.reason).values()].map(({ level, items }) => ({
          level,
          actions: items.map((i) => i.action.qualifiedName),
          reason: items[0]!.reason,
          statements: uniqueRefs(items.flatMap((i) => i.grants), template),
          denies: uniqueRefs(items.flatMap((i) => i.denies), template),
        })),
      ),
      notes: entry.notes,
    });
  }
  return rows;
}

export function reachRows(edges: readonly RoleEdge[], template: LoadedTemplate): ReachRow[] {
  return edges.map((edge) => ({
    file: template.file,
    stack: template.stackName,
    from: edge.from,
    to: edge.to,
    via: edge.via,
    ...(edge.passTo ? { passedTo: edge.passTo.service } : {}),
    shown: describeStep(edge),
    statements: uniqueRefs(edge.grants, template),
  }));
}

export interface AccessError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Writes the access report as templates are analyzed: each template's rows and reach go out as
 * they come, so memory follows the largest template, not the corpus (a folder of hundreds of
 * stacks has hundreds of thousands of rows).
 */
export interface AccessReportWriter {
  /** One template's rows and reach. */
  add(rows: readonly AccessRow[], reach: readonly ReachRow[]): void;
  end(errors: readonly AccessError[]): void;
}

export function accessJsonWriter(out: ReportOutput): AccessReportWriter {
  const document = (reach: readonly ReachRow[], errors: readonly AccessError[]) => ({
    schemaVersion: 1,
    tool: { name: 'iamgate', version: toolVersion() },
    access: streamedArray(),
    reach,
    errors,
  });
  // Reach comes after the rows in the document: kept (one row per edge) until the end.
  const reach: ReachRow[] = [];
  const stream = streamJsonDocument(out, document([], []), 'access');
  return {
    add(rows, steps) {
      for (const row of rows) stream.add(row);
      for (const step of steps) reach.push(step);
    },
    end(errors) {
      stream.end(document(reach, errors));
    },
  };
}

const PATH_NOTES: Readonly<Record<AccessPath, string>> = {
  'same-account': '',
  'cross-account': ' (another account)',
  organization: ' (accounts of the organization)',
  network: ' (anyone on the named network)',
  public: ' (anyone)',
  'aws-service': ' (AWS service)',
  federated: ' (federated identities)',
};

const REASONS: Readonly<Record<DenialReason, string>> = {
  'explicit-deny': 'an explicit Deny',
  'permissions-boundary': 'the permissions boundary',
  'trust-policy': 'the trust policy, which does not admit it',
  'key-policy': 'the key policy, which does not admit it',
};

const lines = (refs: readonly StatementRef[]): string => refs.map((r) => `${r.file}:${r.line}${r.when ? ` (${r.when})` : ''}`).join(', ');

function describeLevel(level: LevelAccess): string {
  return `${level.level} (${level.actions.length}${level.conditional ? ', conditional' : ''})`;
}

export function accessTextWriter(out: ReportOutput): AccessReportWriter {
  const line = (text: string) => out(`${text}\n`);
  let file = '';
  let principal = '';
  let rowCount = 0;
  let principalCount = 0;
  const principalsOfFile = new Set<string>();
  return {
    add(rows, reach) {
      const reachFrom = groupBy(reach, (step) => `${step.file}\u0000${step.from}`);
      for (const row of rows) {
        if (row.file !== file) {
          if (file) line('');
          line(row.file);
          file = row.file;
          principal = '';
          principalsOfFile.clear();
        }
        if (!principalsOfFile.has(row.principal.id)) {
          principalsOfFile.add(row.principal.id);
          principalCount++;
        }
        if (row.principal.id !== principal) {
          principal = row.principal.id;
          line(`  ${row.principal.shown}${PATH_NOTES[row.path]}`);
          for (const step of reachFrom.get(`${row.file}\u0000${row.principal.id}`) ?? []) {
            line(`    can ${step.shown}  (${lines(step.statements)})`);
          }
        }
        const resource = `${row.resource.resourceType} ${row.resource.logicalId}`;
        const allowed = row.allowed.map(describeLevel).join(', ');
        const grants = uniqueLines(row.allowed.flatMap((l) => l.statements));
        line(`    ${resource.padEnd(40)} ${allowed || 'nothing allowed'}${grants ? `  (${grants})` : ''}`);
        for (const denied of row.denied) {
          const by = denied.denies.length > 0 ? ` at ${lines(denied.denies)}` : '';
          line(`      denied: ${denied.level} (${denied.actions.length}) by ${REASONS[denied.reason]}${by}; granted at ${lines(denied.statements)}`);
        }
        for (const note of row.notes) line(`      note: ${note}`);
        rowCount++;
      }
    },
    end(errors) {
      line('');
      line(`${rowCount} ${rowCount === 1 ? 'entry' : 'entries'} for ${principalCount} ${principalCount === 1 ? 'principal' : 'principals'}`);
      for (const error of errors) line(`error: ${error.file}:${error.line}:${error.column}: ${error.message}`);
    },
  };
}

function uniqueLines(refs: readonly StatementRef[]): string {
  const unique = new Map(refs.map((r) => [`${r.line}:${r.column}${r.when ?? ''}`, r]));
  return lines([...unique.values()].sort((a, b) => a.line - b.line));
}
