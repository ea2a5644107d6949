/**
 * The root that code-scanning and workflow annotations name files from: the repository, not the
 * working folder. GitHub Actions gives it as GITHUB_WORKSPACE; elsewhere it is the nearest folder
 * upward holding `.git`, else the working folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mapped, type ReportInput } from '../report/output';
import type { Finding } from '../rules/types';
import type { CliIO } from './io';

export interface SourceRoot {
  /** Absolute path of the root. */
  dir: string;
  /** `file:///.../` of the root, for SARIF's `originalUriBaseIds`. */
  uri: string;
  /** A file shown relative to the working folder, relative to the root (unchanged when outside it). */
  rebase(file: string): string;
}

export function sourceRoot(io: CliIO): SourceRoot {
  const dir = io.env.GITHUB_WORKSPACE ? path.resolve(io.cwd, io.env.GITHUB_WORKSPACE) : repositoryRoot(io.cwd);
  const uri = pathToFileURL(dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`).href;
  return {
    dir,
    uri,
    rebase(file) {
      const relative = path.relative(dir, path.resolve(io.cwd, file));
      return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
    },
  };
}

function repositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** The result with every file named from the root: findings, their suppressions, input errors and stale suppressions. */
export function rebased(result: ReportInput, root: SourceRoot): ReportInput {
  const file = <T extends { file: string }>(where: T): T => ({ ...where, file: root.rebase(where.file) });
  const finding = (f: Finding): Finding => ({
    ...f,
    location: file(f.location),
    ...(f.suppressed?.location ? { suppressed: { ...f.suppressed, location: file(f.suppressed.location) } } : {}),
  });
  // Reports read the findings more than once (the annotations, then the counts): each read maps afresh.
  const findings: Iterable<Finding> = { [Symbol.iterator]: () => mapped(result.findings, finding)[Symbol.iterator]() };
  return { ...result, findings, errors: result.errors.map(file), staleSuppressions: result.staleSuppressions.map(file) };
}
