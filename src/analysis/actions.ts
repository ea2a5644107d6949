/**
 * The actions and resources of a statement as sets: which access levels they reach, and whether
 * a Deny's actions and resources cover an Allow's. Only literal patterns prove anything: a value
 * not known statically covers nothing and may reach any level.
 */
import type { Located, Statement } from '../extract/types';
import type { ResolvedString } from '../resolve/types';
import {
  ACCESS_LEVELS_BY_STRENGTH,
  actionPatternMatches,
  arnParts,
  expandActionPattern,
  expandActionPatternAcrossServices,
  isEffectivelyStar,
  globCovers,
  type AccessLevel,
  type ActionInfo,
} from '../iam';
import { formatResolvedString } from '../resolve';

const ALL_ACTIONS = /^\*+(:\*+)?$/;

export function isAllActionsPattern(pattern: string): boolean {
  return ALL_ACTIONS.test(pattern.trim());
}

/** The concrete actions a literal pattern stands for; `all` for `*`; `unknown` when it names none we know. */
export function actionsOfPattern(pattern: string): readonly ActionInfo[] | 'all' | 'unknown' {
  let expansion = expandActionPattern(pattern);
  if (expansion.kind === 'all-actions') return 'all';
  if (expansion.kind === 'cross-service') expansion = expandActionPatternAcrossServices(pattern);
  return expansion.kind === 'actions' ? expansion.actions : 'unknown';
}

export interface StatementAccess {
  levels: ReadonlySet<AccessLevel>;
  /** Action values that are not known statically or name no known action, as written. */
  unknown: string[];
}

/**
 * The access levels a statement's actions reach. `NotAction` and `*` reach every level; a value
 * that is not known statically, or names no action we know, is listed as unknown.
 */
export function statementAccess(statement: Statement): StatementAccess {
  if (statement.notActions) return { levels: new Set(ACCESS_LEVELS_BY_STRENGTH), unknown: [] };
  const levels = new Set<AccessLevel>();
  const unknown: string[] = [];
  for (const { value } of statement.actions ?? []) {
    const actions = typeof value === 'string' ? actionsOfPattern(value) : 'unknown';
    if (actions === 'all') ACCESS_LEVELS_BY_STRENGTH.forEach((level) => levels.add(level));
    else if (actions === 'unknown') unknown.push(formatResolvedString(value));
    else for (const action of actions) action.accessLevels.forEach((level) => levels.add(level));
  }
  return { levels, unknown };
}

const literals = (list: readonly Located<ResolvedString>[]): string[] =>
  list.flatMap((item) => (typeof item.value === 'string' ? [item.value] : []));

/** Whether every action the Allow names is one the Deny names. */
export function denyCoversActions(allow: Statement, deny: Statement): boolean {
  if (!deny.actions) return false;
  const patterns = literals(deny.actions);
  if (patterns.some(isAllActionsPattern)) return true;
  if (!allow.actions || allow.actions.some((a) => typeof a.value !== 'string')) return false;
  return literals(allow.actions).every((pattern) => {
    if (patterns.some((p) => p.toLowerCase() === pattern.toLowerCase())) return true;
    const actions = actionsOfPattern(pattern);
    return actions !== 'all' && actions !== 'unknown' && actions.every((action) => patterns.some((p) => actionPatternMatches(p, action)));
  });
}

/**
 * Whether a Deny's resource takes in every resource an Allow on "*" reaches: effectively "*", in
 * any region and account or this stack's own. A Deny on another account's roles
 * (`arn:aws:iam::999999999999:role/*`) or one region's functions leaves this account's, or the
 * other regions', to the Allow.
 */
export function coversEveryResourceHere(pattern: ResolvedString, action?: ActionInfo): boolean {
  if (isEffectivelyStar(pattern, action) !== 'star') return false;
  const parts = arnParts(pattern);
  return parts === undefined || (anywhereOrHere(parts.region, 'AWS::Region') && anywhereOrHere(parts.account, 'AWS::AccountId'));
}

function anywhereOrHere(segment: ResolvedString, here: 'AWS::Region' | 'AWS::AccountId'): boolean {
  if (typeof segment === 'string') return /^\**$/.test(segment);
  const [only, ...rest] = segment.kind === 'symbolic' ? segment.parts : [];
  return rest.length === 0 && typeof only === 'object' && only.kind === 'pseudo' && only.name === here;
}

/**
 * Whether one of the patterns takes in the resource: `*`, the same text, or a glob matching it.
 * A reference stands for one specific value, so `${Data.Arn}/*` takes in `${Data.Arn}/logs/*`.
 */
export function resourceCoveredBy(resource: ResolvedString, patterns: readonly ResolvedString[]): boolean {
  return patterns.some((pattern) => coversEveryResourceHere(pattern) || writtenToTakeIn(pattern, resource));
}

/** Whether a pattern, as written, takes in the resource: the same text or a glob matching it. */
export function writtenToTakeIn(pattern: ResolvedString, resource: ResolvedString): boolean {
  const written = formatResolvedString(pattern);
  const shown = formatResolvedString(resource);
  // References are opaque text; resource patterns are case-sensitive.
  return written === shown || globCovers(written, shown);
}

/**
 * Whether every resource the Allow names is one the Deny names. A statement without `Resource`
 * (a permission on one function) is about the protected resource: a Deny without `Resource`
 * or with every resource covers it.
 */
export function denyCoversResources(allow: Statement, deny: Statement): boolean {
  if (deny.notResources || allow.notResources) return false;
  if (!deny.resources) return true;
  const denied = deny.resources.map((r) => r.value);
  if (!allow.resources) return denied.some((r) => coversEveryResourceHere(r));
  return allow.resources.every((r) => resourceCoveredBy(r.value, denied));
}
