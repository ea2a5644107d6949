/**
 * `Aspects.of(app).add(new IamGateAspect())`: each stack through the same engine as the CLI,
 * findings as annotations on the construct that caused them. `cdk synth` fails on errors.
 */
import { Annotations, Stack, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding } from '../rules/types';
import type { LoadError } from '../template/types';
import { DEFAULT_CONFIG, failsGate, type FailOn } from '../engine/config';
import { engineSetup, type EngineSetup, type IamGateOptions } from './options';
import { analyzeStackTemplate } from './analyze-stack';
import { constructsByLogicalId, displayPath, engineStackName, renderTemplate, stackAccount, templatePathOf } from './stack-template';
import { qualifiedRuleId, withCdkAcknowledgement } from './cdk-acknowledgements';
import { findingMessage, staleMessage, suppressedMessage } from './messages';

export class IamGateAspect implements IAspect {
  private readonly setup: EngineSetup;
  private readonly hooked = new WeakSet<Stack>();
  private readonly analyzed = new WeakSet<Stack>();

  /** Throws at once on an unknown rule id, a bad severity or a bad `failOn`. */
  constructor(options: IamGateOptions = {}) {
    this.setup = engineSetup(options, 'IamGateAspect');
  }

  /**
   * Only hooks the stack: the analysis runs in the validation phase, after every Aspect
   * (whatever its priority) and CDK's own preparation, on the template as it will be written.
   */
  visit(node: IConstruct): void {
    if (!Stack.isStack(node) || this.hooked.has(node)) return;
    this.hooked.add(node);
    node.node.addValidation({
      validate: () => {
        this.check(node);
        return [];
      },
    });
  }

  private check(stack: Stack): void {
    // Assertions synthesize an app again for each query: annotate a stack once.
    if (this.analyzed.has(stack)) return;
    this.analyzed.add(stack);
    const constructs = constructsByLogicalId(stack);
    const { result, located, stale } = analyzeStackTemplate(
      { body: renderTemplate(stack), file: displayPath(templatePathOf(stack)), stackName: engineStackName(stack), account: stackAccount(stack), constructs },
      this.setup,
    );
    const failOn = this.setup.config.failOn ?? DEFAULT_CONFIG.failOn;
    for (const { finding, construct } of located) {
      annotate(construct ?? stack, withCdkAcknowledgement(finding, construct), failOn);
    }
    for (const entry of stale) Annotations.of(entry.construct ?? stack).addInfo(staleMessage(entry.stale));
    for (const error of result.errors) Annotations.of(stack).addError(analysisErrorMessage(error));
  }
}

function annotate(construct: IConstruct, finding: Finding, failOn: FailOn): void {
  const annotations = Annotations.of(construct);
  if (finding.suppressed) annotations.addInfo(suppressedMessage(finding));
  else if (failsGate(finding.severity, failOn)) annotations.addError(findingMessage(finding));
  else if (finding.severity === 'info') annotations.addInfo(findingMessage(finding));
  else annotations.addWarningV2(qualifiedRuleId(finding.ruleId), findingMessage(finding));
}

function analysisErrorMessage(error: LoadError): string {
  return `[iamgate] could not analyze ${error.file}:${error.line}:${error.column}: ${error.message}`;
}
