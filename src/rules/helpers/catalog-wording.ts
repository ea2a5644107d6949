/**
 * Wording shared by the rules whose actions come from a risk catalogue (credentials exposure,
 * data exfiltration, resource exposure): what the action does, in the catalogue's words, and
 * the in-template ARNs to scope it to.
 */
import type { StackAnalysis } from '../types';
import type { ActionRiskCatalog } from '../../iam';
import type { OverGrantWording } from './over-grant-rule';
import { summarizeList } from './statements';
import { describeReach } from './report-over-grants';
import { groupResourceAdvice } from './suggest-resources';

export function catalogWording(
  stack: StackAnalysis,
  /** What the actions do when the catalogue has no words for them. */
  what: string,
  catalog?: ActionRiskCatalog,
): OverGrantWording {
  const explanation = (name: string): string | undefined =>
    catalog?.actions.find((entry) => entry.action.toLowerCase() === name.toLowerCase())?.explanation;
  return {
    baseSeverity: () => 'error',
    message: ({ grants, reach }) => {
      const names = grants.map((g) => g.action.qualifiedName);
      const why = explanation(names[0]!) ?? what;
      return `allows ${summarizeList(names)} on ${describeReach(reach)}: ${why.replace(/\.$/, '')}`;
    },
    fix: (group) => `Scope the resource to what the workload needs: ${groupResourceAdvice(group, stack).text}.`,
    suggestion: (group) => groupResourceAdvice(group, stack).suggestion,
  };
}
