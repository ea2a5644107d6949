/**
 * `acknowledge(construct, ruleId, reason, options)`: a reviewed exception that survives
 * synthesis. It is written as `Metadata.iamgate.suppressions` of every CloudFormation resource
 * under the construct (docs/cdk.md, docs/suppressions.md), so the Aspect, the Validator and a
 * later `iamgate scan cdk.out` all honour it through the same engine. The engine counts the
 * identical copies as one when it reports a stale acknowledgement.
 *
 * The metadata is written during synthesis, once the tree is final, so a construct's children
 * made after the call (a role's `DefaultPolicy` from a later grant) are covered. CDK tokens in
 * `appliesTo` are written as the intrinsics they resolve to; the engine reads those the way it
 * shows findings' values.
 */
import { CfnResource, Stage, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { TemplateObject } from '../template/types';
import { builtinRules } from '../rules/registry';
import { readSuppressionFields } from '../engine/suppression-fields';
import type { Problem } from '../engine/value-checks';

export interface AcknowledgeOptions {
  /**
   * Limits the acknowledgement to findings on these actions, resources or principals: globs
   * (`s3:Get*`, `arn:aws:s3:::reports-*`) or CDK tokens (`bucket.arnForObjects('*')`, `role.roleArn`).
   */
  readonly appliesTo?: readonly string[];
  /** ISO date (`YYYY-MM-DD`) from which the findings are back, with a message that it expired. */
  readonly expires?: string;
  /** A reference to where the exception was reviewed. */
  readonly ticket?: string;
}

/** The template metadata key the engine reads suppressions from. */
const SUPPRESSION_METADATA_KEY = 'iamgate';

interface Acknowledgement {
  scope: IConstruct;
  stage: Stage;
  /** As written to the template; tokens in it resolve when the template is rendered. */
  entry: Readonly<Record<string, unknown>>;
  /** Resources it is written on: synthesizing again (as assertions do) must not write it twice. */
  written: WeakSet<CfnResource>;
}

export class AcknowledgementError extends Error {
  override name = 'AcknowledgementError';
}

/** Acknowledgements per stage: a stage writes its own while it synthesizes. */
const byStage = new WeakMap<Stage, Acknowledgement[]>();

export function acknowledge(scope: IConstruct, ruleId: string, reason: string, options: AcknowledgeOptions = {}): void {
  const entry = {
    id: ruleId,
    reason,
    ...(options.appliesTo !== undefined && { appliesTo: [...options.appliesTo] }),
    ...(options.expires !== undefined && { expires: options.expires }),
    ...(options.ticket !== undefined && { ticket: options.ticket }),
  };
  check(scope, entry);
  const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
  if (stage === undefined) throw new AcknowledgementError(`acknowledge(${scope.node.path}): the construct is not inside an App or Stage`);
  let list = byStage.get(stage);
  if (list === undefined) {
    const created: Acknowledgement[] = [];
    list = created;
    byStage.set(stage, created);
    // A stage validates itself before its stacks (pre-order): the Aspect analyzes them afterwards.
    stage.node.addValidation({ validate: () => write(created) });
  }
  list.push({ scope, stage, entry, written: new WeakSet() });
}

/** The engine's own checks of a suppression, so an acknowledgement fails here rather than at scan time. */
function check(scope: IConstruct, entry: Record<string, unknown>): void {
  const problems: Problem[] = [];
  if (typeof entry.reason === 'string' && Token.isUnresolved(entry.reason)) {
    problems.push({ at: '', message: 'the reason must be literal text, not a token' });
  }
  const known = new Set(builtinRules.map((rule) => rule.meta.id));
  readSuppressionFields(entry as TemplateObject, '', known, problems);
  if (problems.length > 0) {
    const where = `acknowledge(${scope.node.path || '<app>'}, '${String(entry.id)}')`;
    throw new AcknowledgementError(`${where}: ${problems.map((problem) => problem.message).join('; ')}`);
  }
}

function write(list: readonly Acknowledgement[]): string[] {
  const problems: string[] = [];
  for (const ack of list) {
    // Stages nested in the scope synthesize first, on their own: acknowledge inside them.
    const resources = ack.scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stage.of(c) === ack.stage);
    if (resources.length === 0) problems.push(`acknowledge(${ack.scope.node.path}, '${String(ack.entry.id)}'): no CloudFormation resource under this construct`);
    for (const resource of resources) {
      if (ack.written.has(resource)) continue;
      ack.written.add(resource);
      addSuppression(resource, ack.entry);
    }
  }
  return problems;
}

function addSuppression(resource: CfnResource, entry: Readonly<Record<string, unknown>>): void {
  const existing: unknown = resource.getMetadata(SUPPRESSION_METADATA_KEY);
  const record = isRecord(existing) ? existing : {};
  const suppressions: unknown[] = Array.isArray(record.suppressions) ? record.suppressions : [];
  resource.addMetadata(SUPPRESSION_METADATA_KEY, { ...record, suppressions: [...suppressions, entry] });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
