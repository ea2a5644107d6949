/**
 * CDK cloud assemblies (`cdk.out`): the stacks a manifest declares, stacks of nested assemblies
 * (stages), nested stacks, and the logical id → construct path map from the metadata.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseJson } from './json';
import { stackNameOf } from './parse-template';
import { ioErrorMessage } from './read-template';
import { isRecord } from './values';
import type { LoadError, TemplateInput, TemplateObject, TemplateValue } from './types';

export interface DiscoveryPart {
  inputs: TemplateInput[];
  errors: LoadError[];
}

/** How a path is shown to the user. */
export type Display = (absolutePath: string) => string;

export type AssemblyProbe = { kind: 'none' } | { kind: 'assembly'; artifacts: TemplateObject } | { kind: 'broken'; error: LoadError };

const MANIFEST = 'manifest.json';
const NESTED_TEMPLATE_SUFFIX = '.nested.template.json';

/**
 * A folder is an assembly when its manifest.json lists `artifacts`, or when it also holds the
 * `cdk.out` version file (then a manifest that cannot be read is an error, not a plain file).
 */
export async function probeAssembly(dir: string, display: Display): Promise<AssemblyProbe> {
  const manifestPath = path.join(dir, MANIFEST);
  if (!(await isFile(manifestPath))) return { kind: 'none' };
  const versioned = await isFile(path.join(dir, 'cdk.out'));
  const manifest = await readJson(manifestPath, display);
  if (!manifest.ok) return versioned ? { kind: 'broken', error: manifest.error } : { kind: 'none' };
  const artifacts = isRecord(manifest.value) ? manifest.value.artifacts : undefined;
  if (isRecord(artifacts)) return { kind: 'assembly', artifacts };
  return versioned ? { kind: 'assembly', artifacts: {} } : { kind: 'none' };
}

/** Every stack of the assembly in `dir`, in manifest order, each followed by its nested stacks. */
export async function readAssembly(
  dir: string,
  artifacts: TemplateObject,
  display: Display,
  visited = new Set<string>([dir]),
): Promise<DiscoveryPart> {
  const part: DiscoveryPart = { inputs: [], errors: [] };
  const manifestFile = display(path.join(dir, MANIFEST));
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact)) continue;
    const properties = isRecord(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'aws:cloudformation:stack') {
      append(part, await readStackArtifact(dir, id, artifact, properties, display));
    } else if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
      const nestedDir = path.resolve(dir, properties.directoryName);
      if (visited.has(nestedDir)) continue;
      visited.add(nestedDir);
      const probe = await probeAssembly(nestedDir, display);
      if (probe.kind === 'assembly') append(part, await readAssembly(nestedDir, probe.artifacts, display, visited));
      else if (probe.kind === 'broken') part.errors.push(probe.error);
      else part.errors.push(problem(manifestFile, `artifact ${id}: no cloud assembly in ${properties.directoryName}`));
    }
  }
  append(part, await unclaimedNestedTemplates(dir, part.inputs, display));
  return part;
}

interface StackFile {
  absolutePath: string;
  stackName: string;
  nestedIn?: { stackName: string; logicalId: string };
  /** Construct path of a nested stack; resources below it belong to its template. */
  constructPrefix?: string;
}

interface ConstructPathEntry {
  path: string;
  logicalId: string;
}

async function readStackArtifact(
  dir: string,
  id: string,
  artifact: TemplateObject,
  properties: TemplateObject,
  display: Display,
): Promise<DiscoveryPart> {
  const part: DiscoveryPart = { inputs: [], errors: [] };
  if (typeof properties.templateFile !== 'string') {
    part.errors.push(problem(display(path.join(dir, MANIFEST)), `artifact ${id}: no properties.templateFile`));
    return part;
  }
  const metadata = new ArtifactMetadata();
  metadata.add(artifact.metadata);
  // Newer CDK versions move the metadata into a file of its own.
  if (typeof artifact.additionalMetadataFile === 'string') {
    const file = await readJson(path.resolve(dir, artifact.additionalMetadataFile), display);
    if (file.ok) metadata.add(file.value);
    else part.errors.push(file.error);
  }
  const stack: StackFile = {
    absolutePath: path.resolve(dir, properties.templateFile),
    stackName: typeof properties.stackName === 'string' ? properties.stackName : id,
  };
  const account = environmentAccount(artifact.environment);
  const nested = await nestedStacksOf(dir, stack, metadata, new Set());
  const paths = constructPathsByStack(metadata.logicalIds, stack, nested);
  for (const file of [stack, ...nested]) {
    const constructPaths = paths.get(file);
    part.inputs.push({
      file: display(file.absolutePath),
      absolutePath: file.absolutePath,
      stackName: file.stackName,
      ...(constructPaths && { constructPaths }),
      ...(file.nestedIn && { nestedIn: file.nestedIn }),
      ...(account && { account }),
    });
  }
  return part;
}

/** The account of an artifact's `aws://ACCOUNT/REGION` environment, when the app named one (not `unknown-account`). */
function environmentAccount(environment: TemplateValue | undefined): string | undefined {
  const match = typeof environment === 'string' ? /^aws:\/\/(\d{12})\//.exec(environment) : null;
  return match?.[1];
}

/**
 * An artifact's metadata maps construct paths to entries: `aws:cdk:logicalId` names the resource
 * at that path, `aws:cdk:templateFile` the template of the stack (or nested stack) at that path.
 * Paths are kept without the leading slash, as resources' own `aws:cdk:path` metadata writes them.
 */
