/**
 * Memory follows the largest template, not the corpus: what a scan keeps from one template to the
 * next (memos of action patterns and resource shapes) must not keep the templates themselves.
 * V8 keeps a substring as a view into its whole parent string, so a memo key cut from a YAML
 * template's text would keep that text alive; this measures the live heap of the real CLI.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Scratch } from './hostile';

const bin = join(__dirname, '..', '..', 'bin', 'iamgate.js');
const preload = join(__dirname, '..', 'fixtures', 'robustness', 'inject', 'live-heap.js');

const TEMPLATES = 60;
// Comments make each file large (about 60 KB) without adding anything to analyze; the total stays
// under the size from which the CLI scans in a worker thread, where the preload does not reach.
const PADDING = Array.from({ length: 600 }, (_, k) => `# ${'operations note '.repeat(5)}${k}`).join('\n');

/** A Lambda execution role with one inline statement, as a Resources entry. */
function role(name: string, policyName: string, action: string, resource: string): string {
  return `  ${name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: ${policyName}
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ${action}
                Resource: ${resource}`;
}

function template(i: number): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Description: Reports stack ${i}
Resources:
${role('Reader', 'read-reports', 's3:GetObject', `arn:aws:s3:::reports-bucket-of-team-${i}/daily/*`)}
${PADDING}
`;
}

const scratch = new Scratch();
afterAll(() => scratch.remove());

test('templates scanned one after another are not kept alive by what the scan remembers', () => {
  let bytes = 0;
  for (let i = 0; i < TEMPLATES; i++) bytes += Buffer.byteLength(template(i));
  for (let i = 0; i < TEMPLATES; i++) scratch.write(`reports-${String(i).padStart(2, '0')}.yaml`, template(i));
  const run = spawnSync(process.execPath, ['--expose-gc', '-r', preload, bin, 'scan', '--jobs', '1', '--format', 'json', '.'], {
    cwd: scratch.dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, IAMGATE_TEMPLATES: String(TEMPLATES) },
  });
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).summary.templates).toBe(TEMPLATES);
  const [afterTen, afterAll] = JSON.parse(/live heap: (\[.*\])/.exec(run.stderr)![1]!) as [number, number];
  // Kept texts would add their whole size (50 templates after the tenth: 3.1 MB, and 3.2 MB was
  // measured so); what is remembered of each is a resource shape and its facts (0.6 MB in all).
  const textsAfterTen = (bytes / TEMPLATES) * (TEMPLATES - 10);
  expect(afterAll - afterTen).toBeLessThan(textsAfterTen / 2);
});

/** A stack where each of 4 roles may use all of S3 on each of 20 buckets: 80 rows of about 100 actions. */
function accessTemplate(i: number): string {
  const roles = Array.from({ length: 4 }, (_, r) => role(`Worker${r}`, `all-of-s3-${i}-${r}`, 's3:*', "'*'"));
  const buckets = Array.from({ length: 20 }, (_, b) => `  Bucket${b}:\n    Type: AWS::S3::Bucket`);
  return `AWSTemplateFormatVersion: '2010-09-09'\nDescription: Team ${i}\nResources:\n${[...roles, ...buckets].join('\n')}\n`;
}

const stacks = new Scratch();
afterAll(() => stacks.remove());

test('iamgate access writes each template\'s rows as it goes, and keeps none of them', () => {
  for (let i = 0; i < TEMPLATES; i++) stacks.write(`team-${String(i).padStart(2, '0')}.yaml`, accessTemplate(i));
  const run = spawnSync(process.execPath, ['--expose-gc', '-r', preload, bin, 'access', '--format', 'json', '.'], {
    cwd: stacks.dir,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, IAMGATE_TEMPLATES: String(TEMPLATES) },
  });
  expect(run.status).toBe(0);
  const rows = (JSON.parse(run.stdout) as { access: { resource: { resourceType: string } }[] }).access;
  expect(rows.filter((row) => row.resource.resourceType === 'AWS::S3::Bucket')).toHaveLength(TEMPLATES * 4 * 20);
  const [afterTen, afterAll] = JSON.parse(/live heap: (\[.*\])/.exec(run.stderr)![1]!) as [number, number];
  // Kept rows, even sharing their lists within a template, held about 2.7 MB for the 50 templates after the tenth.
  expect(afterAll - afterTen).toBeLessThan(1_000_000);
});
