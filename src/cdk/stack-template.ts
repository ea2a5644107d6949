/**
 * A CDK stack as the engine sees it: the template CDK writes for it, the construct behind each
 * logical id, and the file and stack names `iamgate scan cdk.out` would give it.
 */
import path from 'node:path';
import { CfnElement, Stack, Stage, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { TemplateObject, TemplateValue } from '../template/types';
import { isRecord } from '../template/values';
import { displayPath as displayPathFrom } from '../template/discover';

/** Logical id → the construct that renders it. */
export type ConstructsByLogicalId = ReadonlyMap<string, IConstruct>;

/**
 * The stack's template exactly as synthesis writes it: `_toCloudFormation()` is what the stack
 * synthesizer serializes, escape-hatch overrides and property injections included. It is
 * protected in the typings only because apps are not meant to call it mid-construction.
 */
export function renderTemplate(stack: Stack): TemplateObject {
  return (stack as unknown as { _toCloudFormation(): TemplateObject })._toCloudFormation();
}

/** CDK's own serialization of templates in `cdk.out`, so that lines match the synthesized file. */
export function templateText(body: TemplateObject): string {
  return JSON.stringify(body, undefined, 1);
}

/** The elements of this stack (not of stacks nested in it), by resolved logical id. */
export function constructsByLogicalId(stack: Stack): Map<string, IConstruct> {
  const found = new Map<string, IConstruct>();
  for (const construct of stack.node.findAll()) {
    if (CfnElement.isCfnElement(construct) && construct.stack === stack) {
      found.set(stack.resolve(construct.logicalId) as string, construct);
    }
  }
  return found;
}

/** Absolute path of the stack's template in the cloud assembly. */
export function templatePathOf(stack: Stack): string {
  const stage = Stage.of(stack);
  return path.resolve(stage?.outdir ?? '.', stack.templateFile);
}

/** The stack name the CLI reads from the manifest; nested stacks are `<parent>-<logical id>` as in cdk-assembly. */
/** The account the stack deploys to, when the app names it (`env: { account }`); not a token. */
export function stackAccount(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.account) || !/^\d{12}$/.test(stack.account) ? undefined : stack.account;
}

export function engineStackName(stack: Stack): string {
  const parent = stack.nestedStackParent;
  const resource = stack.nestedStackResource;
  if (parent === undefined || resource === undefined) return stack.stackName;
  return `${engineStackName(parent)}-${parent.resolve(resource.logicalId) as string}`;
}

/** As the CLI shows files: relative to the working folder. */
export function displayPath(absolutePath: string): string {
  return displayPathFrom(process.cwd(), absolutePath);
}

/**
 * The template with `aws:cdk:path` metadata on every resource, taken from the construct tree
 * where CDK left it out (path metadata is off outside the CDK CLI). The CLI gets the same
 * paths from the assembly manifest, so findings and their origin come out the same either way.
 * The body is copied only when something is added.
 */
export function withConstructPaths(body: TemplateObject, constructs: ConstructsByLogicalId): TemplateObject {
  const resources = body.Resources;
  if (!isRecord(resources)) return body;
  let copied: Record<string, TemplateValue> | undefined;
  for (const [logicalId, resource] of Object.entries(resources)) {
    const construct = constructs.get(logicalId);
    if (construct === undefined || !isRecord(resource)) continue;
    const metadata = isRecord(resource.Metadata) ? resource.Metadata : {};
    if (typeof metadata['aws:cdk:path'] === 'string') continue;
    copied ??= { ...resources };
    copied[logicalId] = { ...resource, Metadata: { ...metadata, 'aws:cdk:path': construct.node.path } };
  }
  return copied === undefined ? body : { ...body, Resources: copied };
}
