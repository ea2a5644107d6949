/**
 * Every template of the public corpus extracts without throwing. The corpus is not shipped
 * with the repository; without it the test says so and checks nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseTemplate } from '../../src/template';
import { createResolver } from '../../src/resolve';
import { extractPolicies } from '../../src/extract';
import { fakeAwsManagedPolicy } from './managed-policies';

const CORPUS = join(__dirname, '../../../shared/corpus/public');
const TEMPLATE_FILE = /\.(json|ya?ml|template)$/;

function files(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? files(path) : TEMPLATE_FILE.test(name) ? [path] : [];
    });
}

const describeCorpus = existsSync(CORPUS) ? describe : describe.skip;
if (!existsSync(CORPUS)) console.warn(`corpus test skipped: ${CORPUS} is absent`);

describeCorpus('public corpus', () => {
  it('extracts every template without throwing', () => {
    const totals = { templates: 0, policies: 0, statements: 0, problems: 0, errors: 0, principals: 0 };
    const byKind: Record<string, number> = {};
    const errors: string[] = [];
    for (const path of files(CORPUS)) {
      const file = relative(CORPUS, path);
      const loaded = parseTemplate(readFileSync(path), file);
      if (loaded.status !== 'loaded') continue;
      const extraction = extractPolicies(loaded.template, createResolver(loaded.template), { awsManagedPolicy: fakeAwsManagedPolicy });
      totals.templates++;
      totals.policies += extraction.policies.length;
      totals.principals += extraction.principals.length;
      totals.statements += extraction.policies.reduce((n, p) => n + p.statements.length, 0);
      totals.problems += extraction.policies.reduce((n, p) => n + p.problems.length, 0);
      totals.errors += extraction.errors.length;
      for (const policy of extraction.policies) byKind[policy.kind] = (byKind[policy.kind] ?? 0) + 1;
      for (const error of extraction.errors) errors.push(`${file} ${error.logicalId} ${error.at}: ${error.message}`);
      for (const error of extraction.errors) expect(error.message).not.toMatch(/internal error/);
    }
    console.log(`extract corpus: ${JSON.stringify(totals)}\npolicies by kind: ${JSON.stringify(byKind)}\n${errors.join('\n')}`);
    expect(totals.templates).toBeGreaterThan(250);
  });
});
