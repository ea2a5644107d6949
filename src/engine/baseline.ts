/**
 * Baselines: today's findings recorded by fingerprint, so that a repository with hundreds of
 * findings can gate on new ones only (docs/baselines.md). A finding matches an entry by its
 * fingerprint, which survives edits elsewhere in the file and line moves; failing that, by its
 * content fingerprint, which also survives renaming the resource. Entries nothing matches any
 * more are "gone": fixed, or removed.
 */
import type { Finding } from '../rules/types';
import { compareText } from '../text-order';

export interface BaselineEntry {
  ruleId: string;
  fingerprint: string;
  contentFingerprint: string;
  /** For people reading the file; matching never uses them. */
  file: string;
  stack: string;
  logicalId: string;
  message: string;
}

export interface Baseline {
  schemaVersion: 1;
  tool: 'iamgate';
  entries: BaselineEntry[];
}

export interface BaselineSummary {
  /** Where the baseline was read from. */
  file: string;
  entries: number;
  /** Findings recognized from the baseline (by either fingerprint). */
  matched: number;
  /** Of those, recognized only by content: the resource was renamed or its policy name changed. */
  renamed: number;
  /** Entries no finding matches any more. */
  gone: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

const compareEntries = (a: BaselineEntry, b: BaselineEntry) =>
  compareText(a.file, b.file) || compareText(a.logicalId, b.logicalId) || compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint);

/** The baseline of a scan: every finding not suppressed otherwise, in a stable order. */
export function buildBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings
    .filter((finding) => !finding.suppressed)
    .map(
      (finding): BaselineEntry => ({
        ruleId: finding.ruleId,
        fingerprint: finding.fingerprint,
        contentFingerprint: finding.contentFingerprint,
        file: finding.location.file,
        stack: finding.location.stack,
        logicalId: finding.location.logicalId,
        message: finding.message,
      }),
    )
    .sort(compareEntries);
  return { schemaVersion: 1, tool: 'iamgate', entries };
}

export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

const ENTRY_STRINGS = ['ruleId', 'fingerprint', 'contentFingerprint', 'file', 'stack', 'logicalId', 'message'] as const;

/** Reads a baseline file's text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const record = data as { schemaVersion?: unknown; entries?: unknown } | null;
  if (record === null || typeof record !== 'object' || record.schemaVersion !== 1 || !Array.isArray(record.entries)) {
    throw new BaselineError(`${file}: not an iamgate baseline (expected schemaVersion 1 and entries; write one with \`iamgate baseline\`)`);
  }
  const entries = record.entries.map((entry: unknown, i: number): BaselineEntry => {
    const item = entry as Record<string, unknown> | null;
    const missing = ENTRY_STRINGS.find((key) => item === null || typeof item !== 'object' || typeof item[key] !== 'string');
    if (missing !== undefined) throw new BaselineError(`${file}: entry ${i} has no "${missing}" string`);
    return Object.fromEntries(ENTRY_STRINGS.map((key) => [key, item![key]])) as unknown as BaselineEntry;
  });
  return { schemaVersion: 1, tool: 'iamgate', entries };
}

function indexBy(entries: readonly BaselineEntry[], key: 'fingerprint' | 'contentFingerprint'): Map<string, number[]> {
  const index = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const list = index.get(entry[key]);
    if (list) list.push(i);
    else index.set(entry[key], [i]);
  });
  return index;
}

/** What matching a finding against a baseline reads of it. */
export type BaselineKey = Pick<Finding, 'fingerprint' | 'contentFingerprint' | 'suppressed'>;

/**
 * Which findings the baseline knows, by their position in `findings` (report order). Each entry
 * accounts for one finding: a second finding with the same fingerprint is new. Only keys are
 * read, so a scan whose findings are spooled to disk matches without holding them.
 */
export function matchBaseline(findings: Iterable<BaselineKey>, baseline: Baseline, file: string): { known: Set<number>; summary: BaselineSummary } {
  const open: { fingerprint: string; contentFingerprint: string }[] = [];
  const positions: number[] = [];
  let position = 0;
  for (const { fingerprint, contentFingerprint, suppressed } of findings) {
    if (!suppressed) {
      open.push({ fingerprint, contentFingerprint });
      positions.push(position);
    }
    position += 1;
  }
  const used = new Set<number>();
  const known = new Set<number>();
  const take = (index: Map<string, number[]>, key: string): boolean => {
    const free = index.get(key)?.find((i) => !used.has(i));
    if (free === undefined) return false;
    used.add(free);
    return true;
  };
  const byFingerprint = indexBy(baseline.entries, 'fingerprint');
  open.forEach((finding, i) => {
    if (take(byFingerprint, finding.fingerprint)) known.add(positions[i]);
  });
  const matchedFirst = used.size;
  // Only what the exact pass left over may match by content, so a rename never steals an entry.
  const byContent = indexBy(baseline.entries, 'contentFingerprint');
  open.forEach((finding, i) => {
    if (!known.has(positions[i]) && take(byContent, finding.contentFingerprint)) known.add(positions[i]);
  });
  return {
    known,
    summary: {
      file,
      entries: baseline.entries.length,
      matched: used.size,
      renamed: used.size - matchedFirst,
      gone: baseline.entries.filter((_entry, i) => !used.has(i)),
    },
  };
}

/** A finding the baseline knows: suppressed, so that it no longer fails the gate. */
export function markKnown(finding: Finding, file: string): Finding {
  return { ...finding, suppressed: { source: 'baseline', reason: `known in the baseline ${file}` } };
}
