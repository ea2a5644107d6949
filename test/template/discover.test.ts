import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverTemplates, readTemplate, type TemplateInput } from '../../src/template';

const fixtures = path.join(__dirname, '../fixtures/template');
const corpus = path.join(__dirname, '../../../shared/corpus/public');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamgate-discover-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), text);
}

const files = (inputs: TemplateInput[]) => inputs.map((input) => input.file);
const summary = (inputs: TemplateInput[]) =>
  inputs.map((input) => ({ file: input.file, stackName: input.stackName, nestedIn: input.nestedIn, explicit: input.explicit }));

describe('folders', () => {
  beforeEach(() => {
    write('infra/api.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n');
    write('infra/network.template', '{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}}}');
    write('infra/params.yml', 'Environment: prod\n');
    write('package.json', '{"name": "app"}');
    write('README.md', '# not scanned');
    write('node_modules/some-lib/template.yaml', 'Resources: {}\n');
    write('.github/workflows/ci.yml', 'on: push\n');
    write('.aws-sam/build/template.yaml', 'Resources: {}\n');
  });

  test('finds json, yaml, yml and template files, sorted, skipping node_modules and dot folders', async () => {
    const { inputs, errors } = await discoverTemplates(['.'], { cwd: dir });
    expect(errors).toEqual([]);
    expect(files(inputs)).toEqual(['infra/api.yaml', 'infra/network.template', 'infra/params.yml', 'package.json']);
    expect(inputs.every((input) => input.explicit === undefined && path.isAbsolute(input.absolutePath))).toBe(true);
    expect(inputs.map((input) => input.stackName)).toEqual(['api', 'network', 'params', 'package']);
  });

  test('files that are not templates are skipped quietly when read', async () => {
    const { inputs } = await discoverTemplates(['.'], { cwd: dir });
    expect(inputs.map((input) => readTemplate(input).status)).toEqual(['loaded', 'loaded', 'not-a-template', 'not-a-template']);
  });

  test('ignore patterns, relative to the folder searched', async () => {
    const { inputs } = await discoverTemplates(['infra'], { cwd: dir, ignore: ['**/*.yml', 'network.*'] });
    expect(files(inputs)).toEqual(['infra/api.yaml']);
  });

  test('paths are shown relative to cwd with forward slashes, also outside it', async () => {
    const { inputs } = await discoverTemplates([path.join(dir, 'infra/api.yaml')], { cwd: path.join(dir, 'package-dir') });
    expect(files(inputs)).toEqual(['../infra/api.yaml']);
  });

  test('a named file is explicit, even when the folder search finds it too', async () => {
    const { inputs } = await discoverTemplates(['infra', 'infra/params.yml'], { cwd: dir });
    expect(summary(inputs)).toEqual([
      { file: 'infra/api.yaml', stackName: 'api', explicit: undefined, nestedIn: undefined },
      { file: 'infra/network.template', stackName: 'network', explicit: undefined, nestedIn: undefined },
      { file: 'infra/params.yml', stackName: 'params', explicit: true, nestedIn: undefined },
    ]);
    expect(readTemplate(inputs[2]).status).toBe('error');
  });

  test('symbolic links are not followed, so a link loop cannot hang the search', async () => {
    symlinkSync(dir, path.join(dir, 'infra/loop'));
    symlinkSync(path.join(dir, 'infra/api.yaml'), path.join(dir, 'linked.yaml'));
    const { inputs } = await discoverTemplates(['.'], { cwd: dir });
    expect(files(inputs)).toEqual(['infra/api.yaml', 'infra/network.template', 'infra/params.yml', 'package.json']);
  });

  test('a path that does not exist is an error record', async () => {
    const { inputs, errors } = await discoverTemplates(['missing', 'infra/api.yaml'], { cwd: dir });
    expect(files(inputs)).toEqual(['infra/api.yaml']);
    expect(errors).toEqual([{ file: 'missing', line: 1, column: 1, message: 'no such file or folder' }]);
  });
});

