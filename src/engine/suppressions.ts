/**
 * Suppressions, applied by the engine after the rules run, so that the CLI, the CDK Aspect and
 * the CDK validator honour them alike (docs/suppressions.md). A suppressed finding stays in
 * the result with `suppressed` set and does not fail the gate; an expired suppression lets its
 * finding fail again, saying so; a suppression that matches nothing is reported as stale.
 */
import type { Finding, FindingLocation, Suppression } from '../rules/types';
import type { WrittenAt } from './config';
import { wildcardRegExp } from '../iam/wildcards';

export type SuppressionSource = 'template-metadata' | 'config' | 'cdk_nag' | 'cfn_nag' | 'checkov';

export type SubjectKind = 'actions' | 'resources' | 'principals';

export const SUBJECT_KINDS: readonly SubjectKind[] = ['actions', 'resources', 'principals'];

/** One `appliesTo` entry. */
export interface SubjectPattern {
  /** The finding lists it is tested against, or the name of the AWS-managed policy a finding is on. */
  on: readonly SubjectKind[] | 'managed-policy';
  test(value: string): boolean;
}

/** How a suppression is followed up when it matches nothing. */
export type StaleTracking =
  /** Identical suppressions in one template (CDK writes an acknowledgement on every resource of a construct) count as one. */
  | { kind: 'template'; key: string; logicalId?: string }
  | { kind: 'config'; index: number };

export interface SuppressionEntry {
  /** The rules it suppresses: one for iamgate's own, possibly several for a migrated one. */
  ruleIds: readonly string[];
  source: SuppressionSource;
  reason: string;
  ticket?: string;
  expires?: string;
  mappedFrom?: string;
  at: WrittenAt;
  /** Whether a finding at this location is within the suppression's reach (its resource, stack or selectors). */
  reaches(location: FindingLocation): boolean;
  /** Empty: every finding of the rules within reach. */
  appliesTo: readonly SubjectPattern[];
  /** Unset for migrated suppressions: the other tool may still need them. */
  tracking?: StaleTracking;
}

export interface StaleSuppression {
  ruleId: string;
  source: 'template-metadata' | 'config';
  reason: string;
  file: string;
  line: number;
  column: number;
  stack?: string;
  logicalId?: string;
  /** Identical suppressions counted as this one (the same acknowledgement on several resources). */
  copies: number;
}

/** Today as YYYY-MM-DD in UTC: expiry dates compare as text. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Pseudo parameters read as their usual values too, so `arn:aws:s3:::x` matches `arn:${AWS::Partition}:s3:::x`. */
function renderings(value: string): string[] {
  const concrete = value.replaceAll('${AWS::Partition}', 'aws').replaceAll('${AWS::URLSuffix}', 'amazonaws.com');
  return concrete === value ? [value] : [value, concrete];
}

/** An iamgate `appliesTo` glob: IAM wildcards (`*`, `?`), tested against actions, resources and principals. */
export function globPattern(glob: string): SubjectPattern {
  const regexp = wildcardRegExp(glob);
  return { on: SUBJECT_KINDS, test: (value) => renderings(value).some((v) => regexp.test(v)) };
}

/**
 * Whether the suppression covers what the finding names: with no `appliesTo`, everything; else
 * all of its actions, or all of its resources, or all of its principals must match a pattern.
 * A finding about `s3:*` is not covered by `s3:Get*`, nor one on `*` by `arn:aws:s3:::logs-*`.
 */
function coversSubject(entry: SuppressionEntry, finding: Finding): boolean {
  if (entry.appliesTo.length === 0) return true;
  const policyName = finding.policy.kind === 'managed-policy-reference' ? finding.policy.name : undefined;
  if (policyName !== undefined && entry.appliesTo.some((p) => p.on === 'managed-policy' && p.test(policyName))) return true;
  return SUBJECT_KINDS.some((kind) => {
    const patterns = entry.appliesTo.filter((p) => p.on !== 'managed-policy' && p.on.includes(kind));
    const items = finding[kind];
    return items.length > 0 && patterns.length > 0 && items.every((item) => patterns.some((p) => p.test(item)));
  });
}

function matches(entry: SuppressionEntry, finding: Finding): boolean {
  return entry.ruleIds.includes(finding.ruleId) && entry.reaches(finding.location) && coversSubject(entry, finding);
}

function asSuppression(entry: SuppressionEntry): Suppression {
  return {
    source: entry.source,
    reason: entry.reason,
    ...(entry.ticket !== undefined ? { ticket: entry.ticket } : {}),
    ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
    ...(entry.mappedFrom !== undefined ? { mappedFrom: entry.mappedFrom } : {}),
    location: { ...entry.at },
  };
}

export interface SuppressionOutcome {
  findings: Finding[];
  /** Entries that matched some finding, whether they suppressed it or had expired. */
  matched: Set<SuppressionEntry>;
}

/**
 * Marks the findings the entries suppress; `entries` are in precedence order (the first
 * suppression that holds is the one recorded). Findings already suppressed stay as they are.
 */
export function applySuppressions(findings: readonly Finding[], entries: readonly SuppressionEntry[], today: string): SuppressionOutcome {
  const matched = new Set<SuppressionEntry>();
  const result = findings.map((finding) => {
    if (finding.suppressed) return finding;
    const candidates = entries.filter((entry) => matches(entry, finding));
    candidates.forEach((entry) => matched.add(entry));
    const holding = candidates.find((entry) => entry.expires === undefined || today < entry.expires);
    if (holding) return { ...finding, suppressed: asSuppression(holding) };
    const expired = candidates[0];
    if (!expired) return finding;
    return { ...finding, message: `${finding.message} (suppression expired on ${expired.expires}: ${expired.reason})` };
  });
  return { findings: result, matched };
}

/**
 * Template suppressions that matched nothing, one report per set of identical ones. Rules
 * that are off match nothing by design and are not reported.
 */
export function staleTemplateSuppressions(
  entries: readonly SuppressionEntry[],
  matched: ReadonlySet<SuppressionEntry>,
  enabledRuleIds: ReadonlySet<string>,
  stack: string,
): StaleSuppression[] {
  const groups = new Map<string, SuppressionEntry[]>();
  for (const entry of entries) {
    if (entry.tracking?.kind !== 'template') continue;
    const group = groups.get(entry.tracking.key);
    if (group) group.push(entry);
    else groups.set(entry.tracking.key, [entry]);
  }
  const stale: StaleSuppression[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const ruleId = first.ruleIds[0]!;
    if (group.some((entry) => matched.has(entry)) || !enabledRuleIds.has(ruleId)) continue;
    const logicalId = first.tracking?.kind === 'template' ? first.tracking.logicalId : undefined;
    stale.push({
      ruleId,
      source: 'template-metadata',
      reason: first.reason,
      ...first.at,
      stack,
      ...(logicalId !== undefined ? { logicalId } : {}),
      copies: group.length,
    });
  }
  return stale;
}
