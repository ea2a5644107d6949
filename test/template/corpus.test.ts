import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { discoverTemplates, parseTemplate, readTemplate, type LoadResult } from '../../src/template';

const corpus = path.join(__dirname, '../../../shared/corpus');
const available = existsSync(corpus);
if (!available) console.warn(`shared corpus not found at ${corpus}: corpus tests skipped`);
const corpusTest = available ? test : test.skip;

function expectClean(result: LoadResult): void {
  if (result.status !== 'error') return;
  expect(result.error.line).toBeGreaterThanOrEqual(1);
  expect(result.error.column).toBeGreaterThanOrEqual(1);
  expect(result.error.message.length).toBeGreaterThan(0);
}

corpusTest('every corpus file loads, is not a template, or fails with a clean error; never throws', async () => {
  const files = (await glob('**/*.{json,yaml,yml,template}', { cwd: corpus, dot: true })).sort();
  expect(files.length).toBeGreaterThan(300);
  const counts = { loaded: 0, 'not-a-template': 0, error: 0 };
  const errors: string[] = [];
  for (const file of files) {
    const result = parseTemplate(readFileSync(path.join(corpus, file)), file);
    expectClean(result);
    counts[result.status] += 1;
    if (result.status === 'error') errors.push(`${result.error.file}:${result.error.line}:${result.error.column} ${result.error.message}`);
  }
  console.log(`corpus: ${files.length} files: ${JSON.stringify(counts)}\n${errors.join('\n')}`);
  // The 286 templates of public/ load but for the Rain-preprocessed ones (!Rain:: tags) and one real duplicate key.
  expect(counts.loaded).toBeGreaterThanOrEqual(270);
  expect(errors.every((error) => /unknown tag !Rain::|duplicate key/.test(error))).toBe(true);
});

corpusTest('discovery over the whole corpus, then reading every input', async () => {
  const { inputs, errors } = await discoverTemplates(['.'], { cwd: corpus });
  expect(errors).toEqual([]);
  const counts = { loaded: 0, 'not-a-template': 0, error: 0 };
  for (const input of inputs) {
    const result = readTemplate(input);
    expectClean(result);
    counts[result.status] += 1;
  }
  console.log(`corpus discovery: ${inputs.length} inputs: ${JSON.stringify(counts)}`);
  // The two cdk.out assemblies contribute their stacks, not their manifest, tree or asset files.
  expect(inputs.some((input) => input.file.endsWith('tree.json') || input.file.endsWith('.assets.json'))).toBe(false);
  expect(inputs.filter((input) => input.constructPaths !== undefined)).toHaveLength(8);
});

/**
 * The stress file merges five real templates, expanded to long form by other tools and with the
 * suffix X<i> added to every name. Our reading of each source must match it resource by resource.
 * X1 and X2 hold flow collections indented as CloudFormation allows but the YAML spec does not.
 */
describe.each([
  ['aws__aws-sam-cli/tests/integration/testdata/start_api/cdk/template_cdk.yaml', 'X0', 220],
  ['awslabs__aws-media-insights-engine/source/operators/operator-library.yaml', 'X1', 89],
  ['aws-solutions__aws-waf-security-automations/deployment/aws-waf-security-automations.template', 'X2', 72],
  ['awslabs__aws-solutions-constructs/source/use_cases/aws-restaurant-management-demo/test/integ.basic-deployment.js.snapshot/ManagerStack.template.json', 'X3', 63],
  ['aws-cloudformation__aws-cloudformation-templates/Solutions/WebApp/webapp.json', 'X4', 42],
])('%s', (file, suffix, resources) => {
  corpusTest(`reads all ${resources} resources as an independent expansion did`, () => {
    const result = parseTemplate(readFileSync(path.join(corpus, 'public', file)), file);
    if (result.status !== 'loaded') throw new Error(`${file}: ${JSON.stringify(result)}`);
    const merged = JSON.parse(readFileSync(path.join(corpus, 'stress/synthetic-merged-486.json'), 'utf8')) as { Resources: Record<string, unknown> };
    const ours = Object.entries(result.template.body.Resources as Record<string, unknown>);
    expect(ours).toHaveLength(resources);
    for (const [id, resource] of ours) {
      const theirs = JSON.stringify(merged.Resources[id + suffix]).replace(new RegExp(suffix, 'g'), '');
      expect(JSON.stringify(resource)).toBe(theirs);
    }
  });
});

corpusTest('the 534 KB stress template loads and every resource can be located', () => {
  const result = parseTemplate(readFileSync(path.join(corpus, 'stress/synthetic-merged-486.json')), 'synthetic-merged-486.json');
  expect(result.status).toBe('loaded');
  if (result.status !== 'loaded') return;
  const ids = Object.keys(result.template.body.Resources as object);
  expect(ids).toHaveLength(486);
  const text = readFileSync(path.join(corpus, 'stress/synthetic-merged-486.json'), 'utf8').split('\n');
  for (const id of ids) {
    const { line, column } = result.template.locate(`/Resources/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    expect(text[line - 1].slice(column - 1)).toMatch(new RegExp(`^"${id}"\\s*:`));
  }
});
