/**
 * `iamgate fix` on one template, as a pure function of its text: find the findings whose fix is a
 * template edit, apply those that are mechanical (or whose rule the user accepted) one by one,
 * keep each only if the template still loads and grants nothing it did not grant before, and scan
 * the result.
 */
import type { LoadedTemplate, LoadError, TemplateFormat } from '../template/types';
import type { Finding, Rule, TemplateEdit } from '../rules/types';
import type { EngineConfig } from '../engine/config';
import type { TemplateAnalysis } from '../engine/analyze-template';
import { parseTemplate } from '../template';
import { analyzeTemplate } from '../engine/analyze-template';
import { parametersFor } from '../engine/config-paths';
import { importsValues } from '../engine/scan-file';
import type { ExportedValue } from '../resolve/types';
import { builtinRules } from '../rules/registry';
import type { AccessFact } from '../analysis/access-facts';
import { broadenedAccess, describeChange, grantedAccess } from './broadening';
import { textEditsFor } from './template-edits';
import { applyTextEdits } from './text-edits';
import { FixRefused } from './refused';

export interface FixOptions {
  config: EngineConfig;
  rules?: readonly Rule[];
  /** Rules whose fixes change what the workload may do (wildcard expansions), accepted with `--accept`. */
  accept: ReadonlySet<string>;
  stackName?: string;
  now?: Date;
  /**
   * The other stacks' exports, for `Fn::ImportValue`, as a scan gives them. Without them, a
   * template that imports values is not fixed yet: it waits for them (`waitsForExports`).
   */
  exports?: ReadonlyMap<string, ExportedValue>;
  /**
   * The file was named, not found in a folder search. A found file that is not a template (a
   * `cdk.json`, a `tsconfig.json`) is passed over quietly, as `scan` does; a named one is an error.
   */
  explicit?: boolean;
}

/** One change `fix` made or would make, and the findings it answers. */
export interface PlannedFix {
  edit: TemplateEdit;
  findings: Finding[];
}

export interface SkippedFix extends PlannedFix {
  reason: string;
}

export interface TemplateFixResult {
  file: string;
  format?: TemplateFormat;
  before: string;
  after: string;
  applied: PlannedFix[];
  skipped: SkippedFix[];
  findingsBefore: Finding[];
  findingsAfter: Finding[];
  /** The input could not be read: nothing was fixed. */
  errors: LoadError[];
  /** A file found in a folder that is no CloudFormation template: passed over. */
  notATemplate?: true;
  /** It imports values and no exports were given: fix it again with the other stacks' exports. */
  waitsForExports?: true;
  /** This stack's exports, for the templates that import them. */
  exports: ExportedValue[];
}

interface Analyzed {
  template: LoadedTemplate;
  analysis: TemplateAnalysis;
}

function analyze(text: string, file: string, options: FixOptions): Analyzed | LoadError[] | 'not-a-template' | 'waits-for-exports' {
  const explicit = options.explicit ?? true;
  const loaded = parseTemplate(text, file, { explicit, stackName: options.stackName, parameters: parametersFor(file, options.config) });
  if (loaded.status === 'error') return [loaded.error];
  if (loaded.status === 'not-a-template') {
    return explicit ? [{ file, line: 1, column: 1, message: 'not a CloudFormation template: no Resources section' }] : 'not-a-template';
  }
  if (options.exports === undefined && importsValues(loaded.template.body)) return 'waits-for-exports';
  const analysis = analyzeTemplate(loaded.template, { rules: options.rules ?? builtinRules, config: options.config, now: options.now, exports: options.exports });
  return analysis.errors.length > 0 ? analysis.errors : { template: loaded.template, analysis };
}

const editKey = (edit: TemplateEdit): string => `${edit.kind}\u0000${edit.at}`;

/**
 * The edits of the findings, one per place: identical edits once, and the expansions of one
 * wildcard (one per `Fn::If` variant of its statement) as the union of their actions.
 */
export function plannedFixes(findings: readonly Finding[]): PlannedFix[] {
  const byPlace = new Map<string, PlannedFix[]>();
  for (const finding of findings) {
    const edit = finding.suggestion?.edit;
    if (!edit || finding.suppressed) continue;
    const planned = byPlace.get(editKey(edit)) ?? [];
    byPlace.set(editKey(edit), planned);
    const same = planned.find((p) => JSON.stringify(p.edit) === JSON.stringify(edit));
    const merged = planned.find((p) => p.edit.kind === 'expand-action' && edit.kind === 'expand-action');
    if (same) same.findings.push(finding);
    else if (merged && merged.edit.kind === 'expand-action' && edit.kind === 'expand-action') {
      merged.edit = { ...merged.edit, actions: [...new Set([...merged.edit.actions, ...edit.actions])].sort() };
      merged.findings.push(finding);
    } else planned.push({ edit, findings: [finding] });
  }
  return [...byPlace.values()].flat();
}

function needsAcceptance(fix: PlannedFix, accept: ReadonlySet<string>): string | undefined {
  const waiting = fix.findings.filter((f) => f.suggestion?.needsAcceptance && !accept.has(f.ruleId));
  return waiting.length > 0 ? `it changes what the workload may do: apply it with --accept ${waiting[0]!.ruleId}` : undefined;
}

export function fixTemplate(text: string, file: string, options: FixOptions): TemplateFixResult {
  const original = analyze(text, file, options);
  const unchanged = { file, before: text, after: text, applied: [], skipped: [], findingsBefore: [], findingsAfter: [], exports: [] };
  if (original === 'not-a-template') return { ...unchanged, errors: [], notATemplate: true };
  if (original === 'waits-for-exports') return { ...unchanged, errors: [], waitsForExports: true };
  if (Array.isArray(original)) return { ...unchanged, errors: original };
  const { format } = original.template;
  const baseline: AccessFact[] = grantedAccess(original.analysis.extraction, original.template, options.config);
  const applied: PlannedFix[] = [];
  const skipped: SkippedFix[] = [];
  let current = text;
  let latest = original;
  for (const fix of plannedFixes(original.analysis.findings)) {
    const waiting = needsAcceptance(fix, options.accept);
    if (waiting) {
      skipped.push({ ...fix, reason: waiting });
      continue;
    }
    try {
      const next = applyTextEdits(current, textEditsFor(current, format, fix.edit));
      // The edited text is the same file: it is a template now, named or not.
      const result = analyze(next, file, { ...options, explicit: true });
      if (result === 'not-a-template' || result === 'waits-for-exports') throw new FixRefused('the changed file would not be a template');
      if (Array.isArray(result)) throw new FixRefused(`the changed template would not load: ${result[0]!.message}`);
      const broader = broadenedAccess(baseline, grantedAccess(result.analysis.extraction, result.template, options.config));
      if (broader.length > 0) throw new FixRefused(`it would grant more (${broader.map(describeChange).join('; ')})`);
      current = next;
      latest = result;
      applied.push(fix);
    } catch (error) {
      if (!(error instanceof FixRefused)) throw error;
      skipped.push({ ...fix, reason: error.message });
    }
  }
  return {
    file,
    format,
    before: text,
    after: current,
    applied,
    skipped,
    findingsBefore: original.analysis.findings,
    findingsAfter: latest.analysis.findings,
    errors: [],
    exports: original.analysis.exports,
  };
}