describe('cdk.out assemblies', () => {
  const synthetic = () => {
    cpSync(path.join(fixtures, 'synthetic-cdk-out'), path.join(dir, 'app/cdk.out'), { recursive: true });
    return path.join(dir, 'app/cdk.out');
  };

  test('every stack, stage stacks and nested stacks, in manifest order', async () => {
    synthetic();
    const { inputs, errors } = await discoverTemplates(['app/cdk.out'], { cwd: dir });
    expect(errors).toEqual([]);
    const inner = 'InnerNestedStackInnerNestedStackResource745E041B';
    const deeper = 'DeeperNestedStackDeeperNestedStackResource02A56DA5';
    expect(summary(inputs)).toEqual([
      { file: 'app/cdk.out/assembly-Prod/ProdServiceC810982D.template.json', stackName: 'prod-service', nestedIn: undefined, explicit: undefined },
      {
        file: 'app/cdk.out/assembly-Prod/ProdServiceInner1486273E.nested.template.json',
        stackName: `prod-service-${inner}`,
        nestedIn: { stackName: 'prod-service', logicalId: inner },
        explicit: undefined,
      },
      {
        file: 'app/cdk.out/assembly-Prod/ProdServiceInnerDeeperE83164FE.nested.template.json',
        stackName: `prod-service-${inner}-${deeper}`,
        nestedIn: { stackName: `prod-service-${inner}`, logicalId: deeper },
        explicit: undefined,
      },
      { file: 'app/cdk.out/AppStack.template.json', stackName: 'AppStack', nestedIn: undefined, explicit: undefined },
      { file: 'app/cdk.out/AppStackInner7FB52B1E.nested.template.json', stackName: `AppStack-${inner}`, nestedIn: { stackName: 'AppStack', logicalId: inner }, explicit: undefined },
      {
        file: 'app/cdk.out/AppStackInnerDeeper5212C87D.nested.template.json',
        stackName: `AppStack-${inner}-${deeper}`,
        nestedIn: { stackName: `AppStack-${inner}`, logicalId: deeper },
        explicit: undefined,
      },
    ]);
    expect(inputs.map((input) => readTemplate(input).status)).toEqual(Array(6).fill('loaded'));
  });

  test('construct paths come from the metadata file or the manifest, each logical id in its own stack', async () => {
    synthetic();
    const { inputs } = await discoverTemplates(['app/cdk.out'], { cwd: dir });
    const paths = (file: string) => inputs.find((input) => input.file.endsWith(file))?.constructPaths;
    // The same logical id names AppStack's own role and the role in the nested stack Deeper.
    expect(paths('/AppStack.template.json')?.get('TopRoleA806A299')).toBe('AppStack/TopRole/Resource');
    expect(paths('/AppStackInnerDeeper5212C87D.nested.template.json')?.get('TopRoleA806A299')).toBe('AppStack/Inner/Deeper/TopRole/Resource');
    expect(paths('/AppStackInner7FB52B1E.nested.template.json')).toEqual(
      new Map([
        ['InnerRoleDE044D4E', 'AppStack/Inner/InnerRole/Resource'],
        ['DeeperNestedStackDeeperNestedStackResource02A56DA5', 'AppStack/Inner/Deeper.NestedStack/Deeper.NestedStackResource'],
        ['InnerRoleDefaultPolicyE327D236', 'AppStack/Inner/InnerRole/DefaultPolicy/Resource'],
      ]),
    );
    // The stage keeps its metadata inside its manifest (older CDK layout).
    expect(paths('/ProdServiceC810982D.template.json')?.get('TopRoleA806A299')).toBe('Prod/Service/TopRole/Resource');
    expect(paths('/ProdServiceInnerDeeperE83164FE.nested.template.json')?.get('TopRoleA806A299')).toBe('Prod/Service/Inner/Deeper/TopRole/Resource');
  });

  test('an assembly inside a searched folder is read through its manifest, its other files are not scanned', async () => {
    synthetic();
    write('app/bin/config.json', '{"app": "node bin/app.js"}');
    const { inputs } = await discoverTemplates(['.'], { cwd: dir });
    expect(files(inputs)).toEqual([
      'app/bin/config.json',
      'app/cdk.out/assembly-Prod/ProdServiceC810982D.template.json',
      'app/cdk.out/assembly-Prod/ProdServiceInner1486273E.nested.template.json',
      'app/cdk.out/assembly-Prod/ProdServiceInnerDeeperE83164FE.nested.template.json',
      'app/cdk.out/AppStack.template.json',
      'app/cdk.out/AppStackInner7FB52B1E.nested.template.json',
      'app/cdk.out/AppStackInnerDeeper5212C87D.nested.template.json',
    ]);
  });

  test('naming manifest.json stands for its assembly', async () => {
    synthetic();
    const { inputs } = await discoverTemplates(['app/cdk.out/manifest.json'], { cwd: dir });
    expect(inputs).toHaveLength(6);
  });

  test('nested templates that no parent claims are still scanned', async () => {
    const out = synthetic();
    const parent = path.join(out, 'AppStack.template.json');
    writeFileSync(parent, readFileSync(parent, 'utf8').replace(/"aws:asset:path"/g, '"aws:asset:path-removed"'));
    const { inputs } = await discoverTemplates(['app/cdk.out'], { cwd: dir });
    const appFiles = summary(inputs).filter((input) => !input.file.includes('assembly-Prod'));
    expect(appFiles).toEqual([
      { file: 'app/cdk.out/AppStack.template.json', stackName: 'AppStack', nestedIn: undefined, explicit: undefined },
      { file: 'app/cdk.out/AppStackInner7FB52B1E.nested.template.json', stackName: 'AppStackInner7FB52B1E.nested', nestedIn: undefined, explicit: undefined },
      { file: 'app/cdk.out/AppStackInnerDeeper5212C87D.nested.template.json', stackName: 'AppStackInnerDeeper5212C87D.nested', nestedIn: undefined, explicit: undefined },
    ]);
  });

  test('a broken manifest next to a cdk.out version file is an error with its position', async () => {
    write('out/cdk.out', '{"version":"55.0.0"}');
    write('out/manifest.json', '{\n  "version": "55.0.0",\n  "artifacts": {\n}');
    write('out/Stack.template.json', '{"Resources": {}}');
    const { inputs, errors } = await discoverTemplates(['out'], { cwd: dir });
    expect(inputs).toEqual([]);
    expect(errors).toEqual([{ file: 'out/manifest.json', line: 4, column: 2, message: 'invalid JSON: close brace expected' }]);
  });

  test('a stack whose template file is missing surfaces as a read error', async () => {
    const out = synthetic();
    rmSync(path.join(out, 'AppStack.template.json'));
    const { inputs } = await discoverTemplates(['app/cdk.out'], { cwd: dir });
    const stack = inputs.find((input) => input.stackName === 'AppStack');
    expect(stack && readTemplate(stack)).toMatchObject({ status: 'error', error: { message: 'cannot read: no such file or folder' } });
  });

  test('the copied s3-sqs integ snapshot: both stacks, with construct paths from their metadata files', async () => {
    const { inputs, errors } = await discoverTemplates([path.join(fixtures, 's3sqs-snapshot')], { cwd: fixtures });
    expect(errors).toEqual([]);
    expect(summary(inputs)).toEqual([
      {
        file: 's3sqs-snapshot/s3sqsexistingLoggingBucketIntegDefaultTestDeployAssert9EECE2F2.template.json',
        stackName: 's3sqsexistingLoggingBucketIntegDefaultTestDeployAssert9EECE2F2',
        nestedIn: undefined,
        explicit: undefined,
      },
      { file: 's3sqs-snapshot/s3sqs-existingLoggingBucket.template.json', stackName: 's3sqs-existingLoggingBucket', nestedIn: undefined, explicit: undefined },
    ]);
    expect(inputs[1].constructPaths?.get('scrapBucketLog7B53B25C')).toBe('s3sqs-existingLoggingBucket/scrapBucketLog/Resource');
    // The assertion stack has only a parameter and a rule: not a template, skipped quietly.
    expect(inputs.map((input) => readTemplate(input).status)).toEqual(['not-a-template', 'loaded']);
  });

  const restaurant = path.join(corpus, 'awslabs__aws-solutions-constructs/source/use_cases/aws-restaurant-management-demo/test/integ.basic-deployment.js.snapshot');
  (existsSync(restaurant) ? test : test.skip)('the restaurant demo snapshot in the shared corpus (skipped when the corpus is absent)', async () => {
    const { inputs, errors } = await discoverTemplates([restaurant], { cwd: restaurant });
    expect(errors).toEqual([]);
    expect(inputs.map((input) => input.stackName)).toEqual([
      'ExistingResourcesStack',
      'SharedStackIntegDefaultTestDeployAssert3C2D27BF',
      'SharedStack',
      'ServiceStaffStack',
      'KitchenStaffStack',
      'ManagerStack',
    ]);
    expect(inputs[0].constructPaths?.get('existingorderarchivebucket95AB7C99')).toBe('ExistingResourcesStack/existing-order-archive-bucket/Resource');
    expect(inputs.map((input) => readTemplate(input).status)).toEqual(['loaded', 'not-a-template', 'loaded', 'loaded', 'loaded', 'loaded']);
  });
});
