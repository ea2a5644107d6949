/**
 * Fail closed: whatever breaks inside iamgate (a rule, the loader, the resolver, extraction, a
 * worker thread, an event handler), the scan never ends with exit 0 and never reads as findings
 * only. The broken part becomes an error for its file, and the other files are still scanned.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../../src/rules/types';
import { builtinRules } from '../../src/rules/registry';
import { exitCodeOf, scan, scanTemplate } from '../../src/engine/scan';
import { Scratch } from './hostile';

// Each stage throws for one file name only, so that every test also shows the other files pass through.
jest.mock('../../src/template/read-template', () => {
  const actual = jest.requireActual<typeof import('../../src/template/read-template')>('../../src/template/read-template');
  return {
    ...actual,
    readTemplate: (...args: Parameters<typeof actual.readTemplate>) => {
      if (args[0].file.includes('explode-loader')) throw new Error('loader exploded');
      return actual.readTemplate(...args);
    },
  };
});
jest.mock('../../src/resolve', () => {
  const actual = jest.requireActual<typeof import('../../src/resolve')>('../../src/resolve');
  return {
    ...actual,
    createResolver: (...args: Parameters<typeof actual.createResolver>) => {
      if (args[0].file.includes('explode-resolver')) throw new Error('resolver exploded');
      return actual.createResolver(...args);
    },
  };
});
jest.mock('../../src/extract', () => {
  const actual = jest.requireActual<typeof import('../../src/extract')>('../../src/extract');
  return {
    ...actual,
    extractPolicies: (...args: Parameters<typeof actual.extractPolicies>) => {
      if (args[0].file.includes('explode-extract')) throw new Error('extraction exploded');
      return actual.extractPolicies(...args);
    },
  };
});

const ADMIN = `Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: '*'
            Resource: '*'
`;
const CLEAN = `Resources:
  Queue:
    Type: AWS::SQS::Queue
`;

const scratch = new Scratch();
afterAll(() => scratch.remove());

const throwingRule: Rule = {
  meta: { id: 'always-throws', title: 'Throws', defaultSeverity: 'error', rationale: 'test', fix: 'test', docsUrl: 'https://example.com' },
  create: () => ({
    statement() {
      throw new Error('rule exploded');
    },
  }),
};

describe('a rule that throws', () => {
  test('is an error for the template (exit 2); the other rules still report', () => {
    const result = scanTemplate(ADMIN, { file: 'admin.yaml', rules: [...builtinRules, throwingRule] });
    expect(result.errors).toEqual([{ file: 'admin.yaml', line: 1, column: 1, message: expect.stringMatching(/internal error in rule always-throws.*rule exploded/) }]);
    expect(result.findings.map((f) => f.ruleId)).toContain('full-admin');
    expect(exitCodeOf(result)).toBe(2);
  });

  test('an async visitor (a promise returned) is such an error too, not a report that comes after the scan', () => {
    const asyncRule = {
      meta: { ...throwingRule.meta, id: 'reports-later' },
      create: () => ({
        statement: () => Promise.reject(new Error('too late')),
      }),
    } as unknown as Rule;
    const result = scanTemplate(ADMIN, { file: 'admin.yaml', rules: [...builtinRules, asyncRule] });
    expect(result.errors).toEqual([{ file: 'admin.yaml', line: 1, column: 1, message: expect.stringMatching(/internal error in rule reports-later.*visitors must report synchronously/) }]);
    expect(exitCodeOf(result)).toBe(2);
  });

  test('fails a template that has no finding at all', () => {
    const result = scanTemplate(ADMIN.replace("Action: '*'", 'Action: s3:GetObject').replace("Resource: '*'", "Resource: 'arn:aws:s3:::b/k'"), {
      rules: [throwingRule],
    });
    expect(result.findings).toEqual([]);
    expect(exitCodeOf({ ...result, config: { ...result.config, failOn: 'none' } })).toBe(2);
  });
});

describe('a stage that throws on one file', () => {
  beforeAll(() => {
    for (const name of ['explode-loader', 'explode-resolver', 'explode-extract']) scratch.write(`${name}.yaml`, CLEAN);
    scratch.write('admin.yaml', ADMIN);
    scratch.write('clean.yaml', CLEAN);
  });

  test.each([
    ['explode-loader.yaml', /internal error while reading: loader exploded/],
    ['explode-resolver.yaml', /internal error while analyzing: resolver exploded/],
    ['explode-extract.yaml', /internal error while analyzing: extraction exploded/],
  ])('%s is an error; the other files are scanned', async (file, message) => {
    const result = await scan([file, 'admin.yaml', 'clean.yaml'], { cwd: scratch.dir, config: { failOn: 'none' } });
    expect(result.errors).toEqual([{ file, line: 1, column: 1, message: expect.stringMatching(message) }]);
    expect(result.templates.map((t) => t.file)).toEqual(expect.arrayContaining(['admin.yaml', 'clean.yaml']));
    expect(result.findings.some((f) => f.location.file === 'admin.yaml' && f.ruleId === 'full-admin')).toBe(true);
    // Even with nothing allowed to fail the gate, a broken stage does.
    expect(exitCodeOf(result)).toBe(2);
  });
});

describe('paths that hold no template', () => {
  beforeAll(() => {
    mkdirSync(join(scratch.dir, 'renamed-infra'));
    mkdirSync(join(scratch.dir, 'config-only'));
    writeFileSync(join(scratch.dir, 'config-only', 'package.json'), '{"name": "app"}');
    writeFileSync(join(scratch.dir, 'config-only', 'settings.yaml'), 'Environment: prod\n');
    mkdirSync(join(scratch.dir, 'ignored'));
    writeFileSync(join(scratch.dir, 'ignored', 'admin.yaml'), ADMIN);
  });

  test('an empty folder, or one left with only links, is an error naming it (exit 2), not a pass', async () => {
    symlinkSync(join(scratch.dir, 'admin.yaml'), join(scratch.dir, 'renamed-infra', 'linked.yaml'));
    const run = await scratch.scan('renamed-infra');
    expect(run.code).toBe(2);
    expect(run.report.errors).toEqual([{ file: 'renamed-infra', line: 1, column: 1, message: expect.stringMatching(/^no template files here .*symbolic links are skipped/) }]);
  });

  test('a folder whose files are none of them templates is an error, naming how many were read', async () => {
    const result = await scan(['config-only'], { cwd: scratch.dir, config: { failOn: 'none' } });
    expect(result.files).toBe(2);
    expect(result.errors).toEqual([{ file: 'config-only', line: 1, column: 1, message: 'no CloudFormation template here: no file read (2) has a Resources section' }]);
    expect(exitCodeOf(result)).toBe(2);
  });

  test("templates all skipped by the config's ignorePaths are an error, not a pass", async () => {
    const result = await scan(['ignored'], { cwd: scratch.dir, config: { ignorePaths: ['ignored/**'] } });
    expect(result.templates).toEqual([]);
    expect(result.errors).toEqual([{ file: 'ignored', line: 1, column: 1, message: "no template scanned: every file found here (1) is ignored by the config's ignorePaths" }]);
    expect(exitCodeOf(result)).toBe(2);
  });

  test('a folder with one template among other files scans it and passes', async () => {
    writeFileSync(join(scratch.dir, 'config-only', 'queue.yaml'), CLEAN);
    const result = await scan(['config-only'], { cwd: scratch.dir });
    expect(result.errors).toEqual([]);
    expect(result.templates.map((t) => t.file)).toEqual(['config-only/queue.yaml']);
    expect(exitCodeOf(result)).toBe(0);
  });
});

describe('the command line process', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'iamgate.js');
  const inject = (name: string) => join(__dirname, '..', 'fixtures', 'robustness', 'inject', name);
  const node = (preload: string, ...args: string[]) =>
    spawnSync(process.execPath, ['-r', inject(preload), bin, 'scan', ...args], { cwd: scratch.dir, encoding: 'utf8', timeout: 60_000 });

  // First, a worker has already been sent the file after it when it dies; last, there is none.
  test.each(['a-crash-worker.yaml', 'z-crash-worker.yaml'])('a worker thread that dies takes only its file with it (%s): that file is an error, the others are scanned', (crashing) => {
    const folder = join(scratch.dir, `many-${crashing}`);
    mkdirSync(folder);
    for (let i = 0; i < 12; i++) writeFileSync(join(folder, `clean-${i}.yaml`), CLEAN);
    writeFileSync(join(folder, 'admin.yaml'), ADMIN);
    copyFileSync(join(folder, 'clean-0.yaml'), join(folder, crashing));
    const run = node('crash-worker.js', '--jobs', '2', '--format', 'json', '--fail-on', 'none', `many-${crashing}`);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toEqual([
      { file: `many-${crashing}/${crashing}`, line: 1, column: 1, message: expect.stringMatching(/internal error while scanning this file: .*exit code 70/) },
    ]);
    expect(report.summary.templates).toBe(13);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'full-admin')).toBe(true);
  });

  test.each([
    ['throw-later.js', /thrown by an event handler/],
    ['reject-later.js', /rejected and never handled/],
  ])('an error outside the promise chain (%s) exits 2, not 1', (preload, message) => {
    const run = node(preload, 'clean.yaml');
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
  });
});

describe('a plugin that ends the process', () => {
  it('cannot make the gate pass: the binary exits 2 and says so', () => {
    const root = join(__dirname, '..', '..');
    const folder = join(root, 'test', 'fixtures', 'robustness', 'exiting-plugin');
    const run = spawnSync(process.execPath, [join(root, 'bin', 'iamgate.js'), 'scan', join(root, 'test', 'fixtures', 'cli', 'admin.yaml')], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the process ended before the scan finished');
  });
});
