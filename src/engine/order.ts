/** Output order is deterministic: file, line, column, then rule id (DESIGN.md §6). */
import type { LoadError } from '../template/types';
import type { Finding } from '../rules/types';

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareFindings(a: Finding, b: Finding): number {
  return (
    text(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    text(a.ruleId, b.ruleId) ||
    text(a.message, b.message) ||
    text(a.fingerprint, b.fingerprint)
  );
}

export function compareErrors(a: LoadError, b: LoadError): number {
  return text(a.file, b.file) || a.line - b.line || a.column - b.column || text(a.message, b.message);
}
