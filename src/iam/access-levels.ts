import { IamDataError } from './errors';
import type { AccessLevel } from './types';

/** Strongest first: the strongest level of an action decides how severe an over-grant is. */
export const ACCESS_LEVELS_BY_STRENGTH: readonly AccessLevel[] = [
  'Permissions management',
  'Write',
  'Tagging',
  'Read',
  'List',
];

const BY_LOWERCASE = new Map(ACCESS_LEVELS_BY_STRENGTH.map((level) => [level.toLowerCase(), level]));

/**
 * Parse the reference's access-level string, which may name several levels:
 * `"Permissions management, Write"` → {Permissions management, Write}.
 */
export function parseAccessLevels(text: string): ReadonlySet<AccessLevel> {
  const levels = new Set<AccessLevel>();
  for (const piece of text.split(',')) {
    const level = BY_LOWERCASE.get(piece.trim().toLowerCase());
    if (!level) throw new IamDataError(`unknown access level "${piece.trim()}" in "${text}"`);
    levels.add(level);
  }
  return levels;
}

/** The strongest of the given levels, or `undefined` when there are none. */
export function strongestAccessLevel(levels: Iterable<AccessLevel>): AccessLevel | undefined {
  const present = new Set(levels);
  return ACCESS_LEVELS_BY_STRENGTH.find((level) => present.has(level));
}
