/**
 * The library API: scan paths or one template, get a `ScanResult`. The CLI and the CDK
 * integration are thin layers over these two functions.
 */
import type { LoadedTemplate, LoadError, TemplateValue } from '../template/types';
import type { Finding, Rule, RuleMeta } from '../rules/types';
import path from 'node:path';
import { discoverTemplates, displayPath, parseTemplate } from '../template';
import { builtinRules } from '../rules/registry';
import { DEFAULT_CONFIG, failsGate, type EngineConfig } from './config';
import { analyzeTemplate, type TemplateAnalysis } from './analyze-template';
import { analyzedOutcome, type FileOutcome } from './scan-file';
import { scanInputs } from './parallel';
import { compareErrors } from './order';
import type { BaselineSummary } from './baseline';
import { memoryStore, spoolStore, type BaselineInput, type FindingStore, type SpooledFindings } from './finding-store';
import { isIgnoredPath, parametersFor } from './config-paths';
import { staleConfigSuppressions } from './config-suppressions';
import { enabledRules } from './run-rules';
import type { StaleSuppression } from './suppressions';
import { compareText } from '../text-order';

export interface ScanOptions {
  config?: Partial<EngineConfig>;
  /** Rules to run; the built-in set by default. Plugins add to it. */
  rules?: readonly Rule[];
  /** Folder that file names in the output are relative to. */
  cwd?: string;
  /**
   * Called once per analyzed template while it is still in memory. The result keeps only
   * findings and summaries, so that memory follows the largest template, not the corpus.
   */
  onTemplate?: (analysis: TemplateAnalysis, template: LoadedTemplate) => void;
  /** Findings it knows do not fail the gate (`scan --baseline`); `file` names it in reports. */
  baseline?: BaselineInput;
  /** When suppressions expire is decided against this; the current time by default. */
  now?: Date;
  /** Threads that scan files (worker threads, parallel.ts); 1 by default. Results do not depend on it. */
  jobs?: number;
}

export interface TemplateSummary {
  file: string;
  stack: string;
  policies: number;
  statements: number;
}

/** `findings` is an array for the library; the CLI's spooled scan reads them back from disk. */
export interface ScanResult<F extends Iterable<Finding> = Finding[]> {
  /** Files read: templates, files that turned out not to be templates, and files that could not be read. */
  files: number;
  templates: TemplateSummary[];
  /** In report order: file, line, column, rule (order.ts). */
  findings: F;
  /** Inputs that could not be read or analyzed. Any error makes the run exit 2. */
  errors: LoadError[];
  config: EngineConfig;
  /** The rules that ran (built-in and plugin rules not turned off), in id order. */
  rules: RuleMeta[];
  /** Suppressions that matched no finding: clean them up. They never fail the gate. */
  staleSuppressions: StaleSuppression[];
  /** Set when scanning against a baseline. */
  baseline?: BaselineSummary;
}

export function resolveConfig(config: Partial<EngineConfig> = {}): EngineConfig {
  return { ...DEFAULT_CONFIG, ...config };
}

/** 0: passes; 1: findings at or above `failOn`; 2: some input could not be read (2 wins). */
export function exitCodeOf(result: Pick<ScanResult<Iterable<Finding>>, 'findings' | 'errors' | 'config'>): 0 | 1 | 2 {
  if (result.errors.length > 0) return 2;
  for (const finding of result.findings) {
    if (!finding.suppressed && failsGate(finding.severity, result.config.failOn)) return 1;
  }
  return 0;
}

/** Collects per-template results into a `ScanResult`, dropping each template once analyzed. */
class ResultCollector<F extends Iterable<Finding>> {
  private readonly templates: TemplateSummary[] = [];
  private readonly errors: LoadError[] = [];
  private readonly stale: StaleSuppression[] = [];
  private readonly usedConfigSuppressions = new Set<number>();
  files = 0;

  constructor(
    private readonly config: EngineConfig,
    private readonly rules: readonly Rule[],
    private readonly findings: FindingStore<F>,
    private readonly options: Pick<ScanOptions, 'onTemplate' | 'baseline'> = {},
  ) {}

  /** Nothing analyzed and nothing refused: the paths held no template at all. */
  scannedNothing(): boolean {
    return this.templates.length === 0 && this.errors.length === 0;
  }

  addError(error: LoadError): void {
    this.errors.push(error);
  }

  add(analysis: TemplateAnalysis, template: LoadedTemplate): void {
    this.addOutcome(analyzedOutcome(analysis, template, this.options.onTemplate));
  }

