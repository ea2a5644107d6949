import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { tempDir } from '../temp-dir';

const EXAMPLE = ['docs/examples/generate-spec.yaml', '--template', 'sample-templates/good/lambda-s3-reader.yaml'];

describe('iamgate generate', () => {
  it('writes the documented example as CloudFormation YAML', async () => {
    const run = await runCli(['generate', ...EXAMPLE, '--format', 'yaml']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('- Sid: S3ListReadOnReportsBucket\n');
    expect(run.stdout).toContain('- !GetAtt ReportsBucket.Arn');
    expect(run.stdout).toContain("- !Sub '${ReportsBucket.Arn}/*'");
    expect(run.stdout).toContain("Resource:\n      - !Sub 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:report-requests'");
    expect(run.stdout).toContain('- xray:PutTraceSegments');
    expect(run.stdout).toMatch(/Resource: '\*'\n$/);
  });

  it('is deterministic', async () => {
    const first = await runCli(['generate', ...EXAMPLE, '--format', 'cdk', '--minimize']);
    const second = await runCli(['generate', ...EXAMPLE, '--format', 'cdk', '--minimize']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain('new iam.PolicyStatement({');
    expect(first.stdout).toContain("'s3:GetObject*'");
  });

  it('takes access levels from flags and writes JSON', async () => {
    const run = await runCli(['generate', '--service', 's3', '--read', 'arn:aws:s3:::reports/*', '--list', 'arn:aws:s3:::reports']);
    expect(run.code).toBe(0);
    const policy = JSON.parse(run.stdout) as { Statement: { Sid: string; Action: string[]; Resource: string[] }[] };
    expect(policy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ['S3ReadOnObjects', ['arn:aws:s3:::reports/*']],
      ['S3ListOnBucket', ['arn:aws:s3:::reports']],
    ]);
    expect(policy.Statement[1]!.Action).toContain('s3:ListBucket');
  });

  it('takes explicit actions from flags and warns about those that act on none of the resources', async () => {
    const run = await runCli(['generate', '--actions', 's3:Get*', '--actions', 'sqs:SendMessage', '--resource', 'arn:aws:s3:::reports/*']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('warning: command line (--actions sqs:SendMessage): sqs:SendMessage left out: it acts on none of the resources of this grant\n');
    const policy = JSON.parse(run.stdout) as { Statement: { Action: string[] }[] };
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]!.Action).toContain('s3:GetObject');
    expect(policy.Statement[0]!.Action).not.toContain('s3:GetBucketPolicy');
  });

  it('adds a --condition to the grants of the flags and writes to --output', async () => {
    const out = join(tempDir('generate'), 'policy.json');
    const run = await runCli(['generate', '--write', 'arn:aws:sqs:eu-west-1:123456789012:jobs', '--condition', '{"Bool": {"aws:SecureTransport": "true"}}', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const policy = JSON.parse(readFileSync(out, 'utf8')) as { Statement: { Condition: unknown }[] };
    expect(policy.Statement[0]!.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'true' } });
  });

  it('exits 2 with file:line:column for a bad spec', async () => {
    const dir = tempDir('generate');
    writeFileSync(join(dir, 'spec.yaml'), 'grants:\n  - read: Bucket\n  - actions: [s3:GetObjct]\n    resources: "*"\n');
    const run = await runCli(['generate', 'spec.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'spec.yaml:2:5: "Bucket" is neither an ARN nor a resource of the template (pass --template FILE to use the resources and parameters of a template)\n' +
        'spec.yaml:3:15: no action of s3 matches in "s3:GetObjct" (did you mean s3:GetObject?)\n',
    );
  });

  it('exits 2 for a spec it cannot read, a broken template and mistakes in flags', async () => {
    const missing = await runCli(['generate', 'nope.yaml']);
    expect(missing).toMatchObject({ code: 2, stderr: 'nope.yaml:1:1: cannot read: no such file or folder\n' });
    const dir = tempDir('generate');
    writeFileSync(join(dir, 'broken.yaml'), 'Resources:\n  Bucket: [unclosed\n');
    const broken = await runCli(['generate', '--read', 'Bucket', '--template', 'broken.yaml'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.yaml:\d+:\d+: /);
    const unknown = await runCli(['generate', '--actions', 'dynamodb:Quer', '--resource', '*']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/^command line \(--actions dynamodb:Quer\): no action of dynamodb matches in "dynamodb:Quer" \(did you mean dynamodb:Query/);
    const both = await runCli(['generate', 'spec.yaml', '--read', 'arn:aws:s3:::x']);
    expect(both).toMatchObject({ code: 2, stderr: 'iamgate: give a spec file or access flags (--read, --actions, ...), not both\n' });
    const nothing = await runCli(['generate']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^iamgate: nothing to generate/);
    const condition = await runCli(['generate', '--write', 'arn:aws:sqs:eu-west-1:123456789012:jobs', '--condition', '{bad']);
    expect(condition.code).toBe(2);
    expect(condition.stderr).toMatch(/^iamgate: --condition expects a JSON object/);
  });
});
