/**
 * The Action elements of a statement with what they expand to, computed once per statement
 * and shared by every rule that asks; and what the privilege-escalation catalogue says of an action.
 */
import type { Located, Statement } from '../../extract/types';
import type { ResolvedString } from '../../resolve/types';
import {
  expandActionPattern,
  PatternIndex,
  privilegeEscalationCatalog,
  strongestAccessLevel,
  type AccessLevel,
  type ActionInfo,
  type ActionPatternExpansion,
  type PrivilegeEscalationMethod,
} from '../../iam';
import { memoized } from '../../memo';
import { statementContent } from '../../extract';
import { isAllActions } from './statements';

export interface ActionEntry {
  item: Located<ResolvedString>;
  /** The pattern as written, when it is literal text. */
  pattern?: string;
  /** What the literal pattern expands to; absent for values not known statically. */
  expansion?: ActionPatternExpansion;
}

const entries = new WeakMap<Statement, ActionEntry[]>();

/** Every element of `Action` (not `NotAction`), expanded. */
export function actionEntries(statement: Statement): ActionEntry[] {
  return memoized(entries, statement, (key) => {
    const content = statementContent(key);
    // A statement placed from a shared document takes the expansions already made, with its own elements.
    if (content !== key) return actionEntries(content).map((entry, i) => ({ ...entry, item: key.actions![i]! }));
    return (key.actions ?? []).map((item): ActionEntry => {
      if (typeof item.value !== 'string') return { item };
      const pattern = item.value.trim();
      return { item, pattern, expansion: isAllActions(pattern) ? { kind: 'all-actions' } : expandActionPattern(pattern) };
    });
  });
}

/** Per statement content: the positions of its literal `Action` elements by the service they name, and the answers so far (-1: none). */
const coveringElements = new WeakMap<Statement, { index: PatternIndex<number>; found: Map<ActionInfo, number> }>();

/**
 * The first element of `Action` whose literal pattern covers the action. Asked for every action
 * of the privilege-escalation catalogue, for every principal: answered once per statement content
 * and action, trying only the patterns that can name the action's service.
 */
export function actionElementCovering(statement: Statement, action: ActionInfo): Located<ResolvedString> | undefined {
  const memo = memoized(coveringElements, statementContent(statement), (content) => {
    const literal: (readonly [string, number])[] = [];
    content.actions?.forEach((item, i) => {
      if (typeof item.value === 'string') literal.push([item.value, i]);
    });
    return { index: new PatternIndex(literal), found: new Map() };
  });
  let found = memo.found.get(action);
  if (found === undefined) {
    found = memo.index.first(action) ?? -1;
    memo.found.set(action, found);
  }
  return found < 0 ? undefined : statement.actions?.[found];
}

/** The concrete actions an entry stands for (none for `*`, unknown values and patterns that match nothing). */
export function entryActions(entry: ActionEntry): readonly ActionInfo[] {
  return entry.expansion?.kind === 'actions' ? entry.expansion.actions : [];
}

const knownActionLists = new WeakMap<Statement, readonly ActionInfo[] | null>();

/** The statement's actions when every one is known; `undefined` when some cannot be (`*`, a value not known statically, no Action). */
export function knownActions(statement: Statement): readonly ActionInfo[] | undefined {
  return memoized(knownActionLists, statementContent(statement), (key) => {
    const list = actionEntries(key);
    if (list.length === 0 || list.some((entry) => entry.expansion?.kind !== 'actions')) return null;
    return [...new Set(list.flatMap(entryActions))];
  }) ?? undefined;
}

/** Every access level the actions reach, strongest first. */
export function accessLevelsOf(actions: readonly ActionInfo[]): AccessLevel[] {
  const levels = new Set<AccessLevel>(actions.flatMap((action) => [...action.accessLevels]));
  const ordered: AccessLevel[] = [];
  for (let level = strongestAccessLevel(levels); level !== undefined; level = strongestAccessLevel(levels)) {
    ordered.push(level);
    levels.delete(level);
  }
  return ordered;
}

/** The privilege-escalation method the action is on its own (`iam:PutRolePolicy`, `lambda:UpdateFunctionCode`), if any. */
export function singleActionMethod(action: ActionInfo): PrivilegeEscalationMethod | undefined {
  const name = action.qualifiedName.toLowerCase();
  return privilegeEscalationCatalog().methods.find((m) => m.actions.length === 1 && m.actions[0]!.toLowerCase() === name);
}

let escalationActions: ReadonlySet<string> | undefined;

/** Whether the action takes part in some privilege-escalation method, alone or with others. */
export function takesPartInEscalation(action: ActionInfo): boolean {
  escalationActions ??= new Set(privilegeEscalationCatalog().methods.flatMap((m) => m.actions.map((a) => a.toLowerCase())));
  return escalationActions.has(action.qualifiedName.toLowerCase());
}
