import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

/** The package version, read once from package.json (two levels up from src/ and dist/). */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
