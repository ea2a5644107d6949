/**
 * The data the HTML report page is built from: a pure function of a scan result and the access
 * collected per template. The page only arranges it; every count and label is decided here.
 */
import type { ReportInput } from '../output';
import type { FailOn } from '../../engine/config';
import type { AccessPath } from '../../analysis/effective-access';
import type { Finding, RuleMeta, Severity } from '../../rules/types';
import { exitCodeOf } from '../../engine/scan';
import { ACCESS_LEVELS_BY_STRENGTH, type AccessLevel } from '../../iam';
import type { AccessRow, DeniedLevel, LevelAccess, StatementRef } from '../access';
import type { ListedPolicy, ListedStatement } from '../policies';
import { summarize } from '../summary';
import { toolVersion } from '../version';
import type { StackAccess } from './access-data';
import { compareText } from '../../text-order';

/** Public: anyone, or any AWS account. Cross-account: another account, or accounts of an organization. */
export type EdgeMark = 'public' | 'cross-account';

export type PrincipalKind = 'role' | 'user' | 'group' | 'external';

/** What the page's badge says a principal is. */
export type PrincipalBadge = 'role' | 'user' | 'group' | 'service' | 'public' | 'account' | 'organization' | 'federated' | 'network';

export interface PrincipalView {
  /** Unique in its group. */
  id: string;
  kind: PrincipalKind;
  badge: PrincipalBadge;
  /** `role Worker`, `*`, `AWS:111122223333`. */
  shown: string;
  /** How an outside principal gets in (for in-template principals: `same-account`). */
  path: AccessPath;
  marks: EdgeMark[];
  /** Where an in-template principal is defined. */
  line?: number;
  constructPath?: string;
  /** Roles it can assume or pass to a service, whose reach it inherits. */
  canActAs: { shown: string; statements: StatementRef[] }[];
  policies: PolicyView[];
}

export interface PolicyView {
  shown: string;
  kind: ListedPolicy['kind'];
  line: number;
  statements: string[];
  /** Statements not listed, to keep the page small (an AWS-managed policy can have hundreds of actions). */
  omitted: number;
}

export interface ResourceView {
  logicalId: string;
  resourceType: string;
}

export interface CellView {
  /** Index into the group's principals. */
  principal: number;
  /** Index into the group's resources. */
  resource: number;
  /** The strongest level allowed; `none` when a Deny or a boundary takes all of it away. */
  level: AccessLevel | 'none';
  path: AccessPath;
  marks: EdgeMark[];
  /** Every allowed level holds only under a condition or in one `Fn::If` branch. */
  conditional: boolean;
  /** Index into the group's details. */
  detail: number;
}

/**
 * What a cell lists: kept once per group for all cells that list the same (a role with `s3:*` on
 * `*` has the same 100 actions on each of 200 buckets, which would otherwise make a page of
 * hundreds of MB).
 */
export interface CellDetail {
  allowed: LevelAccess[];
  denied: DeniedLevel[];
  notes: string[];
}

export interface AccessGroupView {
  file: string;
  stack: string;
  principals: PrincipalView[];
  resources: ResourceView[];
  cells: CellView[];
  details: CellDetail[];
}

export interface FindingView {
  ruleId: string;
  severity: Severity;
  message: string;
  fix: string;
  /** Only http(s) links: a plugin's docs URL is not trusted to be one. */
  docsUrl?: string;
  file: string;
  line: number;
  column: number;
  stack: string;
  logicalId: string;
  resourceType: string;
  constructPath?: string;
  suppressed?: { source: string; reason: string };
}

export interface RuleCount {
  id: string;
  title: string;
  docsUrl?: string;
  counts: Record<Severity, number>;
  suppressed: number;
}

export interface HtmlView {
  tool: string;
  verdict: { status: 'pass' | 'fail' | 'error'; failOn: FailOn };
  summary: {
    templates: number;
    principals: number;
    resources: number;
    publicEdges: number;
    crossAccountEdges: number;
    policies: number;
    statements: number;
    findings: Record<Severity, number>;
    suppressed: number;
    errors: number;
  };
  rules: RuleCount[];
  /** False when the report was made without access data (the library's `formatReport` alone). */
  accessCollected: boolean;
  groups: AccessGroupView[];
  findings: FindingView[];
  errors: { file: string; line: number; column: number; message: string }[];
  /** Levels from strongest, for the legend. */
  levels: readonly AccessLevel[];
}

