import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { tempDir } from '../temp-dir';

const fixtures = join(__dirname, '..', 'fixtures', 'cli');
const f = (name: string) => join(fixtures, name);
const ANSI = /\u001b\[/;

describe('iamgate scan: exit codes', () => {
  it('exits 1 when a finding is at or above --fail-on (error by default)', async () => {
    const run = await runCli(['scan', f('admin.yaml')]);
    expect(run.code).toBe(1);
  });

  it('exits 0 for a clean template', async () => {
    const run = await runCli(['scan', f('clean.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pass: 0 errors, 0 warnings, 0 info in 1 template, 2 policies/m);
  });

  it('exits 0 with --fail-on none even when there are errors', async () => {
    expect((await runCli(['scan', f('admin.yaml'), '--fail-on', 'none'])).code).toBe(0);
  });

  it('exits 2 when an input cannot be read, and still scans the others (2 wins over 1)', async () => {
    const run = await runCli(['scan', f('broken.yaml'), f('admin.yaml'), '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toEqual([
      expect.objectContaining({ file: expect.stringContaining('broken.yaml'), line: 8, column: 11 }),
    ]);
    expect(report.errors[0].message).toMatch(/duplicate/i);
    expect(report.findings.map((x: { ruleId: string }) => x.ruleId)).toEqual(['full-admin']);
    expect(report.summary.failed).toBe(1);
  });

  it('exits 2 for a path that does not exist', async () => {
    const run = await runCli(['scan', f('missing.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('missing.yaml');
  });

  it('exits 2 on a usage error', async () => {
    expect((await runCli(['scan', '--format', 'xml', f('clean.json')])).code).toBe(2);
    expect((await runCli(['scan', '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['scan', '-p', 'novalue', f('clean.json')])).code).toBe(2);
  });
});

describe('iamgate scan: text output', () => {
  it('groups findings by file and resource with position, construct path and fix', async () => {
    const run = await runCli(['scan', f('admin.yaml')]);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/admin\.yaml$/);
    expect(lines[1]).toBe('  Deployer (AWS::IAM::Role)  App/Deployer/Resource');
    expect(lines[2]).toMatch(/^ {4}19:17 +error +full-admin +allows every action \("\*"\) on every resource$/);
    expect(lines[3]).toMatch(/fix: List what codebuild.amazonaws.com calls with this role/);
    expect(run.stdout).toMatch(/^fail: 1 error, 0 warnings, 0 info in 1 template, 2 policies \(fails on error\)$/m);
  });

  it('uses colour only on a terminal without NO_COLOR, or when forced', async () => {
    expect((await runCli(['scan', f('admin.yaml')])).stdout).not.toMatch(ANSI);
    expect((await runCli(['scan', f('admin.yaml')], { isTTY: true })).stdout).toMatch(ANSI);
    expect((await runCli(['scan', f('admin.yaml')], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await runCli(['scan', '--color', f('admin.yaml')])).stdout).toMatch(ANSI);
    expect((await runCli(['scan', '--no-color', f('admin.yaml')], { isTTY: true })).stdout).not.toMatch(ANSI);
  });
});

describe('iamgate scan: JSON output', () => {
  it('has the version 1 shape', async () => {
    const run = await runCli(['scan', f('admin.yaml'), f('clean.json'), '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'iamgate', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(report.summary).toEqual({
      files: 2,
      templates: 2,
      policies: 4,
      statements: 4,
      findings: { error: 1, warning: 0, info: 0 },
      suppressed: 0,
      failed: 0,
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'full-admin',
        severity: 'error',
        file: expect.stringMatching(/admin\.yaml$/),
        line: 19,
        column: 17,
        jsonPointer: '/Resources/Deployer/Properties/Policies/0/PolicyDocument/Statement/0/Action',
        stack: 'admin',
        logicalId: 'Deployer',
        resourceType: 'AWS::IAM::Role',
        constructPath: 'App/Deployer/Resource',
        policy: { kind: 'identity', name: 'deploy' },
        statementIndex: 0,
        sid: 'Everything',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);
    expect(report.errors).toEqual([]);
  });

  it('is deterministic', async () => {
    const a = await runCli(['scan', '--format', 'json', f('admin.yaml'), f('clean.json')]);
    const b = await runCli(['scan', '--format', 'json', f('clean.json'), f('admin.yaml')]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('writes to --output instead of stdout', async () => {
    const dir = tempDir('cli');
    const out = join(dir, 'report.json');
    const run = await runCli(['scan', f('admin.yaml'), '--format', 'json', '-o', out]);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).findings).toHaveLength(1);
  });
});

describe('iamgate scan: parameters', () => {
  it('uses the Default unless a value is given', async () => {
    expect((await runCli(['scan', f('parameterized.yaml')])).code).toBe(0);
    const run = await runCli(['scan', f('parameterized.yaml'), '-p', 'AllowedAction=*', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings[0].ruleId).toBe('action-wildcard');
  });

  it.each([
    ['plain object', { AllowedAction: '*' }],
    ['CloudFormation CLI list', [{ ParameterKey: 'AllowedAction', ParameterValue: '*' }]],
    ['CodePipeline template configuration', { Parameters: { AllowedAction: '*' } }],
  ])('reads a parameters file written as a %s', async (_kind, content) => {
    const dir = tempDir('params');
    const file = join(dir, 'params.json');
    writeFileSync(file, JSON.stringify(content));
    expect((await runCli(['scan', f('parameterized.yaml'), '--parameters-file', file])).code).toBe(1);
  });

  it('lets --parameter win over --parameters-file', async () => {
    const dir = tempDir('params');
    const file = join(dir, 'params.json');
    writeFileSync(file, JSON.stringify({ AllowedAction: '*' }));
    const run = await runCli(['scan', f('parameterized.yaml'), '--parameters-file', file, '-p', 'AllowedAction=s3:GetObject']);
    expect(run.code).toBe(0);
  });

  it('expands a resource loop over a list parameter with the value given on the command line', async () => {
    const file = join(tempDir('loop'), 'teams.yaml');
    writeFileSync(
      file,
      [
        'Transform: AWS::LanguageExtensions',
        'Parameters:',
        '  Teams: { Type: CommaDelimitedList }',
        'Resources:',
        '  Fn::ForEach::Readers:',
        '    - Team',
        '    - !Ref Teams',
        "    - '${Team}Reader':",
        '        Type: AWS::IAM::ManagedPolicy',
        "        Properties: { PolicyDocument: { Statement: [{ Effect: Allow, Action: 's3:*', Resource: !Sub 'arn:aws:s3:::${Team}/*' }] } }",
        '',
      ].join('\n'),
    );
    const unknown = await runCli(['scan', file]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr + unknown.stdout).toMatch(/teams\.yaml:7:7.*Fn::ForEach::Readers: the collection is not known statically/);
    const given = await runCli(['scan', file, '-p', 'Teams=red,blue', '--format', 'json']);
    expect(given.code).toBe(1);
    const report = JSON.parse(given.stdout);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'action-wildcard').map((f: { logicalId: string; line: number }) => [f.logicalId, f.line])).toEqual([['blueReader', 10], ['redReader', 10]]);
  });

  it('refuses a --trusted-account that is no 12-digit account id (exit 2), as the config does', async () => {
    const run = await runCli(['scan', f('clean.json'), '--trusted-account', '99998888777']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('an account id has 12 digits, got "99998888777"');
    expect((await runCli(['scan', f('clean.json'), '--trusted-account', '999988887777'])).code).toBe(0);
  });

  it('rejects an unreadable parameters file with exit 2', async () => {
    const run = await runCli(['scan', f('clean.json'), '--parameters-file', f('nope.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read parameters file .*nope\.json: ENOENT/);
  });
});

describe('iamgate scan with a config in the scanned folder', () => {
  it('reads its globs from its own folder when run from above it (scan infra -c infra/iamgate.config.yml)', async () => {
    const root = tempDir('config-below');
    const admin = readFileSync(f('admin.yaml'), 'utf8');
    mkdirSync(join(root, 'infra', 'stacks', 'legacy'), { recursive: true });
    writeFileSync(join(root, 'infra', 'stacks', 'legacy', 'old.yaml'), admin);
    writeFileSync(join(root, 'infra', 'stacks', 'app.yaml'), admin);
    writeFileSync(
      join(root, 'infra', 'iamgate.config.yml'),
      ['ignorePaths: [stacks/legacy/]', 'suppressions:', '  - id: full-admin', '    file: stacks/app.yaml', '    reason: Reviewed with the platform team', ''].join('\n'),
    );
    const run = await runCli(['scan', 'infra', '-c', 'infra/iamgate.config.yml', '--format', 'json'], { cwd: root });
    const report = JSON.parse(run.stdout);
    expect(report.summary.templates).toBe(1);
    expect(report.findings.filter((finding: { ruleId: string; suppressed?: unknown }) => finding.ruleId === 'full-admin' && !finding.suppressed)).toEqual([]);
    expect(report.staleSuppressions).toEqual([]);
  });
});

describe('iamgate scan: construct paths', () => {
  it('names the construct of a finding on a resource that holds no policy (an access key)', async () => {
    const file = join(tempDir('key'), 'Identity.template.json');
    writeFileSync(
      file,
      JSON.stringify({
        Resources: {
          LegacyUser: { Type: 'AWS::IAM::User', Metadata: { 'aws:cdk:path': 'Identity/LegacyUser/Resource' } },
          LegacyKey: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'LegacyUser' } }, Metadata: { 'aws:cdk:path': 'Identity/LegacyKey/Resource' } },
        },
      }),
    );
    const report = JSON.parse((await runCli(['scan', file, '--format', 'json'])).stdout);
    expect(report.findings.find((finding: { ruleId: string }) => finding.ruleId === 'access-key-in-template')).toMatchObject({ constructPath: 'Identity/LegacyKey/Resource' });
  });
});

describe('iamgate scan --list-policies', () => {
  it('lists every extracted policy with its statements', async () => {
    const run = await runCli(['scan', '--list-policies', f('admin.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Deployer (AWS::IAM::Role) trust at Properties.AssumeRolePolicyDocument');
    expect(run.stdout).toContain('Deployer (AWS::IAM::Role) identity "deploy" at Properties.Policies.0.PolicyDocument — attached to role Deployer');
    expect(run.stdout).toContain('[0] Allow * on *');
    expect(run.stdout).toContain('[0] Allow sts:AssumeRole for Service:codebuild.amazonaws.com');
  });

  it('names no property for the policies SAM writes for a function, which have none', async () => {
    const run = await runCli(['scan', '--list-policies', join(__dirname, '..', '..', 'sample-templates', 'good', 'sam-api-function.yaml')]);
    expect(run.stdout).toContain('OrdersFunction (AWS::Serverless::Function) trust — attached to role OrdersFunctionRole');
    expect(run.stdout).toContain('OrdersFunction (AWS::Serverless::Function) identity "DynamoDBCrudPolicy" at Properties.Policies.0 —');
    expect(run.stdout).not.toMatch(/ at  /);
  });

  it('prints JSON with --format json', async () => {
    const run = await runCli(['scan', '--list-policies', '--format', 'json', f('admin.yaml')]);
    const listed = JSON.parse(run.stdout);
    expect(listed.policies.map((p: { kind: string }) => p.kind).sort()).toEqual(['identity', 'trust']);
    expect(listed.policies.find((p: { kind: string }) => p.kind === 'identity')).toMatchObject({
      logicalId: 'Deployer',
      name: 'deploy',
      line: 14,
      constructPath: 'App/Deployer/Resource',
      statements: [{ index: 0, sid: 'Everything', effect: 'Allow', actions: ['*'], resources: ['*'], conditions: [] }],
    });
  });
});
