import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { loadConfig } from '../../src/config';
import { tempDir } from '../temp-dir';

const CLI_FIXTURES = join(__dirname, '..', 'fixtures', 'cli');
const PLUGINS = join(__dirname, '..', 'fixtures', 'config', 'plugins');

/** A repository folder with the admin and clean templates under infra/. */
function project(config?: string): string {
  const root = tempDir('gate');
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'infra'));
  copyFileSync(join(CLI_FIXTURES, 'admin.yaml'), join(root, 'infra', 'admin.yaml'));
  copyFileSync(join(CLI_FIXTURES, 'clean.json'), join(root, 'infra', 'clean.json'));
  if (config !== undefined) writeFileSync(join(root, 'iamgate.config.yml'), config);
  return root;
}

describe('iamgate init', () => {
  it('writes a commented starter config that loads as it is, and will not overwrite it', async () => {
    const root = project();
    const run = await runCli(['init'], { cwd: root });
    expect(run.code).toBe(0);
    const text = readFileSync(join(root, 'iamgate.config.yml'), 'utf8');
    expect(text).toMatch(/^# iamgate configuration/);
    for (const key of ['failOn', 'rules', 'trustedAccounts', 'trustedOrganizations', 'allowedManagedPolicies', 'parameters', 'ignorePaths', 'plugins', 'suppressions']) {
      expect(text).toMatch(new RegExp(`^${key}:`, 'm'));
    }
    expect(loadConfig({ cwd: root }).config.failOn).toBe('error');
    const again = await runCli(['init'], { cwd: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/iamgate\.config\.yml already exists \(--force replaces it\)/);
    expect((await runCli(['init', '--force'], { cwd: root })).code).toBe(0);
  });
});

describe('iamgate rules and explain', () => {
  it('lists every rule with its severity and title, plugin rules marked', async () => {
    const root = project(`plugins: [${JSON.stringify(join(PLUGINS, 'every-role.js'))}]\nrules:\n  resource-wildcard: warning\n`);
    const run = await runCli(['rules'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^full-admin +error +Full administrator access$/m);
    expect(run.stdout).toMatch(/^resource-wildcard +warning \(default error\) +/m);
    expect(run.stdout).toMatch(/^every-role-reviewed +warning +Role that needs a review {2}\[plugin\]$/m);
    const json = JSON.parse((await runCli(['rules', '--format', 'json'], { cwd: root })).stdout);
    expect(json.rules.find((r: { id: string }) => r.id === 'every-role-reviewed')).toMatchObject({ source: 'plugin', severity: 'warning' });
  });

  it("prints a rule's rationale, examples and fix", async () => {
    const run = await runCli(['explain', 'full-admin'], { cwd: project() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# full-admin: Full administrator access/);
    for (const section of ['## Why', '## What to do instead', '## Fails', '## Passes']) expect(run.stdout).toContain(section);
  });

  it('suggests the closest rule for a typo, exit 2', async () => {
    const run = await runCli(['explain', 'full-admn'], { cwd: project() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown rule "full-admn" \(did you mean "full-admin"\?\)/);
  });
});

describe('iamgate scan with a config file', () => {
  it('uses the config found upward from the working folder, and flags win over it', async () => {
    const root = project('failOn: none\n');
    expect((await runCli(['scan', '.'], { cwd: join(root, 'infra') })).code).toBe(0);
    expect((await runCli(['scan', '.', '--fail-on', 'error'], { cwd: join(root, 'infra') })).code).toBe(1);
  });

  it('reads --config instead of searching', async () => {
    const root = project('failOn: none\n');
    writeFileSync(join(root, 'strict.yml'), 'failOn: info\n');
    const run = await runCli(['scan', 'infra/clean.json', '--config', 'strict.yml'], { cwd: root });
    expect(run.stdout).toMatch(/\(fails on info\)$/m);
  });

  it('exits 2 on a bad config, naming file:line for each problem', async () => {
    const root = project('failOn: sometimes\nrule:\n  full-admin: off\n');
    const run = await runCli(['scan', 'infra'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('iamgate.config.yml:1:1: failOn must be one of error, warning, info, none; got "sometimes"');
    expect(run.stderr).toContain('iamgate.config.yml:2:1: unknown key "rule" in the config (did you mean "rules"?)');
  });

  it('ends failing text output with the command that explains the failing rule', async () => {
    const run = await runCli(['scan', 'infra'], { cwd: project() });
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('Why, and what to write instead: iamgate explain full-admin');
  });

  it('honours a config suppression of the one failing finding', async () => {
    const root = project('suppressions:\n  - id: full-admin\n    reason: The deployer is the pipeline role (SEC-9)\n    constructPath: App/Deployer\n');
    const run = await runCli(['scan', 'infra', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'full-admin').suppressed).toEqual({
      source: 'config',
      reason: 'The deployer is the pipeline role (SEC-9)',
      location: { file: 'iamgate.config.yml', line: 2, column: 5 },
    });
    expect(report.staleSuppressions).toEqual([]);
  });
});

describe('iamgate baseline and scan --baseline', () => {
  it('records the findings of today; the same scan then passes, and a new wildcard fails on exactly that finding', async () => {
    const root = project();
    const write = await runCli(['baseline', 'infra', '-o', 'iamgate-baseline.json'], { cwd: root });
    expect(write.code).toBe(0);
    expect(write.stderr).toMatch(/^wrote \d+ findings? to iamgate-baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(root, 'iamgate-baseline.json'), 'utf8'));
    expect(baseline.entries.map((e: { ruleId: string }) => e.ruleId)).toContain('full-admin');

    const same = await runCli(['scan', 'infra', '--baseline', 'iamgate-baseline.json'], { cwd: root });
    expect(same.code).toBe(0);
    // Known findings are counted, not listed one by one.
    expect(same.stdout).not.toContain('full-admin');
    expect(same.stdout).toMatch(new RegExp(`^baseline iamgate-baseline\\.json: ${baseline.entries.length} of ${baseline.entries.length} known findings? still present$`, 'm'));

    const admin = readFileSync(join(root, 'infra', 'admin.yaml'), 'utf8');
    writeFileSync(
      join(root, 'infra', 'admin.yaml'),
      admin.replace("                Resource: '*'\n", "                Resource: '*'\n              - Sid: Queues\n                Effect: Allow\n                Action: sqs:*\n                Resource: !Sub 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs'\n"),
    );
    const json = await runCli(['scan', 'infra', '--baseline', 'iamgate-baseline.json', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    const fresh = report.findings.filter((f: { suppressed?: unknown; severity: string }) => !f.suppressed);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((f: { sid?: string }) => f.sid === 'Queues')).toBe(true);
    expect(report.baseline).toMatchObject({ file: 'iamgate-baseline.json', gone: 0 });
  });

  it('says how many baseline entries are gone once fixed', async () => {
    const root = project();
    await runCli(['baseline', 'infra'], { cwd: root });
    expect(existsSync(join(root, 'iamgate-baseline.json'))).toBe(true);
    const admin = readFileSync(join(root, 'infra', 'admin.yaml'), 'utf8');
    writeFileSync(join(root, 'infra', 'admin.yaml'), admin.replace("Action: '*'", 'Action: codebuild:StartBuild').replace("Resource: '*'", "Resource: !Sub 'arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/app'"));
    const run = await runCli(['scan', 'infra', '--baseline', 'iamgate-baseline.json'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^baseline iamgate-baseline\.json: 0 of \d+ known findings? still present; \d+ (entry|entries) gone \(fixed\)/m);
  });

  it('refuses to write a baseline when an input cannot be read', async () => {
    const root = project();
    copyFileSync(join(CLI_FIXTURES, 'broken.yaml'), join(root, 'infra', 'broken.yaml'));
    const run = await runCli(['baseline', 'infra'], { cwd: root });
    expect(run.code).toBe(2);
    expect(existsSync(join(root, 'iamgate-baseline.json'))).toBe(false);
  });

  it('exits 2 on a file that is not a baseline', async () => {
    const root = project();
    writeFileSync(join(root, 'b.json'), '{"findings": []}');
    const run = await runCli(['scan', 'infra', '--baseline', 'b.json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/b\.json: not an iamgate baseline/);
  });
});

describe('report formats from the command line', () => {
  it.each([
    ['sarif', (out: string) => expect(JSON.parse(out).version).toBe('2.1.0')],
    ['junit', (out: string) => expect(out).toMatch(/^<\?xml version="1\.0"/)],
    ['github', (out: string) => expect(out).toMatch(/^::error file=infra\/admin\.yaml,line=\d+,col=\d+,title=iamgate full-admin/m)],
    ['markdown', (out: string) => expect(out).toMatch(/^### ❌ iamgate: \d+ findings? fail/)],
  ])('--format %s', async (format, check) => {
    const run = await runCli(['scan', 'infra', '--format', format], { cwd: project() });
    expect(run.code).toBe(1);
    check(run.stdout);
  });
});
