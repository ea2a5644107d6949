import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { tempDir } from '../temp-dir';

const fixtures = join(__dirname, '..', 'fixtures');
const boundary = join(fixtures, 'access', 'boundary.yaml');
const escalation = join(fixtures, 'rules', 'escalation-path', 'bad', 'through-other-roles.yaml');

interface JsonRow {
  principal: { id: string; kind: string };
  resource: { logicalId: string; resourceType: string };
  path: string;
  allowed: { level: string; actions: string[]; statements: { file: string; line: number }[] }[];
  denied: { level: string; actions: string[]; reason: string; statements: { line: number }[]; denies: { line: number }[] }[];
}

describe('iamgate access', () => {
  it('reads a template with iamgate suppressions without judging them: access runs no rules', async () => {
    const run = await runCli(['access', join(fixtures, 'suppressions', 'metadata.yaml')]);
    expect(run.stderr).not.toMatch(/unknown rule/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('role ReaderRole');
  });

  it('prints principal × resource × access levels with the statements that grant and deny them', async () => {
    const run = await runCli(['access', boundary]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const worker = lines.indexOf('  role Worker');
    expect(worker).toBeGreaterThan(0);
    expect(lines[worker + 1]).toMatch(/^ {4}AWS::S3::Bucket Data +Read \(1\), List \(1\) +\(.*boundary\.yaml:43\)$/);
    expect(lines.slice(worker + 2, worker + 6).join('\n')).toMatch(/denied: Write \(\d+\) by the permissions boundary; granted at .*boundary\.yaml:43/);
    expect(run.stdout).toMatch(/denied: Write \(1\) by an explicit Deny at .*boundary\.yaml:65; granted at .*boundary\.yaml:62/);
    expect(run.stdout).toContain('  AWS:210987654321 (another account)');
  });

  it('answers --principal and --resource, and --format json for machines', async () => {
    const run = await runCli(['access', boundary, '--principal', 'worker', '--resource', 'Data', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { schemaVersion: number; access: JsonRow[]; errors: unknown[] };
    expect(report.schemaVersion).toBe(1);
    expect(report.access.map((r) => `${r.principal.id} ${r.resource.logicalId}`)).toEqual(['Worker Data']);
    const [row] = report.access;
    expect(row!.allowed.map((l) => [l.level, l.actions])).toEqual([
      ['Read', ['s3:GetObject']],
      ['List', ['s3:ListBucket']],
    ]);
    const write = row!.denied.find((d) => d.level === 'Write');
    expect(write?.reason).toBe('permissions-boundary');
    expect(write?.actions).toContain('s3:PutObject');
    expect(write?.statements.map((s) => s.line)).toEqual([43]);
  });

  it('shows which roles a principal can act as, and writes to --output', async () => {
    const out = join(tempDir('access'), 'access.txt');
    const run = await runCli(['access', escalation, '--principal', 'CiRole', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('  role CiRole');
    expect(text).toMatch(/can pass role AdminRole to lambda\.amazonaws\.com \(iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction\)/);
    expect(text).not.toContain('role DevRole');
  });

  it('exits 2 when an input cannot be read, and still reports the others', async () => {
    const run = await runCli(['access', join(fixtures, 'cli', 'broken.yaml'), boundary, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { access: JsonRow[]; errors: { file: string }[] };
    expect(report.errors).toEqual([expect.objectContaining({ file: expect.stringContaining('broken.yaml') })]);
    expect(report.access.length).toBeGreaterThan(0);
  });

  it('exits 2 on a usage error', async () => {
    expect((await runCli(['access', '--format', 'xml', boundary])).code).toBe(2);
  });

  it('reports a path that does not exist in the --output file, and exits 2', async () => {
    const dir = tempDir('access-missing');
    const out = join(dir, 'access.json');
    const run = await runCli(['access', join(dir, 'nothing-here'), '--format', 'json', '-o', out]);
    expect(run.code).toBe(2);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { access: JsonRow[]; errors: { file: string; message: string }[] };
    expect(report.access).toEqual([]);
    expect(report.errors).toEqual([expect.objectContaining({ file: expect.stringContaining('nothing-here') })]);
  });

  it('writes the rows of every template, in the order read, the same as one template at a time', async () => {
    const both = JSON.parse((await runCli(['access', boundary, escalation, '--format', 'json'])).stdout) as { access: JsonRow[]; reach: unknown[] };
    const first = JSON.parse((await runCli(['access', boundary, '--format', 'json'])).stdout) as { access: JsonRow[]; reach: unknown[] };
    const second = JSON.parse((await runCli(['access', escalation, '--format', 'json'])).stdout) as { access: JsonRow[]; reach: unknown[] };
    expect(both.access).toEqual([...first.access, ...second.access]);
    expect(both.reach).toEqual([...first.reach, ...second.reach]);
    expect(second.reach.length).toBeGreaterThan(0);
  });
});

describe('iamgate access: a queue policy that serves several queues', () => {
  it('counts the policy for every queue it names, not only the first', async () => {
    const run = await runCli(['access', join(fixtures, 'access', 'queue-policy-two-queues.yaml'), '--principal', 'Worker', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { access: JsonRow[] };
    const rows = report.access.filter((r) => r.resource.resourceType === 'AWS::SQS::Queue');
    expect(rows.map((r) => [r.resource.logicalId, r.allowed.flatMap((l) => l.actions)])).toEqual([
      ['Jobs', ['sqs:ReceiveMessage']],
      ['Retries', ['sqs:ReceiveMessage']],
    ]);
  });
});
