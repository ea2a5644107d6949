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
import { runRules } from './run-rules';

export interface TemplateAnalysis {
  file: string;
  stack: string;
  extraction: Extraction;
  findings: Finding[];
  errors: LoadError[];
  /** This stack's exports, for `Fn::ImportValue` in the others. */
  exports: ExportedValue[];
}

export interface AnalyzeOptions {
  rules: readonly Rule[];
  config: EngineConfig;
  /** Exports of the other stacks in the scan, for `Fn::ImportValue`. */
  exports?: ReadonlyMap<string, ExportedValue>;
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
    };
  }
}

function analyzeLoaded(template: LoadedTemplate, options: AnalyzeOptions): TemplateAnalysis {
  const resolver = createResolver(template, { parameters: options.config.parameters, exports: options.exports });
  const extraction = extractPolicies(template, resolver, { awsManagedPolicy: getAwsManagedPolicy });
  const stack: StackAnalysis = {
    file: template.file,
    stack: template.stackName,
    extraction,
    principals: buildPrincipalSets(extraction),
  };
  const { findings, errors } = runRules(template, stack, options.rules, options.config);
  const extractErrors = extraction.errors.map((e): LoadError => {
    const position = template.locate(e.at);
    return { file: template.file, ...position, message: `${e.logicalId}: ${e.message}` };
  });
  return {
    file: template.file,
    stack: template.stackName,
    extraction,
    findings,
    errors: [...extractErrors, ...errors],
    exports: resolver.exports(),
  };
}