class ArtifactMetadata {
  readonly logicalIds: ConstructPathEntry[] = [];
  readonly templateFiles = new Map<string, string>();

  add(metadata: TemplateValue | undefined): void {
    if (!isRecord(metadata)) return;
    for (const [constructPath, entries] of Object.entries(metadata)) {
      if (!Array.isArray(entries)) continue;
      const where = constructPath.replace(/^\//, '');
      for (const entry of entries) {
        if (!isRecord(entry) || typeof entry.data !== 'string') continue;
        if (entry.type === 'aws:cdk:logicalId') this.logicalIds.push({ path: where, logicalId: entry.data });
        else if (entry.type === 'aws:cdk:templateFile') this.templateFiles.set(entry.data, where);
      }
    }
  }
}

/**
 * Nested stacks of `parent`, found through `AWS::CloudFormation::Stack` resources whose
 * `aws:asset:path` metadata names the nested template, recursively.
 */
async function nestedStacksOf(dir: string, parent: StackFile, metadata: ArtifactMetadata, seen: Set<string>): Promise<StackFile[]> {
  const text = await readText(parent.absolutePath);
  // Only templates that mention an asset path are parsed here; the rest are parsed once, later.
  if (text === undefined || !text.includes('aws:asset:path')) return [];
  const parsed = parseJson(text);
  // A parent that cannot be parsed is reported when it is read; its nested templates still surface as unclaimed.
  const resources = parsed.ok && isRecord(parsed.value) ? parsed.value.Resources : undefined;
  if (!isRecord(resources)) return [];
  const found: StackFile[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || resource.Type !== 'AWS::CloudFormation::Stack' || !isRecord(resource.Metadata)) continue;
    const asset = resource.Metadata['aws:asset:path'];
    if (typeof asset !== 'string') continue;
    const absolutePath = path.resolve(dir, asset);
    if (seen.has(absolutePath)) continue;
    seen.add(absolutePath);
    const ownPath = resource.Metadata['aws:cdk:path'];
    const constructPrefix = metadata.templateFiles.get(asset) ?? (typeof ownPath === 'string' ? nestedStackPrefix(ownPath) : undefined);
    const child: StackFile = {
      absolutePath,
      stackName: `${parent.stackName}-${logicalId}`,
      nestedIn: { stackName: parent.stackName, logicalId },
      ...(constructPrefix !== undefined && { constructPrefix }),
    };
    found.push(child, ...(await nestedStacksOf(dir, child, metadata, seen)));
  }
  return found;
}

/**
 * CDK puts a nested stack `P/Inner` in its parent as `P/Inner.NestedStack/Inner.NestedStackResource`,
 * and the nested stack's own resources under `P/Inner/...`.
 */
function nestedStackPrefix(resourcePath: string): string | undefined {
  const parentConstruct = path.posix.dirname(resourcePath.replace(/^\//, ''));
  return parentConstruct.endsWith('.NestedStack') ? parentConstruct.slice(0, -'.NestedStack'.length) : undefined;
}

/** The artifact's metadata covers its nested stacks too: each entry goes to the deepest stack whose construct path holds it. */
function constructPathsByStack(entries: ConstructPathEntry[], top: StackFile, nested: StackFile[]): Map<StackFile, Map<string, string>> {
  const byStack = new Map<StackFile, Map<string, string>>();
  for (const entry of entries) {
    let owner = top;
    let longest = -1;
    for (const candidate of nested) {
      const prefix = candidate.constructPrefix;
      if (prefix !== undefined && prefix.length > longest && entry.path.startsWith(prefix + '/')) {
        owner = candidate;
        longest = prefix.length;
      }
    }
    const map = byStack.get(owner) ?? new Map<string, string>();
    map.set(entry.logicalId, entry.path);
    byStack.set(owner, map);
  }
  return byStack;
}

/**
 * Nested templates no parent claimed (asset metadata switched off, or the parent unreadable) are
 * still scanned, as stacks of their own: an assembly never hides a template.
 */
async function unclaimedNestedTemplates(dir: string, claimed: TemplateInput[], display: Display): Promise<DiscoveryPart> {
  const taken = new Set(claimed.map((input) => input.absolutePath));
  const names = await readdir(dir).catch(() => []);
  const inputs = names
    .filter((name) => name.endsWith(NESTED_TEMPLATE_SUFFIX))
    .sort()
    .map((name) => path.join(dir, name))
    .filter((absolutePath) => !taken.has(absolutePath))
    .map((absolutePath): TemplateInput => ({ file: display(absolutePath), absolutePath, stackName: stackNameOf(display(absolutePath)) }));
  return { inputs, errors: [] };
}

function append(target: DiscoveryPart, source: DiscoveryPart): void {
  target.inputs.push(...source.inputs);
  target.errors.push(...source.errors);
}

function problem(file: string, message: string): LoadError {
  return { file, line: 1, column: 1, message };
}

async function readJson(absolutePath: string, display: Display): Promise<{ ok: true; value: TemplateValue } | { ok: false; error: LoadError }> {
  const file = display(absolutePath);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    return { ok: false, error: problem(file, ioErrorMessage(error)) };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: { file, ...parsed.position, message: parsed.message } };
  return { ok: true, value: parsed.value };
}

async function readText(absolutePath: string): Promise<string | undefined> {
  return readFile(absolutePath, 'utf8').catch(() => undefined);
}

async function isFile(absolutePath: string): Promise<boolean> {
  return stat(absolutePath).then(
    (found) => found.isFile(),
    () => false,
  );
}
