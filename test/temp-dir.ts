/** Temporary folders for a test file, removed when its tests are done. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `iamgate-${purpose}-`));
  made.push(dir);
  return dir;
}