const OUTSIDE_BADGES: Readonly<Record<AccessPath, PrincipalBadge>> = {
  'same-account': 'account',
  'cross-account': 'account',
  organization: 'organization',
  network: 'network',
  public: 'public',
  'aws-service': 'service',
  federated: 'federated',
};

const MARKS: Partial<Record<AccessPath, EdgeMark>> = { public: 'public', 'cross-account': 'cross-account', organization: 'cross-account' };

const safeUrl = (url: string | undefined): string | undefined => (url !== undefined && /^https?:\/\//i.test(url) ? url : undefined);

/** Statements shown per policy, and actions per statement, in the principal panel. */
const SHOWN_STATEMENTS = 20;
const SHOWN_ACTIONS = 12;

function statementText(s: ListedStatement): string {
  const list = (items: readonly string[] | undefined) => {
    const shown = (items ?? []).slice(0, SHOWN_ACTIONS).join(', ');
    return (items ?? []).length > SHOWN_ACTIONS ? `${shown}, … (${(items ?? []).length} in all)` : shown;
  };
  const what = s.actions ? list(s.actions) : `every action but ${list(s.notActions)}`;
  const on = s.resources ? ` on ${list(s.resources)}` : s.notResources ? ` on every resource but ${list(s.notResources)}` : '';
  const conditions = s.conditions.length > 0 ? ` if ${s.conditions.join(' and ')}` : '';
  return `${s.effect} ${what}${on}${conditions}${s.when ? ` (${s.when})` : ''}`;
}

function policyView(policy: ListedPolicy): PolicyView {
  const name = policy.managedPolicy ?? policy.name ?? policy.propertyPath;
  const where = policy.logicalId;
  return {
    shown: `${name} (${policy.kind === 'managed-policy-reference' ? 'managed policy' : policy.kind}, in ${where})`,
    kind: policy.kind,
    line: policy.line,
    statements: policy.statements.slice(0, SHOWN_STATEMENTS).map(statementText),
    omitted: Math.max(0, policy.statements.length - SHOWN_STATEMENTS),
  };
}

function strongest(row: AccessRow): AccessLevel | 'none' {
  const allowed = new Set(row.allowed.map((l) => l.level));
  return ACCESS_LEVELS_BY_STRENGTH.find((level) => allowed.has(level)) ?? 'none';
}

function groupView(stack: StackAccess): AccessGroupView {
  const principals: PrincipalView[] = stack.principals.map((p) => ({
    id: p.logicalId,
    kind: p.kind,
    badge: p.kind,
    shown: `${p.kind} ${p.logicalId}`,
    path: 'same-account',
    marks: [],
    line: p.line,
    ...(p.constructPath !== undefined ? { constructPath: p.constructPath } : {}),
    canActAs: stack.reach.filter((r) => r.from === p.logicalId).map((r) => ({ shown: r.shown, statements: r.statements })),
    policies: p.policies.map(policyView),
  }));
  const principalIndex = new Map(principals.map((p, i) => [p.id, i]));
  const resources: ResourceView[] = [];
  const resourceIndex = new Map<string, number>();
  const cells: CellView[] = [];
  const details: CellDetail[] = [];
  const detailOf = detailIndex(details);
  for (const row of stack.access) {
    let p = principalIndex.get(row.principal.id);
    if (p === undefined) {
      const { id, kind, shown } = row.principal;
      const badge = kind === 'external' ? OUTSIDE_BADGES[row.path] : kind;
      p = principals.push({ id, kind, badge, shown, path: row.path, marks: [], canActAs: [], policies: [] }) - 1;
      principalIndex.set(row.principal.id, p);
    }
    let r = resourceIndex.get(row.resource.logicalId);
    if (r === undefined) {
      r = resources.push({ ...row.resource }) - 1;
      resourceIndex.set(row.resource.logicalId, r);
    }
    const level = strongest(row);
    const mark = level === 'none' ? undefined : MARKS[row.path];
    const principal = principals[p]!;
    if (mark && !principal.marks.includes(mark)) principal.marks.push(mark);
    cells.push({
      principal: p,
      resource: r,
      level,
      path: row.path,
      marks: mark ? [mark] : [],
      conditional: row.allowed.length > 0 && row.allowed.every((l) => l.conditional),
      detail: detailOf(row),
    });
  }
  return { file: stack.file, stack: stack.stack, principals, resources, cells, details };
}

/** Cells whose rows share their lists (`accessRows` shares equal ones) share one detail. */
function detailIndex(details: CellDetail[]): (row: AccessRow) => number {
  const listIds = new Map<readonly unknown[], number>();
  const listId = (list: readonly unknown[]): number => {
    if (list.length === 0) return 0;
    let id = listIds.get(list);
    if (id === undefined) listIds.set(list, (id = listIds.size + 1));
    return id;
  };
  const indexes = new Map<string, number>();
  return (row) => {
    const key = `${listId(row.allowed)}:${listId(row.denied)}:${row.notes.join('\u0000')}`;
    let index = indexes.get(key);
    if (index === undefined) {
      index = details.push({ allowed: row.allowed, denied: row.denied, notes: row.notes }) - 1;
      indexes.set(key, index);
    }
    return index;
  };
}

function ruleCounts(findings: readonly Finding[], rules: readonly RuleMeta[]): RuleCount[] {
  const byId = new Map<string, RuleCount>();
  for (const finding of findings) {
    const meta = rules.find((r) => r.id === finding.ruleId);
    const docsUrl = safeUrl(meta?.docsUrl);
    const count = byId.get(finding.ruleId) ?? {
      id: finding.ruleId,
      title: meta?.title ?? finding.ruleId,
      ...(docsUrl ? { docsUrl } : {}),
      counts: { error: 0, warning: 0, info: 0 },
      suppressed: 0,
    };
    if (finding.suppressed) count.suppressed += 1;
    else count.counts[finding.severity] += 1;
    byId.set(finding.ruleId, count);
  }
  const active = (c: RuleCount) => c.counts.error * 1e6 + c.counts.warning * 1e3 + c.counts.info;
  return [...byId.values()].sort((a, b) => active(b) - active(a) || compareText(a.id, b.id));
}

function findingView(finding: Finding, rules: readonly RuleMeta[]): FindingView {
  const { location } = finding;
  const docsUrl = safeUrl(rules.find((r) => r.id === finding.ruleId)?.docsUrl);
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix,
    ...(docsUrl ? { docsUrl } : {}),
    file: location.file,
    line: location.line,
    column: location.column,
    stack: location.stack,
    logicalId: location.logicalId,
    resourceType: location.resourceType,
    ...(location.constructPath !== undefined ? { constructPath: location.constructPath } : {}),
    ...(finding.suppressed ? { suppressed: { source: finding.suppressed.source, reason: finding.suppressed.reason } } : {}),
  };
}

