/**
 * `Validations.of(app).addPlugins(new IamGateValidator())` (or `new App({ policyValidationBeta1: [...] })`):
 * CDK's policy-validation report from the synthesized templates, through the same engine as
 * the CLI. CDK applies `Validations.of(x).acknowledge({ id: 'iamgate::<rule-id>' })` to it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type {
  IPolicyValidationContextBeta1,
  IPolicyValidationPlugin,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
  PolicyViolationBeta1,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding } from '../rules/types';
import type { LoadError, TemplateObject } from '../template/types';
import { parsePointer } from '../template/pointer';
import { stackNameOf } from '../template/parse-template';
import { isRecord } from '../template/values';
import { DEFAULT_CONFIG, failsGate } from '../engine/config';
import { enabledRules } from '../engine/run-rules';
import { resolveConfig } from '../engine/scan';
import { toolVersion } from '../report/version';
import { engineSetup, type EngineSetup, type IamGateOptions } from './options';
import { analyzeStackTemplate, type StackTemplate } from './analyze-stack';
import { constructsByLogicalId, displayPath, engineStackName, stackAccount, templatePathOf } from './stack-template';
import { PLUGIN_NAME } from './cdk-acknowledgements';
import { STALE_SUPPRESSION_ID, staleMessage } from './messages';
import type { StaleSuppression } from '../engine/suppressions';

/**
 * Implements the stable `IPolicyValidationPlugin` and the older `IPolicyValidationPluginBeta1`
 * alike: its violations always name the logical id and template, which Beta1 requires.
 */
export class IamGateValidator implements IPolicyValidationPlugin, IPolicyValidationPluginBeta1 {
  readonly name = PLUGIN_NAME;
  readonly version = toolVersion();
  readonly ruleIds: string[];
  private readonly setup: EngineSetup;

  /** Throws at once on an unknown rule id, a bad severity or a bad `failOn`. */
  constructor(options: IamGateOptions = {}) {
    this.setup = engineSetup(options, 'IamGateValidator');
    this.ruleIds = enabledRules(this.setup.rules, resolveConfig(this.setup.config)).map((rule) => rule.meta.id);
  }

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const stacks = stacksByTemplatePath(context.appConstruct);
    const failOn = this.setup.config.failOn ?? DEFAULT_CONFIG.failOn;
    const violations: PolicyViolationBeta1[] = [];
    const errors: LoadError[] = [];
    let suppressed = 0;
    let failing = false;
    for (const { templatePath, template } of templateFiles(context.templatePaths, stacks)) {
      const { result } = analyzeStackTemplate(template, this.setup);
      errors.push(...result.errors);
      violations.push(...result.staleSuppressions.map((stale) => staleViolationOf(stale, templatePath)));
      for (const finding of result.findings) {
        if (finding.suppressed) suppressed += 1;
        else failing ||= failsGate(finding.severity, failOn);
        violations.push(violationOf(finding, templatePath));
      }
    }
    // Fail closed: a template the engine could not analyze must not pass as clean.
    if (errors.length > 0) throw new Error(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
    return {
      success: !failing,
      violations,
      pluginVersion: this.version,
      metadata: { failOn, suppressed: String(suppressed) },
    };
  }
}

/** A suppressed finding stays in the report, as info with its reason: never hidden, never failing. */
function violationOf(finding: Finding, templatePath: string): PolicyViolationBeta1 {
  const { location, suppressed } = finding;
  const message = finding.origin === 'cdk-internal' ? `${finding.message} [cdk-internal]` : finding.message;
  return {
    ruleName: finding.ruleId,
    description: suppressed ? `suppressed (${suppressed.reason}): ${message}` : message,
    fix: finding.fix,
    severity: suppressed ? 'info' : finding.severity,
    violatingResources: [{ resourceLogicalId: location.logicalId, templatePath, locations: [propertyPathOf(location.jsonPointer)] }],
    ruleMetadata: {
      origin: finding.origin,
      fingerprint: finding.fingerprint,
      ...(location.sourceLocation !== undefined && { sourceLocation: location.sourceLocation }),
      ...(suppressed && { suppressedBy: suppressed.source, suppressionReason: suppressed.reason }),
    },
  };
}

/** Reported, never failing: the acknowledgement is worth removing. */
function staleViolationOf(stale: StaleSuppression, templatePath: string): PolicyViolationBeta1 {
  return {
    ruleName: STALE_SUPPRESSION_ID,
    description: staleMessage(stale),
    severity: 'info',
    violatingResources: [{ resourceLogicalId: stale.logicalId ?? '', templatePath, locations: ['Metadata/iamgate/suppressions'] }],
  };
}

/** `/Resources/Role/Properties/PolicyDocument/Statement/0/Action` → `Properties/PolicyDocument/Statement/0/Action`. */
export function propertyPathOf(pointer: string): string {
  const segments = parsePointer(pointer);
  return segments[0] === 'Resources' ? segments.slice(2).join('/') : segments.join('/');
}

/** Stacks of the app by the absolute path of their template, to map findings back to constructs. */
function stacksByTemplatePath(app: IConstruct | undefined): Map<string, Stack> {
  const stacks = new Map<string, Stack>();
  for (const construct of app?.node.findAll() ?? []) {
    if (Stack.isStack(construct)) stacks.set(templatePathOf(construct), construct);
  }
  return stacks;
}

interface TemplateFile {
  templatePath: string;
  template: StackTemplate;
}

/**
 * The templates CDK hands over, each followed by the templates of the stacks nested in it,
 * which CDK does not hand over to plugins.
 */
function templateFiles(templatePaths: readonly string[], stacks: ReadonlyMap<string, Stack>): TemplateFile[] {
  const files: TemplateFile[] = [];
  const seen = new Set<string>();
  const read = (templatePath: string): void => {
    const absolute = path.resolve(templatePath);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    const file = displayPath(absolute);
    // CDK has just written it; should it not parse, the plugin fails and synthesis with it.
    const body = JSON.parse(readFileSync(absolute, 'utf8')) as TemplateObject;
    const stack = stacks.get(absolute);
    files.push({
      templatePath: absolute,
      template: stack
        ? { body, file, stackName: engineStackName(stack), account: stackAccount(stack), constructs: constructsByLogicalId(stack) }
        : { body, file, stackName: stackNameOf(file) },
    });
    nestedTemplatePaths(absolute, body, stack).forEach(read);
  };
  templatePaths.forEach(read);
  return files;
}

function nestedTemplatePaths(templatePath: string, body: TemplateObject, stack: Stack | undefined): string[] {
  if (stack) return stack.node.findAll().filter((c): c is Stack => Stack.isStack(c) && c.nestedStackParent === stack).map(templatePathOf);
  // Without the construct tree: the asset path CDK writes on each nested stack resource.
  const resources = isRecord(body.Resources) ? Object.values(body.Resources) : [];
  return resources.flatMap((resource) => {
    const asset = isRecord(resource) && isRecord(resource.Metadata) ? resource.Metadata['aws:asset:path'] : undefined;
    const nested = isRecord(resource) && resource.Type === 'AWS::CloudFormation::Stack' && typeof asset === 'string';
    return nested ? [path.resolve(path.dirname(templatePath), asset as string)] : [];
  });
}
