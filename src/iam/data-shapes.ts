/**
 * Shape checks for JSON read from data files. Data we cannot read as expected is an error,
 * never a silently smaller reference.
 */
import { IamDataError } from './errors';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown, file: string, what: string): JsonRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IamDataError(`${what} is not an object`, file);
  }
  return value as JsonRecord;
}

export function asString(value: unknown, file: string, what: string): string {
  if (typeof value !== 'string') throw new IamDataError(`${what} is not a string`, file);
  return value;
}

export function asBoolean(value: unknown, file: string, what: string): boolean {
  if (typeof value !== 'boolean') throw new IamDataError(`${what} is not a boolean`, file);
  return value;
}

export function asArray(value: unknown, file: string, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new IamDataError(`${what} is not a list`, file);
  return value;
}

export function asStringArray(value: unknown, file: string, what: string): readonly string[] {
  const items = asArray(value, file, what);
  const bad = items.findIndex((item) => typeof item !== 'string');
  if (bad >= 0) throw new IamDataError(`${what}[${bad}] is not a string`, file);
  return items as readonly string[];
}
