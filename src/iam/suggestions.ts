/** "Did you mean" for action names that the reference does not know. */
import { serviceRecord, servicePrefixes } from './services';
import { compareText } from '../text-order';

export type ActionSuggestions =
  /** The service exists: its closest action names, qualified (`s3:GetObject`). */
  | { kind: 'actions'; suggestions: string[] }
  /** The service prefix is unknown: the closest prefixes (`sqs`, `sso`). */
  | { kind: 'services'; suggestions: string[] };

const MAX_SUGGESTIONS = 3;

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Candidates within a distance that grows with the length of what was typed, closest first
 * (case ignored). Also what config and suppression checks suggest for a misspelt key or rule id.
 */
export function closest(typed: string, candidates: Iterable<string>): string[] {
  const lower = typed.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  return [...candidates]
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter((entry) => entry.distance <= limit)
    .sort((x, y) => x.distance - y.distance || compareText(x.candidate, y.candidate))
    .slice(0, MAX_SUGGESTIONS)
    .map((entry) => entry.candidate);
}

/** Suggestions for a misspelt `service:Action`. Loads at most the one named service. */
export function suggestActions(qualifiedName: string): ActionSuggestions {
  const colon = qualifiedName.indexOf(':');
  const prefix = colon >= 0 ? qualifiedName.slice(0, colon) : qualifiedName;
  const service = serviceRecord(prefix);
  if (!service || colon < 0) return { kind: 'services', suggestions: closest(prefix, servicePrefixes()) };
  const names = closest(
    qualifiedName.slice(colon + 1),
    service.info.actions.map((action) => action.name),
  );
  return { kind: 'actions', suggestions: names.map((name) => `${service.info.prefix}:${name}`) };
}
