/**
 * The suppression step of one template's analysis: template metadata first, then the config
 * file, then migrated cdk_nag/cfn_nag/checkov metadata (the first that holds is recorded).
 */
import type { LoadedTemplate, LoadError } from '../template/types';
import type { TemplateResolver } from '../resolve/types';
import type { Finding, Rule } from '../rules/types';
import type { EngineConfig } from './config';
import { configSuppressionEntries } from './config-suppressions';
import { enabledRules } from './run-rules';
import { applySuppressions, isoDay, staleTemplateSuppressions, type StaleSuppression } from './suppressions';
import { readTemplateSuppressions } from './template-suppressions';

export interface SuppressionStep {
  findings: Finding[];
  /** Suppressions written wrong (unknown rule, no reason, bad date): input errors, exit 2. */
  errors: LoadError[];
  staleSuppressions: StaleSuppression[];
  /** Indexes of the config suppressions that matched a finding here (stale ones are known only after every template). */
  usedConfigSuppressions: number[];
}

export interface SuppressionInput {
  rules: readonly Rule[];
  config: EngineConfig;
  now: Date;
}

export function suppressFindings(
  template: LoadedTemplate,
  resolver: TemplateResolver,
  findings: readonly Finding[],
  input: SuppressionInput,
): SuppressionStep {
  const known = new Set(input.rules.map((rule) => rule.meta.id));
  const written = readTemplateSuppressions(template, resolver, known);
  const own = written.entries.filter((entry) => entry.source === 'template-metadata');
  const migrated = written.entries.filter((entry) => entry.source !== 'template-metadata');
  const entries = [...own, ...configSuppressionEntries(input.config), ...migrated];
  const { findings: result, matched } = applySuppressions(findings, entries, isoDay(input.now));
  const enabled = new Set(enabledRules(input.rules, input.config).map((rule) => rule.meta.id));
  const usedConfigSuppressions = [...matched].flatMap((entry) => (entry.tracking?.kind === 'config' ? [entry.tracking.index] : []));
  return {
    findings: result,
    errors: written.problems.map((problem) => ({ file: template.file, ...template.locate(problem.at), message: problem.message })),
    staleSuppressions: staleTemplateSuppressions(own, matched, enabled, template.stackName),
    usedConfigSuppressions: usedConfigSuppressions.sort((a, b) => a - b),
  };
}
