/**
 * The concrete actions behind a reported wildcard at the access levels the statement seems to
 * mean: a partial wildcard (`s3:Put*`) keeps its levels but Permissions management; a
 * service-wide one (`dynamodb:*`) keeps Read, List and Write. Privilege-escalation actions are
 * left out of both. Only actions the statement's resources let it act on are listed, so the
 * replacement never grants more than the wildcard did.
 */
import type { Statement } from '../../extract/types';
import type { FixSuggestion } from '../types';
import { arnParts, expandActionPattern, strongestAccessLevel, type AccessLevel, type ActionInfo } from '../../iam';
import { appliesTo, type WildcardGrant } from './over-grants';
import { takesPartInEscalation } from './actions';
import { summarizeList } from './statements';
import { yamlSnippet } from '../../template/yaml-writer';
import { compareText } from '../../text-order';

/** How many actions a fix names on its line. */
const SHOWN = 6;

/** The order a reader expects: from reading to changing who has access. */
const LEVEL_ORDER: readonly AccessLevel[] = ['Read', 'List', 'Write', 'Tagging', 'Permissions management'];

const DROPPED_BY_SERVICE_WILDCARD: ReadonlySet<AccessLevel> = new Set(['Permissions management', 'Tagging']);

export interface WildcardExpansion {
  /** The actions to list instead, sorted by name. */
  actions: ActionInfo[];
  /** Their strongest access levels, Read first. */
  levels: AccessLevel[];
  /** What the wildcard allows that the list leaves out, as phrases (`27 Permissions management actions`). */
  leftOut: string[];
}

function leftOutPhrases(dropped: readonly ActionInfo[], escalating: ReadonlySet<ActionInfo>): string[] {
  const byLevel = new Map<string, number>();
  for (const action of dropped) {
    const why = escalating.has(action) ? 'privilege-escalation' : (strongestAccessLevel(action.accessLevels) ?? 'other');
    byLevel.set(why, (byLevel.get(why) ?? 0) + 1);
  }
  return [...byLevel].map(([why, n]) => `${n} ${why} ${n === 1 ? 'action' : 'actions'}`);
}

export function intendedExpansion(grant: Pick<WildcardGrant, 'actions' | 'serviceWide' | 'escalating'>): WildcardExpansion {
  const escalating = new Set(grant.escalating);
  const kept = grant.actions.filter((action) => {
    const level = strongestAccessLevel(action.accessLevels);
    if (escalating.has(action) || level === undefined) return false;
    return grant.serviceWide ? !DROPPED_BY_SERVICE_WILDCARD.has(level) : level !== 'Permissions management';
  });
  // A wildcard made only of what is left out stands for exactly those actions.
  const actions = [...(kept.length > 0 ? kept : grant.actions)].sort((a, b) => compareText(a.qualifiedName, b.qualifiedName));
  const listed = new Set(actions);
  return {
    actions,
    // Every level the actions carry, as the finding's message counts them (s3:DeleteObjectTagging is Write and Tagging).
    levels: LEVEL_ORDER.filter((level) => actions.some((action) => action.accessLevels.has(level))),
    leftOut: leftOutPhrases(
      grant.actions.filter((action) => !listed.has(action)),
      escalating,
    ),
  };
}

/** The main actions first (the shortest names: `s3:GetObject` before `s3:GetObjectRetention`). */
function shownFirst(actions: readonly ActionInfo[]): string[] {
  return actions.map((a) => a.qualifiedName).sort((a, b) => a.length - b.length || compareText(a, b));
}

export interface WildcardAdvice {
  fix: string;
  suggestion: FixSuggestion;
}

function advice(pattern: string, at: string, expansion: WildcardExpansion, ruleId: string, where: string): WildcardAdvice {
  const names = shownFirst(expansion.actions);
  const count = names.length === 1 ? 'action' : 'actions';
  const number = names.length === 1 ? '' : `${names.length} `;
  const levels = summarizeList(expansion.levels).replace(/, ([^,]*)$/, ' and $1');
  const listed =
    names.length > SHOWN
      ? `${names.slice(0, SHOWN).join(', ')} … (${names.length - SHOWN} more; \`iamgate generate\` lists the actions of each access level)`
      : names.join(', ');
  const leftOut = expansion.leftOut.length > 0 ? ` It leaves out ${expansion.leftOut.join(', ')}: add back only those the workload calls.` : '';
  return {
    fix:
      `Replace "${pattern}" with the ${number}${levels} ${count} it allows ${where}: ${listed}.` +
      leftOut +
      ` \`iamgate fix --accept ${ruleId}\` writes the list.`,
    suggestion: {
      snippet: yamlSnippet({ Action: expansion.actions.map((a) => a.qualifiedName) }),
      edit: { kind: 'expand-action', at, pattern, actions: expansion.actions.map((a) => a.qualifiedName) },
      needsAcceptance: true,
    },
  };
}

export function wildcardAdvice(grant: WildcardGrant, ruleId: string): WildcardAdvice {
  return advice(grant.pattern, grant.entry.item.at, intendedExpansion(grant), ruleId, 'on these resources');
}

/**
 * `Action: "*"` on named resources: the Read, List and Write actions of the services those
 * resources belong to, that act on them. `undefined` when no resource names its service.
 */
export function allActionsAdvice(statement: Statement, at: string, ruleId: string): WildcardAdvice | undefined {
  const services = new Set<string>();
  for (const { value } of statement.resources ?? []) {
    const service = arnParts(value)?.service;
    if (typeof service === 'string' && /^[a-z0-9-]+$/.test(service)) services.add(service);
  }
  const actions = [...services].flatMap((service) => {
    const expansion = expandActionPattern(`${service}:*`);
    return expansion.kind === 'actions' ? expansion.actions.filter((action) => appliesTo(statement, action)) : [];
  });
  if (actions.length === 0) return undefined;
  const expansion = intendedExpansion({ actions, serviceWide: true, escalating: actions.filter(takesPartInEscalation) });
  return advice('*', at, expansion, ruleId, `of ${summarizeList([...services])} on these resources`);
}
