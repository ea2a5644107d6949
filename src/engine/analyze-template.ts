/**
 * One template through resolve → extract → rules. Pure: the template is already loaded.
 */
import type { LoadedTemplate, LoadError } from '../template/types';
import type { ExportedValue } from '../resolve/types';
import type { Extraction } from '../extract/types';
import type { Finding, Rule, StackAnalysis } from '../rules/types';
import type { EngineConfig } from './config';
import { createResolver } from '../resolve';
import { extractPolicies } from '../extract';
import { getAwsManagedPolicy } from '../iam';
import { buildPrincipalSets } from './principal-sets';
import { stackResources } from './stack-resources';
import { runRules } from './run-rules';
import { parametersFor } from './config-paths';
import { suppressFindings } from './suppress';
import type { StaleSuppression } from './suppressions';

export interface TemplateAnalysis {
  file: string;
  stack: string;
  extraction: Extraction;
  findings: Finding[];
  errors: LoadError[];
  /** This stack's exports, for `Fn::ImportValue` in the others. */
  exports: ExportedValue[];
  /** Suppressions written in this template that matched no finding. */
  staleSuppressions: StaleSuppression[];
  /** Indexes of `config.suppressions` that matched a finding of this template. */
  usedConfigSuppressions: number[];
}

export interface AnalyzeOptions {
  rules: readonly Rule[];
  config: EngineConfig;
  /** Exports of the other stacks in the scan, for `Fn::ImportValue`. */
  exports?: ReadonlyMap<string, ExportedValue>;
  /** When suppressions expire is decided against this; the current time by default. */
  now?: Date;
}

export function analyzeTemplate(template: LoadedTemplate, options: AnalyzeOptions): TemplateAnalysis {
  try {
    return analyzeLoaded(template, options);
  } catch (error) {
    // Fail closed: an exception anywhere in the pipeline is an error for this template, never "no findings".
    const message = `internal error while analyzing: ${(error as Error).message}`;
    return {
      file: template.file,
      stack: template.stackName,
      extraction: { policies: [], principals: [], errors: [] },
      findings: [],
      errors: [{ file: template.file, line: 1, column: 1, message }],
      exports: [],
      staleSuppressions: [],
      usedConfigSuppressions: [],
    };
  }
}

function analyzeLoaded(template: LoadedTemplate, options: AnalyzeOptions): TemplateAnalysis {
  const parameters = parametersFor(template.file, options.config);
  const resolver = createResolver(template, { parameters, exports: options.exports });
  const extraction = extractPolicies(template, resolver, { awsManagedPolicy: getAwsManagedPolicy });
  const stack: StackAnalysis = {
    file: template.file,
    stack: template.stackName,
    extraction,
    principals: buildPrincipalSets(extraction),
    resources: stackResources(template, resolver),
    template: template.body,
  };
  const { findings, errors } = runRules(template, stack, options.rules, options.config);
  // Without rules (access, diff) there is nothing to suppress, and every suppression would name an "unknown" rule.
  const suppressed =
    options.rules.length > 0
      ? suppressFindings(template, resolver, findings, { ...options, now: options.now ?? new Date() })
      : { findings, errors: [], staleSuppressions: [], usedConfigSuppressions: [] };
  const invalid = [
    ...extraction.errors,
    // Fail closed: a document IAM would refuse is bad input (exit 2), however the rules rate it.
    ...extraction.policies.flatMap((policy) => policy.problems.filter((p) => p.rejected).map((p) => ({ logicalId: policy.source.logicalId, message: p.message, at: p.at }))),
  ];
  const extractErrors = invalid.map((e): LoadError => {
    const position = template.locate(e.at);
    return { file: template.file, ...position, message: `${e.logicalId}: ${e.message}` };
  });
  return {
    file: template.file,
    stack: template.stackName,
    extraction,
    findings: suppressed.findings,
    errors: [...extractErrors, ...errors, ...suppressed.errors],
    exports: resolver.exports(),
    staleSuppressions: suppressed.staleSuppressions,
    usedConfigSuppressions: suppressed.usedConfigSuppressions,
  };
}