  addOutcome(outcome: FileOutcome): void {
    if (outcome.kind === 'unreadable') this.errors.push(outcome.error);
    if (outcome.kind !== 'analyzed') return;
    const { analysis } = outcome;
    this.templates.push(outcome.summary);
    this.findings.add(analysis.findings);
    this.errors.push(...analysis.errors);
    this.stale.push(...analysis.staleSuppressions);
    analysis.usedConfigSuppressions.forEach((index) => this.usedConfigSuppressions.add(index));
  }

  result(): ScanResult<F> {
    const enabled = enabledRules(this.rules, this.config);
    const enabledIds = new Set(enabled.map((rule) => rule.meta.id));
    const { findings, baseline } = this.findings.finish(this.options.baseline);
    const stale = [...this.stale, ...staleConfigSuppressions(this.config, this.usedConfigSuppressions, enabledIds)];
    return {
      files: this.files,
      templates: this.templates,
      findings,
      errors: this.errors.sort(compareErrors),
      config: this.config,
      rules: enabled.map((rule) => rule.meta),
      staleSuppressions: stale.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column),
      ...(baseline ? { baseline } : {}),
    };
  }
}

export function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  return scanInto(paths, options, memoryStore());
}

/**
 * The same scan with findings spooled to a temporary file (in a new folder in `tempDir`) until they
 * are reported, so that memory does not grow with them (the CLI). `findings.close()` removes it.
 */
export async function scanSpooled(paths: readonly string[], options: ScanOptions = {}, tempDir?: string): Promise<ScanResult<SpooledFindings>> {
  const store = spoolStore(tempDir);
  try {
    return await scanInto(paths, options, store);
  } catch (error) {
    store.discard();
    throw error;
  }
}

async function scanInto<F extends Iterable<Finding>>(paths: readonly string[], options: ScanOptions, store: FindingStore<F>): Promise<ScanResult<F>> {
  const config = resolveConfig(options.config);
  const rules = options.rules ?? builtinRules;
  const collector = new ResultCollector(config, rules, store, options);
  const discovery = await discoverTemplates([...paths], { cwd: options.cwd });
  discovery.errors.forEach((e) => collector.addError(e));
  const found = discovery.inputs.length;
  // Files the user named are scanned even when a config glob would skip them.
  discovery.inputs = discovery.inputs.filter((input) => input.explicit || !isIgnoredPath(input.file, config));
  collector.files += discovery.inputs.length;
  const { onTemplate, now, jobs } = options;
  const scanOptions = { rules, config, now, onTemplate, jobs, customRules: options.rules !== undefined };
  await scanInputs(discovery.inputs, scanOptions, (outcome) => collector.addOutcome(outcome));
  if (collector.scannedNothing()) nothingScanned(paths, options.cwd, found, discovery.inputs.length).forEach((e) => collector.addError(e));
  return collector.result();
}

/**
 * Fail closed: a gate whose paths held no template has checked nothing, and must not pass. One
 * error per path given; `found` files were discovered, `kept` of them not skipped by ignorePaths.
 */
export function nothingScanned(paths: readonly string[], cwd: string | undefined, found: number, kept: number): LoadError[] {
  const message =
    found === 0
      ? 'no template files found'
      : kept === 0
        ? `no template scanned: every file found here (${found}) is ignored by the config's ignorePaths`
        : `no CloudFormation template here: no file read (${kept}) has a Resources section`;
  const base = path.resolve(cwd ?? process.cwd());
  return paths.map((given) => ({ file: displayPath(base, path.resolve(base, given)), line: 1, column: 1, message }));
}

export interface ScanTemplateOptions extends ScanOptions {
  /** Name shown for the template in findings; `template.json` by default. */
  file?: string;
  stackName?: string;
  /** The account the stack deploys to, when known (a CDK stack's environment). */
  account?: string;
}

/** Scan one template given as text (JSON or YAML) or as an already parsed object. */
export function scanTemplate(template: string | TemplateValue, options: ScanTemplateOptions = {}): ScanResult {
  const config = resolveConfig(options.config);
  const rules = options.rules ?? builtinRules;
  const collector = new ResultCollector(config, rules, memoryStore(), options);
  collector.files = 1;
  const file = options.file ?? 'template.json';
  // An object is serialized so that findings still get a line and column (in that JSON).
  const text = typeof template === 'string' ? template : JSON.stringify(template, null, 2);
  const loaded = parseTemplate(text, file, { explicit: true, stackName: options.stackName, account: options.account, parameters: parametersFor(file, config) });
  if (loaded.status === 'error') collector.addError(loaded.error);
  else if (loaded.status === 'not-a-template') {
    collector.addError({ file, line: 1, column: 1, message: 'not a CloudFormation template: no Resources section' });
  } else {
    collector.add(analyzeTemplate(loaded.template, { rules, config, now: options.now }), loaded.template);
  }
  return collector.result();
}
