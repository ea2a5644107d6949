/**
 * One discovered file through the pipeline, and the order in which a scan visits files. The
 * same steps run in the main thread (`--jobs 1`) and in worker threads, so results cannot differ.
 */
import type { LoadedTemplate, LoadError, LoadResult, TemplateInput, TemplateValue } from '../template/types';
import type { ExportedValue } from '../resolve/types';
import { readTemplate } from '../template';
import { analyzeTemplate, type AnalyzeOptions, type TemplateAnalysis } from './analyze-template';
import type { TemplateSummary } from './scan';
import { parametersFor } from './config-paths';

/** A template's analysis without its extraction: plain data, small, and able to cross threads. */
export type PortableAnalysis = Omit<TemplateAnalysis, 'extraction'>;

export type FileOutcome =
  | { kind: 'unreadable'; error: LoadError }
  /** Found by folder search and not a CloudFormation template. */
  | { kind: 'not-a-template' }
  /** Imports values: analyzed once every other stack's exports are known. */
  | { kind: 'waits-for-exports' }
  | { kind: 'analyzed'; summary: TemplateSummary; analysis: PortableAnalysis };

export type OnTemplate = (analysis: TemplateAnalysis, template: LoadedTemplate) => void;

export interface FileScanOptions extends AnalyzeOptions {
  /** Called with each analysis while its template is still in memory. */
  onTemplate?: OnTemplate;
}

/** Reads and analyzes one file. Without `options.exports`, a template that imports values waits. */
export function scanFile(input: TemplateInput, options: FileScanOptions): FileOutcome {
  const loaded = load(input, parametersFor(input.file, options.config));
  if (loaded.status === 'error') return { kind: 'unreadable', error: loaded.error };
  if (loaded.status !== 'loaded') return { kind: 'not-a-template' };
  if (options.exports === undefined && importsValues(loaded.template.body)) return { kind: 'waits-for-exports' };
  return analyzedOutcome(analyzeTemplate(loaded.template, options), loaded.template, options.onTemplate);
}

/** Fail closed: an exception while loading is an error for this file (DESIGN.md §7); the other files are still scanned. */
function load(input: TemplateInput, parameters: Readonly<Record<string, string>>): LoadResult {
  try {
    return readTemplate(input, { parameters });
  } catch (error) {
    const message = `internal error while reading: ${error instanceof Error ? error.message : String(error)}`;
    return { status: 'error', error: { file: input.file, line: 1, column: 1, message } };
  }
}

/** Hands the analysis to `onTemplate` while the template is in memory, then keeps only what the result needs. */
export function analyzedOutcome(analysis: TemplateAnalysis, template: LoadedTemplate, onTemplate?: OnTemplate): FileOutcome {
  onTemplate?.(analysis, template);
  const { extraction, ...portable } = analysis;
  const summary: TemplateSummary = {
    file: analysis.file,
    stack: analysis.stack,
    policies: extraction.policies.length,
    statements: extraction.policies.reduce((n, p) => n + p.statements.length, 0),
  };
  return { kind: 'analyzed', summary, analysis: portable };
}

/**
 * Scans a batch of files (`exports`: the other stacks' exports), handing each outcome to
 * `deliver` with its index in `inputs`, in any order; resolves once all are delivered.
 */
export type BatchScanner = (
  inputs: readonly TemplateInput[],
  exports: ReadonlyMap<string, ExportedValue> | undefined,
  deliver: (index: number, outcome: FileOutcome) => void,
) => Promise<void>;

/** Outcomes passed on in index order however they arrive; only those ahead of a slow file wait. */
function inIndexOrder(onOutcome: (index: number, outcome: FileOutcome) => void): (index: number, outcome: FileOutcome) => void {
  const early = new Map<number, FileOutcome>();
  let next = 0;
  return (index, outcome) => {
    early.set(index, outcome);
    for (let ready = early.get(next); ready !== undefined; ready = early.get(next)) {
      early.delete(next);
      onOutcome(next, ready);
      next += 1;
    }
  };
}

/**
 * Every file in discovery order, then the files that import values, analyzed with the exports of
 * all the others; each outcome goes to `onOutcome` as soon as it and those before it are done, so
 * that no more than a file's findings wait in memory. Importing files are read again rather than
 * kept, so that memory follows the largest template, not the number of stacks that import.
 */
export async function scanFiles(inputs: readonly TemplateInput[], scanBatch: BatchScanner, onOutcome: (outcome: FileOutcome) => void): Promise<void> {
  const exports = new Map<string, ExportedValue>();
  const waiting: TemplateInput[] = [];
  await scanBatch(
    inputs,
    undefined,
    inIndexOrder((index, outcome) => {
      if (outcome.kind === 'waits-for-exports') {
        waiting.push(inputs[index]);
        return;
      }
      if (outcome.kind === 'analyzed') for (const exported of outcome.analysis.exports) exports.set(exported.name, exported);
      onOutcome(outcome);
    }),
  );
  if (waiting.length > 0) await scanBatch(waiting, exports, inIndexOrder((_index, outcome) => onOutcome(outcome)));
}

/** Whether any `Fn::ImportValue` appears, stopping at the first one. */
export function importsValues(value: TemplateValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(importsValues);
  for (const key in value) {
    if (key === 'Fn::ImportValue' || importsValues(value[key])) return true;
  }
  return false;
}
