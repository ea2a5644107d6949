/**
 * `--jobs N`: worker threads give exactly the output of one thread, in the same order, also for
 * stacks that import each other's exports, unreadable files and cdk.out assemblies. Worker threads
 * run the compiled engine, so these tests run the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scratch } from '../robustness/hostile';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'iamgate.js');
const countWorkers = join(root, 'test', 'fixtures', 'robustness', 'inject', 'count-workers.js');

const scratch = new Scratch();
afterAll(() => scratch.remove());

function exporting(i: number): string {
  return `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ${i % 3 === 0 ? "'*'" : 's3:GetObject'}
                Resource: !Sub '\${Bucket.Arn}/*'
Outputs:
  BucketArn:
    Value: !GetAtt Bucket.Arn
    Export: {Name: shared-bucket-${i}}
`;
}

function importing(i: number): string {
  return `Resources:
  Writer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [s3:PutObject, s3:DeleteObject, 's3:*']
            Resource: !ImportValue shared-bucket-${i}
`;
}

beforeAll(() => {
  const app = join(scratch.dir, 'app');
  mkdirSync(join(app, 'stacks'), { recursive: true });
  for (let i = 0; i < 10; i++) {
    // Importing stacks come first in path order: they must still see exports found after them.
    writeFileSync(join(app, 'stacks', `a-import-${i}.yaml`), importing(i));
    writeFileSync(join(app, 'stacks', `b-export-${i}.yaml`), exporting(i));
  }
  writeFileSync(join(app, 'stacks', 'broken.json'), '{"Resources": {"A": ');
  writeFileSync(join(app, 'package.json'), '{"name": "not-a-template"}');
  cpSync(join(root, 'test', 'fixtures', 'template', 'synthetic-cdk-out'), join(app, 'cdk.out'), { recursive: true });
});

function scanApp(jobs: number, format: string, log?: string) {
  const run = spawnSync(process.execPath, ['-r', countWorkers, bin, 'scan', '--jobs', String(jobs), '--format', format, 'app'], {
    cwd: scratch.dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', ...(log && { IAMGATE_TEST_WORKER_LOG: log }) },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test.each(['json', 'text'])('--jobs 2 prints exactly what --jobs 1 prints (%s)', (format) => {
  const log = join(scratch.dir, `workers-${format}.log`);
  const one = scanApp(1, format);
  const two = scanApp(2, format, log);
  expect(two.stderr).toBe(one.stderr);
  expect(two.status).toBe(one.status);
  expect(two.stdout).toBe(one.stdout);
  // Two worker threads did the scanning: the comparison above is not one thread against itself.
  expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
});

test('the parallel result is complete: imports resolved, the broken file an error, every stack scanned', () => {
  const report = JSON.parse(scanApp(2, 'json').stdout);
  expect(report.errors).toEqual([{ file: 'app/stacks/broken.json', line: 1, column: expect.any(Number), message: expect.stringMatching(/invalid JSON/) }]);
  // 10 importing, 10 exporting, and the assembly's stacks (2 top-level, 4 nested).
  expect(report.summary.templates).toBe(26);
  const imported = report.findings.filter((f: { file: string }) => f.file.startsWith('app/stacks/a-import-'));
  expect(imported.length).toBeGreaterThan(0);
  // The imported ARN was resolved to the exporting stack's bucket, not left unknown.
  expect(JSON.stringify(imported)).toMatch(/\$\{b-export-\d\/Bucket\}/);
  expect(JSON.stringify(imported)).not.toMatch(/no stack in this scan exports it/);
});

test('the default leaves a core for V8 beside the scanning threads: 1 on 2 cores, 7 on 8, never 0', async () => {
  const { defaultJobs } = await import('../../src/engine/parallel');
  expect([1, 2, 8].map((cores) => defaultJobs(cores))).toEqual([1, 1, 7]);
});

test('one scanning thread is a worker, whose heap is capped, once the input reaches 4 MB; many files get as many workers as jobs', async () => {
  const { workerCount } = await import('../../src/engine/parallel');
  const files = (count: number, bytes: number) => new Array<number>(count).fill(bytes);
  expect(workerCount(1, files(3, 1000))).toBe(0);
  expect(workerCount(1, files(500, 10_000))).toBe(1);
  expect(workerCount(2, files(3, 2 * 1024 * 1024))).toBe(1);
  expect(workerCount(2, files(500, 1000))).toBe(2);
  expect(workerCount(8, files(12, 1000))).toBe(3);
});