const VERDICTS = { 0: 'pass', 1: 'fail', 2: 'error' } as const;

/** `stacks` is undefined when no access was collected. */
/** The page embeds every finding, so they are read into memory. */
export function buildHtmlView(input: ReportInput, stacks: readonly StackAccess[] | undefined): HtmlView {
  const result = { ...input, findings: [...input.findings] };
  const summary = summarize(result);
  const groups = (stacks ?? []).map(groupView);
  const edges = (mark: EdgeMark) => groups.reduce((n, g) => n + g.cells.filter((c) => c.marks.includes(mark)).length, 0);
  return {
    tool: `iamgate ${toolVersion()}`,
    verdict: { status: VERDICTS[exitCodeOf(result)], failOn: result.config.failOn },
    summary: {
      templates: summary.templates,
      principals: groups.reduce((n, g) => n + g.principals.length, 0),
      resources: groups.reduce((n, g) => n + g.resources.length, 0),
      publicEdges: edges('public'),
      crossAccountEdges: edges('cross-account'),
      policies: summary.policies,
      statements: summary.statements,
      findings: summary.findings,
      suppressed: summary.suppressed,
      errors: summary.failed,
    },
    rules: ruleCounts(result.findings, result.rules),
    accessCollected: stacks !== undefined,
    groups,
    findings: result.findings.map((f) => findingView(f, result.rules)),
    errors: result.errors.map(({ file, line, column, message }) => ({ file, line, column, message })),
    levels: ACCESS_LEVELS_BY_STRENGTH,
  };
}
