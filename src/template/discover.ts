/** Which files to scan: named files, templates found in folders, and the stacks of CDK cloud assemblies. */
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { probeAssembly, readAssembly, type Display, type DiscoveryPart } from './cdk-assembly';
import { stackNameOf } from './parse-template';
import { ioErrorMessage } from './read-template';
import type { LoadError, TemplateInput } from './types';

export interface DiscoverOptions {
  /** Folder that paths are resolved against and shown relative to; `process.cwd()` by default. */
  cwd?: string;
  /** Glob patterns to skip in folder searches, relative to the folder searched. */
  ignore?: string[];
}

export interface Discovery {
  inputs: TemplateInput[];
  errors: LoadError[];
}

const TEMPLATE_FILES = '**/*.{json,yaml,yml,template}';
// Dot folders (.git, .aws-sam build copies) are skipped too: tinyglobby leaves them out by default.
const ALWAYS_IGNORED = ['**/node_modules/**'];
const NO_TEMPLATE_FILES =
  'no template files here (searched *.json, *.yaml, *.yml and *.template; node_modules, dot folders and symbolic links are skipped); for a CDK app, run cdk synth first';

/** A unit of output: its inputs stay in their own order, units are sorted by `key`. */
interface Group extends DiscoveryPart {
  key: string;
}

export async function discoverTemplates(paths: readonly string[], options: DiscoverOptions = {}): Promise<Discovery> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const display: Display = (absolutePath) => displayPath(cwd, absolutePath);
  const groups: Group[] = [];
  for (const given of paths) {
    const absolutePath = path.resolve(cwd, given);
    let found: Stats;
    try {
      found = await stat(absolutePath);
    } catch (error) {
      const message = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : ioErrorMessage(error);
      groups.push({ key: display(absolutePath), inputs: [], errors: [{ file: display(absolutePath), line: 1, column: 1, message }] });
      continue;
    }
    if (found.isDirectory()) groups.push(...(await searchFolder(absolutePath, options.ignore ?? [], display)));
    else groups.push(await namedFile(absolutePath, display));
  }
  return merge(groups);
}

/** A file the user named is a template they expect scanned; a named `manifest.json` stands for its assembly. */
async function namedFile(absolutePath: string, display: Display): Promise<Group> {
  if (path.basename(absolutePath) === 'manifest.json') {
    const assembly = await assemblyGroup(path.dirname(absolutePath), display);
    if (assembly) return assembly;
  }
  const file = display(absolutePath);
  return { key: file, inputs: [{ file, absolutePath, stackName: stackNameOf(file), explicit: true }], errors: [] };
}

async function assemblyGroup(dir: string, display: Display): Promise<Group | undefined> {
  const probe = await probeAssembly(dir, display);
  const key = display(dir) + '/';
  if (probe.kind === 'none') return undefined;
  if (probe.kind === 'broken') return { key, inputs: [], errors: [probe.error] };
  return { key, ...(await readAssembly(dir, probe.artifacts, display)) };
}

async function searchFolder(folder: string, ignore: string[], display: Display): Promise<Group[]> {
  const assembly = await assemblyGroup(folder, display);
  if (assembly) return [assembly];
  // Symbolic links are not followed: a link loop cannot hang the search, and no file is found twice.
  // tinyglobby is loaded on the first folder search: a scan of named files never pays for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (start-up time)
  const { glob } = require('tinyglobby') as typeof import('tinyglobby');
  const files = await glob(TEMPLATE_FILES, {
    cwd: folder,
    ignore: [...ALWAYS_IGNORED, ...ignore],
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  files.sort();
  // Fail closed: a gate pointed at the wrong folder must not pass for having read nothing.
  if (files.length === 0) {
    const shown = display(folder);
    return [{ key: shown, inputs: [], errors: [{ file: shown, line: 1, column: 1, message: NO_TEMPLATE_FILES }] }];
  }

  // Assemblies inside the folder: their manifest decides what is a template, so their files are not scanned one by one.
  const groups: Group[] = [];
  const assemblyDirs: string[] = [];
  // Outer assemblies first: a stage assembly inside one is read through the outer manifest.
  const manifests = files.filter((file) => path.posix.basename(file) === 'manifest.json');
  manifests.sort((a, b) => a.split('/').length - b.split('/').length);
  for (const manifest of manifests) {
    const dir = path.posix.dirname(manifest);
    if (assemblyDirs.some((outer) => dir.startsWith(outer + '/'))) continue;
    const group = await assemblyGroup(path.join(folder, dir), display);
    if (group === undefined) continue;
    assemblyDirs.push(dir);
    groups.push(group);
  }
  for (const file of files) {
    if (assemblyDirs.some((dir) => file.startsWith(dir + '/'))) continue;
    const absolutePath = path.join(folder, file);
    const shown = display(absolutePath);
    groups.push({ key: shown, inputs: [{ file: shown, absolutePath, stackName: stackNameOf(shown) }], errors: [] });
  }
  return groups;
}

/** Sorted by path, each file once; a file both named and found keeps its "named" status. */
function merge(groups: Group[]): Discovery {
  const byPath = new Map<string, TemplateInput>();
  const errors: LoadError[] = [];
  for (const group of [...groups].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    for (const input of group.inputs) {
      const known = byPath.get(input.absolutePath);
      if (known === undefined || (input.explicit && !known.explicit)) byPath.set(input.absolutePath, input);
    }
    errors.push(...group.errors);
  }
  return { inputs: [...byPath.values()], errors };
}

/** Relative to `cwd`, with forward slashes on every platform. */
export function displayPath(cwd: string, absolutePath: string): string {
  const relative = path.relative(cwd, absolutePath);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}
