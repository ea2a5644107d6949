/**
 * The whole pipeline over every public corpus template: no internal error, ever. Inputs that
 * CloudFormation itself rejects may be errors, but only as clean, located load errors.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../src/engine/scan';

const corpus = join(__dirname, '..', '..', 'shared', 'corpus');
const present = existsSync(corpus);
if (!present) console.warn(`skipping corpus scan: ${corpus} is not present`);

(present ? it : it.skip)('scans the shared corpus without an internal error', async () => {
  const result = await scan([corpus], { cwd: join(corpus, '..') });
  const internal = result.errors.filter((e) => /internal error/.test(e.message));
  expect(internal).toEqual([]);
  for (const error of result.errors) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
  }
  const withFindings = new Set(result.findings.map((f) => f.location.file)).size;
  console.log(
    `corpus: ${result.files} files, ${result.templates.length} templates loaded, ${withFindings} with findings, ` +
      `${result.findings.length} findings, ${result.errors.length} unreadable inputs`,
  );
  expect(result.templates.length).toBeGreaterThan(250);
});
