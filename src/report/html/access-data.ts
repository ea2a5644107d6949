/**
 * What the HTML report needs of each template besides findings: effective access (principal ×
 * in-template resource), the roles each principal can act as, and each in-template principal
 * with the policies that apply to it. Collected through `scan`'s `onTemplate` while the template
 * is in memory (statements become file:line here); plain data afterwards.
 */
import type { LoadedTemplate } from '../../template/types';
import type { TemplateAnalysis } from '../../engine/analyze-template';
import type { EngineConfig } from '../../engine/config';
import { resolveConfig, type ScanOptions } from '../../engine/scan';
import type { Policy, PrincipalEntity } from '../../extract/types';
import { childPointer } from '../../template';
import { parametersFor } from '../../engine/config-paths';
import { accessInputOf } from '../../analysis/access-input';
import { accessEntries } from '../../analysis/effective-access';
import { roleEdges } from '../../analysis/escalation';
import { accessRows, reachRows, type AccessRow, type ReachRow } from '../access';
import { listPolicies, type ListedPolicy } from '../policies';

export interface StackPrincipal {
  logicalId: string;
  kind: PrincipalEntity['kind'];
  resourceType: string;
  line: number;
  constructPath?: string;
  /** Identity policies (inline, managed, group) and permissions boundaries that apply to it. */
  policies: ListedPolicy[];
}

export interface StackAccess {
  file: string;
  stack: string;
  principals: StackPrincipal[];
  access: AccessRow[];
  reach: ReachRow[];
}

export function collectStackAccess(analysis: TemplateAnalysis, template: LoadedTemplate, config: EngineConfig): StackAccess {
  const input = accessInputOf(analysis.extraction, template, {
    parameters: parametersFor(template.file, config),
    trust: { trustedAccounts: config.trustedAccounts, trustedOrganizations: config.trustedOrganizations },
  });
  const listed = listPolicies(analysis, template);
  const listedOf = new Map<Policy, ListedPolicy>(analysis.extraction.policies.map((policy, i) => [policy, listed[i]!]));
  const principals = input.principals.map((set): StackPrincipal => {
    const entity = set.principal as PrincipalEntity;
    return {
      logicalId: entity.logicalId,
      kind: entity.kind,
      resourceType: entity.resourceType,
      line: template.locate(childPointer('/Resources', entity.logicalId)).line,
      ...(entity.constructPath !== undefined ? { constructPath: entity.constructPath } : {}),
      policies: [...set.policies, ...set.boundaries].flatMap((policy) => listedOf.get(policy) ?? []),
    };
  });
  return {
    file: template.file,
    stack: template.stackName,
    principals,
    access: accessRows(accessEntries(input), template),
    reach: reachRows(roleEdges(input), template),
  };
}

/** Collects each template's access during a scan: pass `onTemplate` to `scan`, read `stacks` after. */
export function accessCollector(config: Partial<EngineConfig> | undefined): { stacks: StackAccess[]; onTemplate: NonNullable<ScanOptions['onTemplate']> } {
  const resolved = resolveConfig(config);
  const stacks: StackAccess[] = [];
  return { stacks, onTemplate: (analysis, template) => stacks.push(collectStackAccess(analysis, template, resolved)) };
}
