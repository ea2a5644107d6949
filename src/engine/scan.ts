/**
 * The library API: scan paths or one template, get a `ScanResult`. The CLI and the CDK
 * integration are thin layers over these two functions.
 */
import type { LoadedTemplate, LoadError, TemplateValue } from '../template/types';
import type { ExportedValue } from '../resolve/types';
import type { Finding, Rule } from '../rules/types';
import { discoverTemplates, parseTemplate, readTemplate } from '../template';
import { builtinRules } from '../rules/registry';
import { DEFAULT_CONFIG, failsGate, type EngineConfig } from './config';
import { analyzeTemplate, type TemplateAnalysis } from './analyze-template';
import { compareErrors, compareFindings } from './order';

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
}

export interface TemplateSummary {
  file: string;
  stack: string;
  policies: number;
  statements: number;
}

export interface ScanResult {
  /** Files read: templates, files that turned out not to be templates, and files that could not be read. */
  files: number;
  templates: TemplateSummary[];
  findings: Finding[];
  /** Inputs that could not be read or analyzed. Any error makes the run exit 2. */
  errors: LoadError[];
  config: EngineConfig;
}

export function resolveConfig(config: Partial<EngineConfig> = {}): EngineConfig {
  return { ...DEFAULT_CONFIG, ...config };
}

/** 0: passes; 1: findings at or above `failOn`; 2: some input could not be read (2 wins). */
export function exitCodeOf(result: Pick<ScanResult, 'findings' | 'errors' | 'config'>): 0 | 1 | 2 {
  if (result.errors.length > 0) return 2;
  const failing = result.findings.some((f) => !f.suppressed && failsGate(f.severity, result.config.failOn));
  return failing ? 1 : 0;
}

/** Collects per-template results into a `ScanResult`, dropping each template once analyzed. */
class ResultCollector {
  private readonly templates: TemplateSummary[] = [];
  private readonly findings: Finding[] = [];
  private readonly errors: LoadError[] = [];
  files = 0;

  constructor(
    private readonly config: EngineConfig,
    private readonly onTemplate?: ScanOptions['onTemplate'],
  ) {}

  addError(error: LoadError): void {
    this.errors.push(error);
  }

  add(analysis: TemplateAnalysis, template: LoadedTemplate): void {
    this.onTemplate?.(analysis, template);
    this.templates.push({
      file: analysis.file,
      stack: analysis.stack,
      policies: analysis.extraction.policies.length,
      statements: analysis.extraction.policies.reduce((n, p) => n + p.statements.length, 0),
    });
    this.findings.push(...analysis.findings);
    this.errors.push(...analysis.errors);
  }

  result(): ScanResult {
    return {
      files: this.files,
      templates: this.templates,
      findings: this.findings.sort(compareFindings),
      errors: this.errors.sort(compareErrors),
      config: this.config,
    };
  }
}

function importsValues(template: LoadedTemplate): boolean {
  return JSON.stringify(template.body).includes('"Fn::ImportValue"');
}

export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const config = resolveConfig(options.config);
  const rules = options.rules ?? builtinRules;
  const collector = new ResultCollector(config, options.onTemplate);
  const discovery = await discoverTemplates([...paths], { cwd: options.cwd });
  discovery.errors.forEach((e) => collector.addError(e));
  const exports = new Map<string, ExportedValue>();
  // Templates that import values wait until every other stack's exports are known.
  const importing: LoadedTemplate[] = [];

  for (const input of discovery.inputs) {
    collector.files += 1;
    const loaded = readTemplate(input);
    if (loaded.status === 'error') collector.addError(loaded.error);
    if (loaded.status !== 'loaded') continue;
    if (importsValues(loaded.template)) {
      importing.push(loaded.template);
      continue;
    }
    const analysis = analyzeTemplate(loaded.template, { rules, config });
    for (const exported of analysis.exports) exports.set(exported.name, exported);
    collector.add(analysis, loaded.template);
  }
  for (const template of importing) collector.add(analyzeTemplate(template, { rules, config, exports }), template);
  return collector.result();
}

export interface ScanTemplateOptions extends ScanOptions {
  /** Name shown for the template in findings; `template.json` by default. */
  file?: string;
  stackName?: string;
}

/** Scan one template given as text (JSON or YAML) or as an already parsed object. */
export function scanTemplate(template: string | TemplateValue, options: ScanTemplateOptions = {}): ScanResult {
  const config = resolveConfig(options.config);
  const collector = new ResultCollector(config, options.onTemplate);
  collector.files = 1;
  const file = options.file ?? 'template.json';
  // An object is serialized so that findings still get a line and column (in that JSON).
  const text = typeof template === 'string' ? template : JSON.stringify(template, null, 2);
  const loaded = parseTemplate(text, file, { explicit: true, stackName: options.stackName });
  if (loaded.status === 'error') collector.addError(loaded.error);
  else if (loaded.status === 'not-a-template') {
    collector.addError({ file, line: 1, column: 1, message: 'not a CloudFormation template: no Resources section' });
  } else {
    collector.add(analyzeTemplate(loaded.template, { rules: options.rules ?? builtinRules, config }), loaded.template);
  }
  return collector.result();
}
