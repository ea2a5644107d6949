/**
 * The fields every iamgate suppression has, wherever it is written (template metadata or the
 * config file): `id`, `reason`, and optionally `appliesTo`, `expires` and `ticket`.
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import { child, describeValue, didYouMean, isIsoDate, type Problem } from './value-checks';

export const MIN_REASON_LENGTH = 10;

export const SUPPRESSION_FIELDS = ['id', 'reason', 'appliesTo', 'expires', 'ticket'] as const;

export interface SuppressionFields {
  id: string;
  reason: string;
  /** Each entry as written, with where it is: callers decide what values they accept. */
  appliesTo?: { value: TemplateValue; at: JsonPointer }[];
  expires?: string;
  ticket?: string;
}

function optionalString(entry: TemplateObject, key: string, at: JsonPointer, problems: Problem[]): string | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  problems.push({ at: child(at, key), message: `"${key}" must be a string, got ${describeValue(value)}` });
  return undefined;
}

/** The fields of one suppression, or `undefined` with the reasons in `problems`. */
export function readSuppressionFields(
  entry: TemplateObject,
  at: JsonPointer,
  knownRuleIds: ReadonlySet<string>,
  problems: Problem[],
): SuppressionFields | undefined {
  const before = problems.length;
  const id = optionalString(entry, 'id', at, problems);
  if (id === undefined && entry.id === undefined) problems.push({ at, message: 'a suppression needs an "id": the rule it suppresses' });
  else if (id !== undefined && !knownRuleIds.has(id)) {
    problems.push({ at: child(at, 'id'), message: `unknown rule "${id}" in a suppression${didYouMean(id, knownRuleIds)}` });
  }

  const reason = optionalString(entry, 'reason', at, problems);
  if (reason === undefined && entry.reason === undefined) {
    problems.push({ at, message: `a suppression needs a "reason" of at least ${MIN_REASON_LENGTH} characters: why the finding is acceptable` });
  } else if (reason !== undefined && reason.trim().length < MIN_REASON_LENGTH) {
    problems.push({ at: child(at, 'reason'), message: `the reason must say why the finding is acceptable, in at least ${MIN_REASON_LENGTH} characters` });
  }

  const expires = optionalString(entry, 'expires', at, problems);
  if (expires !== undefined && !isIsoDate(expires)) {
    problems.push({ at: child(at, 'expires'), message: `"expires" must be a date written YYYY-MM-DD, got "${expires}"` });
  }
  const ticket = optionalString(entry, 'ticket', at, problems);

  let appliesTo: SuppressionFields['appliesTo'];
  const written = entry.appliesTo;
  if (written !== undefined) {
    const listAt = child(at, 'appliesTo');
    if (!Array.isArray(written)) problems.push({ at: listAt, message: `"appliesTo" must be a list of globs, got ${describeValue(written)}` });
    else if (written.length === 0) {
      problems.push({ at: listAt, message: '"appliesTo" is empty: leave it out to suppress every finding of the rule here' });
    } else appliesTo = written.map((value, i) => ({ value, at: child(listAt, i) }));
  }

  if (problems.length > before || id === undefined || reason === undefined) return undefined;
  return {
    id,
    reason: reason.trim(),
    ...(appliesTo ? { appliesTo } : {}),
    ...(expires !== undefined ? { expires } : {}),
    ...(ticket !== undefined ? { ticket } : {}),
  };
}
