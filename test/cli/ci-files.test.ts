/** The GitHub Action and the pre-commit hook are files users copy from: they must parse and call the CLI as documented. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPORT_FORMATS } from '../../src/report';

const root = join(__dirname, '..', '..');
const read = (name: string) => parse(readFileSync(join(root, name), 'utf8'));

it('action.yml is a composite action that scans, uploads SARIF, then applies the gate', () => {
  const action = read('action.yml');
  expect(action.runs.using).toBe('composite');
  const steps = action.runs.steps as { id?: string; uses?: string; run?: string; if?: string }[];
  const scan = steps.find((s) => s.id === 'scan')!;
  expect(scan.run).toMatch(/scan .*--format github/);
  expect(scan.run).toMatch(/scan .*--format sarif --output/);
  for (const format of ['github', 'sarif']) expect(REPORT_FORMATS).toContain(format);
  const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  expect(upload).toBeGreaterThan(steps.indexOf(scan));
  expect(steps[upload]!.if).toMatch(/always\(\)/);
  expect(steps[steps.length - 1]!.run).toMatch(/exit "\$\{IAMGATE_EXIT_CODE/);
  expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'config', 'baseline', 'fail-on', 'sarif-file', 'upload-sarif']));
});

it('.pre-commit-hooks.yaml defines the iamgate hook', () => {
  const [hook] = read('.pre-commit-hooks.yaml');
  expect(hook).toMatchObject({ id: 'iamgate', entry: 'iamgate scan', language: 'node', pass_filenames: false });
});
