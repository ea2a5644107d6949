/**
 * `--minimize`: an action list as the fewest `service:Prefix*` wildcards that stand for exactly
 * the same actions, to stay under policy size quotas. A wildcard is used only when its expansion
 * over the service's whole action list (in the bundled reference) is inside the list: it never
 * grants one action more. AWS may add actions later that a wildcard would then match; that is
 * the price of a shorter policy, and why minimizing is opt-in.
 *
 * Actions that manage permissions or take part in privilege escalation stay listed by name, so
 * that no wildcard hides them (and action-wildcard has nothing to report).
 */
import { expandActionPattern, type ActionInfo } from '../iam';
import { takesPartInEscalation } from '../rules/helpers/actions';

function keptByName(action: ActionInfo): boolean {
  return action.accessLevels.has('Permissions management') || takesPartInEscalation(action);
}

/** `SendMessage`, `SendMessageBatch` → `SendMessage`: a wildcard reads best spelt out as far as its actions agree. */
function commonPrefix(names: readonly string[]): string {
  let prefix = names[0]!;
  for (const name of names) while (!name.toLowerCase().startsWith(prefix.toLowerCase())) prefix = prefix.slice(0, -1);
  return prefix;
}

/** The shortest `service:Prefix*` of the action whose expansion lies inside `allowed` (lowercase names), spelt out to the longest prefix its actions share, and how many it covers. */
function narrowestWildcard(action: ActionInfo, allowed: ReadonlySet<string>, tried: Map<string, readonly ActionInfo[] | undefined>): { pattern: string; covers: number } {
  for (let length = 1; length <= action.name.length; length++) {
    const pattern = `${action.service}:${action.name.slice(0, length)}*`;
    let covered = tried.get(pattern);
    if (!tried.has(pattern)) {
      const expansion = expandActionPattern(pattern);
      covered = expansion.kind === 'actions' && expansion.actions.every((a) => allowed.has(a.qualifiedName.toLowerCase())) ? expansion.actions : undefined;
      tried.set(pattern, covered);
    }
    if (covered) return { pattern: `${action.service}:${commonPrefix(covered.map((a) => a.name))}*`, covers: covered.length };
  }
  return { pattern: action.qualifiedName, covers: 1 };
}

/**
 * Sorted patterns and names that stand for exactly `actions`. Each action takes its shortest
 * prefix whose wildcard stays inside the list; actions sharing a usable prefix then all take the
 * same one, so no pattern is redundant.
 */
export function minimizeActions(actions: readonly ActionInfo[]): string[] {
  const named = actions.filter(keptByName).map((action) => action.qualifiedName);
  const collapsible = actions.filter((action) => !keptByName(action));
  const allowed = new Set(collapsible.map((action) => action.qualifiedName.toLowerCase()));
  const tried = new Map<string, readonly ActionInfo[] | undefined>();
  const patterns = new Set<string>();
  for (const action of collapsible) {
    const { pattern, covers } = narrowestWildcard(action, allowed, tried);
    // A wildcard for one action says less than its name.
    patterns.add(covers === 1 ? action.qualifiedName : pattern);
  }
  return [...patterns, ...named].sort();
}
