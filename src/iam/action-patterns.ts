/**
 * Expanding action patterns (`s3:Get*`, `iam:*Policy*`, `ec2:Describe?nstances`) into the concrete
 * actions of the reference. Action names are case-insensitive in IAM.
 */
import { serviceRecord, servicePrefixes } from './services';
import type { ActionInfo } from './types';
import { hasWildcard, wildcardRegExp } from './wildcards';
import { compareText } from '../text-order';
import { TextKeyedMemo } from '../memo';

export type ActionPatternExpansion =
  /** Concrete actions, sorted by qualified name; never empty. */
  | { kind: 'actions'; actions: readonly ActionInfo[] }
  /** `*`, `*:*`: every action of every service. Nothing was loaded to say so. */
  | { kind: 'all-actions' }
  /**
   * A wildcard in the service prefix (`*:Get*`, `s*:List*`): expanding it means loading many services,
   * so it is left to `expandActionPatternAcrossServices`, for the callers that need the list.
   */
  | { kind: 'cross-service'; servicePattern: string; actionPattern: string }
  /** No service has this prefix (or, across services, none matches the prefix pattern). */
  | { kind: 'unknown-service'; service: string }
  /** The service exists but none of its actions matches. */
  | { kind: 'no-match'; service: string; actionPattern: string }
  /** Not of the form `service:action`. */
  | { kind: 'malformed'; reason: string };

interface SplitPattern {
  service: string;
  action: string;
}

function split(pattern: string): SplitPattern | { kind: 'malformed'; reason: string } {
  const text = pattern.trim();
  if (/^\*+$/.test(text)) return { service: '*', action: '*' };
  const parts = text.split(':');
  if (parts.length !== 2) return { kind: 'malformed', reason: `"${pattern}" is not of the form service:action` };
  const [service, action] = parts as [string, string];
  if (!service || !action) return { kind: 'malformed', reason: `"${pattern}" has an empty service or action name` };
  return { service, action };
}

const onlyStars = (text: string): boolean => /^\*+$/.test(text);

function matchingActions(prefix: string, actionPattern: string): readonly ActionInfo[] {
  const service = serviceRecord(prefix);
  if (!service) return [];
  if (onlyStars(actionPattern)) return service.info.actions;
  if (!hasWildcard(actionPattern)) {
    const action = service.actionsByName.get(actionPattern.toLowerCase());
    return action ? [action] : [];
  }
  const regexp = wildcardRegExp(actionPattern);
  return service.info.actions.filter((action) => regexp.test(action.name));
}

/** Expand a pattern whose service prefix is literal; patterns spanning services come back as markers. */
export function expandActionPattern(pattern: string): ActionPatternExpansion {
  const parts = split(pattern);
  if ('kind' in parts) return parts;
  if (onlyStars(parts.service) && onlyStars(parts.action)) return { kind: 'all-actions' };
  if (hasWildcard(parts.service)) return { kind: 'cross-service', servicePattern: parts.service, actionPattern: parts.action };
  if (!serviceRecord(parts.service)) return { kind: 'unknown-service', service: parts.service };
  const actions = matchingActions(parts.service, parts.action);
  return actions.length > 0
    ? { kind: 'actions', actions }
    : { kind: 'no-match', service: parts.service.toLowerCase(), actionPattern: parts.action };
}

/**
 * Expand any pattern, loading every service whose prefix matches (all of them for `*`).
 * The explicit, expensive path behind `all-actions` and `cross-service`.
 */
export function expandActionPatternAcrossServices(pattern: string): ActionPatternExpansion {
  const parts = split(pattern);
  if ('kind' in parts) return parts;
  const prefixRegExp = wildcardRegExp(parts.service);
  const prefixes = [...servicePrefixes()].filter((prefix) => prefixRegExp.test(prefix)).sort(compareText);
  if (prefixes.length === 0) return { kind: 'unknown-service', service: parts.service };
  const actions = prefixes
    .flatMap((prefix) => matchingActions(prefix, parts.action))
    .sort((a, b) => compareText(a.qualifiedName, b.qualifiedName));
  return actions.length > 0
    ? { kind: 'actions', actions }
    : { kind: 'no-match', service: parts.service.toLowerCase(), actionPattern: parts.action };
}

/**
 * The service a pattern can name, lowercase (`S3:Get*` → `s3`), or `undefined` when its service
 * prefix has a wildcard (`*`, `*:Get*`, `s?s:*`) and it may name any. A pattern covers an action
 * only when this is undefined or the action's own {@link actionServiceKey}: long lists of patterns
 * can be indexed by it.
 */
export function patternServiceKey(pattern: string): string | undefined {
  const text = pattern.trim();
  const colon = text.indexOf(':');
  const service = colon < 0 ? text : text.slice(0, colon);
  return hasWildcard(service) ? undefined : service.toLowerCase();
}

/** The lowercase service prefix of an action (or a name as written). */
export function actionServiceKey(action: ActionInfo | string): string {
  const name = typeof action === 'string' ? action : action.qualifiedName;
  const colon = name.indexOf(':');
  return (colon < 0 ? name : name.slice(0, colon)).toLowerCase();
}

const matchers = new TextKeyedMemo<(name: string) => boolean>();

/** Whether an action pattern as written in a policy covers the action (case-insensitive; loads nothing). */
export function actionPatternMatches(pattern: string, action: ActionInfo | string): boolean {
  const matches = matchers.get(pattern, (own) => actionMatcher(own.trim()));
  return matches(typeof action === 'string' ? action : action.qualifiedName);
}

/** Rules ask about the same patterns again and again: each is compiled once, and a name without wildcards needs no regex. */
function actionMatcher(text: string): (name: string) => boolean {
  if (onlyStars(text)) return () => true;
  if (!hasWildcard(text)) {
    const lower = text.toLowerCase();
    return (name) => name.length === lower.length && (name === text || name.toLowerCase() === lower);
  }
  const regexp = wildcardRegExp(text);
  return (name) => regexp.test(name);
}
