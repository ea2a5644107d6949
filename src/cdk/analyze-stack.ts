/**
 * One stack through the engine, exactly as `iamgate scan cdk.out` would take it: the template
 * text CDK writes, the same rules and config, suppressions from its metadata. Findings then
 * learn the construct they belong to.
 */
import type { IConstruct } from 'constructs';
import type { TemplateObject } from '../template/types';
import type { Finding } from '../rules/types';
import { scanTemplate, type ScanResult } from '../engine/scan';
import type { StaleSuppression } from '../engine/suppressions';
import type { EngineSetup } from './options';
import { templateText, withConstructPaths, type ConstructsByLogicalId } from './stack-template';
import { sourceLocationOf } from './source-location';

export interface StackTemplate {
  body: TemplateObject;
  /** File name shown in findings, as the CLI shows it. */
  file: string;
  stackName: string;
  /** The account the stack deploys to, when the app names it. */
  account?: string;
  /** The construct tree behind the template, when at hand. */
  constructs?: ConstructsByLogicalId;
}

export interface LocatedFinding {
  finding: Finding;
  /** The construct of the finding's resource (the `AWS::IAM::Policy` of a grant, the `CfnBucketPolicy`, ...). */
  construct?: IConstruct;
}

export interface LocatedStaleSuppression {
  stale: StaleSuppression;
  construct?: IConstruct;
}

export interface StackAnalysisResult {
  result: ScanResult;
  located: LocatedFinding[];
  stale: LocatedStaleSuppression[];
}

export function analyzeStackTemplate(template: StackTemplate, setup: EngineSetup): StackAnalysisResult {
  const constructs = template.constructs;
  const body = constructs ? withConstructPaths(template.body, constructs) : template.body;
  const scanned = scanTemplate(templateText(body), {
    file: template.file,
    stackName: template.stackName,
    account: template.account,
    config: setup.config,
    rules: setup.rules,
  });
  const located = scanned.findings.map((finding): LocatedFinding => {
    const construct = constructs?.get(finding.location.logicalId);
    if (construct === undefined) return { finding };
    const sourceLocation = sourceLocationOf(construct);
    const location = {
      ...finding.location,
      constructPath: finding.location.constructPath ?? construct.node.path,
      ...(sourceLocation !== undefined && { sourceLocation }),
    };
    return { finding: { ...finding, location }, construct };
  });
  const stale = scanned.staleSuppressions.map((entry): LocatedStaleSuppression => {
    const construct = entry.logicalId === undefined ? undefined : constructs?.get(entry.logicalId);
    return construct === undefined ? { stale: entry } : { stale: entry, construct };
  });
  return { result: { ...scanned, findings: located.map((entry) => entry.finding) }, located, stale };
}
