/**
 * The sample templates teach by example, so each must be what its Description says:
 * `[good]` ones raise no error, `[bad]` ones raise at least one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanTemplate } from '../src/engine/scan';

const root = join(__dirname, '..', 'sample-templates');
const samples = ['good', 'bad'].flatMap((kind) =>
  readdirSync(join(root, kind))
    .filter((name) => /\.(ya?ml|json|template)$/.test(name))
    .map((name) => [`${kind}/${name}`, kind] as const),
);

it('has at least 12 samples, JSON and YAML', () => {
  expect(samples.length).toBeGreaterThanOrEqual(12);
  expect(samples.some(([name]) => name.endsWith('.json'))).toBe(true);
  expect(samples.some(([name]) => name.endsWith('.yaml'))).toBe(true);
});

it.each(samples)('%s is what its Description says', (name, kind) => {
  const text = readFileSync(join(root, name), 'utf8');
  expect(text).toContain(`[${kind}]`);
  const result = scanTemplate(text, { file: name });
  expect(result.errors).toEqual([]);
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (kind === 'good') expect(errors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  else expect(errors.length).toBeGreaterThan(0);
});
