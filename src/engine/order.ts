/** Output order is deterministic: file, line, column, then rule id (DESIGN.md §6). */
import type { LoadError } from '../template/types';
import type { Finding } from '../rules/types';
import { compareText } from '../text-order';

export { compareText };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

export function compareErrors(a: LoadError, b: LoadError): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.message, b.message);
}
