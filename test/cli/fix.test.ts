import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { tempDir } from '../temp-dir';

const FIXES = join(__dirname, '..', 'fixtures', 'fix');

/** A scratch copy of a fixture: `fix --write` changes files. */
function scratch(name: string): { dir: string; file: string } {
  const dir = tempDir('fix');
  copyFileSync(join(FIXES, name), join(dir, name));
  return { dir, file: join(dir, name) };
}

describe('iamgate fix', () => {
  it('shows the diff and the findings before and after, and writes nothing by default', async () => {
    const { dir, file } = scratch('queue-and-function.yaml');
    const original = readFileSync(file, 'utf8');
    const run = await runCli(['fix', 'queue-and-function.yaml'], { cwd: dir });
    expect(run.stdout).toContain('--- a/queue-and-function.yaml\n+++ b/queue-and-function.yaml\n@@ -24,6 +24,19 @@');
    expect(run.stdout).toContain('+      SourceAccount: !Ref AWS::AccountId\n+      SourceArn: !GetAtt Nightly.Arn\n');
    expect(run.stdout).toContain(
      [
        'queue-and-function.yaml: 3 fixes applied (confused-deputy ×2, transport-not-enforced); 1 skipped',
        '  skipped action-wildcard at 64:21: it changes what the workload may do: apply it with --accept action-wildcard',
        '  findings: before 2 errors, 1 warning, 1 info; after 1 error, 0 warnings, 0 info',
        'dry run: nothing written; --write applies the changes above',
      ].join('\n'),
    );
    expect(readFileSync(file, 'utf8')).toBe(original);
    // The wildcard is still there: the gate still fails, as scan would.
    expect(run.code).toBe(1);
  });

  it('writes the fixes with --write; a scan of the file then passes once the wildcard is accepted', async () => {
    const { dir, file } = scratch('queue-and-function.yaml');
    const run = await runCli(['fix', '--write', '--accept', 'action-wildcard', 'queue-and-function.yaml'], { cwd: dir });
    expect(run.stdout).toContain('queue-and-function.yaml: 4 fixes applied (action-wildcard, confused-deputy ×2, transport-not-enforced)');
    expect(run.stdout).toContain('wrote 1 file');
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('# Nightly trigger');
    const scan = await runCli(['scan', file, '--fail-on', 'info']);
    expect(scan.code).toBe(0);
  });

  it('finds templates in a folder and prints nothing to change for a clean one', async () => {
    const { dir } = scratch('alerts.json');
    writeFileSync(join(dir, 'clean.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
    // Other JSON of a project (a CDK app's cdk.json) is passed over, as scan passes it over.
    writeFileSync(join(dir, 'cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n');
    const run = await runCli(['fix', '.'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('cdk.json');
    expect(run.stdout).toContain('alerts.json: 2 fixes applied (confused-deputy, transport-not-enforced)');
    expect(run.stdout).toContain('clean.yaml: no fix applied\n  findings: before 0 errors, 0 warnings, 0 info; after 0 errors, 0 warnings, 0 info');
    expect(run.code).toBe(0);
  });

  it('fixes a template that imports values with the other stacks\' exports, as scan reads it: the imported ARN is narrow', async () => {
    const dir = tempDir('fix');
    for (const name of ['shared.yaml', 'writer.yaml']) copyFileSync(join(FIXES, 'imports', name), join(dir, name));
    const run = await runCli(['fix', '.'], { cwd: dir });
    // The importing stack comes last, as in a scan, and its PutObject on the shared bucket is no wildcard.
    expect(run.stdout.indexOf('shared.yaml: no fix applied')).toBeLessThan(run.stdout.indexOf('writer.yaml: 1 fix applied (confused-deputy)'));
    expect(run.stdout).toContain('writer.yaml: 1 fix applied (confused-deputy)\n  findings: before 1 error, 0 warnings, 0 info; after 0 errors, 0 warnings, 0 info');
    const scan = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(scan.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['confused-deputy']);
    // Alone, the import is unknown: the scan and the fix of that file both say it may be every resource.
    const alone = await runCli(['fix', 'writer.yaml'], { cwd: dir });
    expect(alone.stdout).toContain('findings: before 1 error, 1 warning, 0 info; after 0 errors, 1 warning, 0 info');
  });

  describe('bad input exits 2', () => {
    it('a template that does not parse: its position, and the other files are still fixed', async () => {
      const { dir } = scratch('alerts.json');
      writeFileSync(join(dir, 'broken.yaml'), 'Resources:\n  Queue:\n    Type: [AWS::SQS::Queue\n');
      const run = await runCli(['fix', 'broken.yaml', 'alerts.json'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^broken\.yaml:\d+:\d+: /m);
      expect(run.stdout).toContain('alerts.json: 2 fixes applied');
    });

    it('a file named explicitly that is not a template', async () => {
      const { dir } = scratch('alerts.json');
      writeFileSync(join(dir, 'cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n');
      const run = await runCli(['fix', 'cdk.json'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('cdk.json:1:1: not a CloudFormation template: no Resources section\n');
    });

    it('a folder without a template: fix, like scan, has checked nothing and does not pass', async () => {
      const dir = tempDir('fix');
      writeFileSync(join(dir, 'cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n');
      const run = await runCli(['fix', '.'], { cwd: dir });
      expect(run.stderr).toBe('.:1:1: no CloudFormation template here: no file read (1) has a Resources section\n');
      expect(run.code).toBe(2);
    });

    it('a path that does not exist', async () => {
      const run = await runCli(['fix', join(FIXES, 'missing.yaml')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/missing\.yaml:1:1: no such file or folder\n$/);
    });

    it('an unknown rule for --accept, and --write with --dry-run', async () => {
      const unknown = await runCli(['fix', '--accept', 'action-wildcards', join(FIXES, 'alerts.json')]);
      expect(unknown).toMatchObject({ code: 2, stderr: 'iamgate: --accept: unknown rule action-wildcards (see `iamgate rules`)\n' });
      const both = await runCli(['fix', '--write', '--dry-run', join(FIXES, 'alerts.json')]);
      expect(both).toMatchObject({ code: 2, stderr: 'iamgate: --write and --dry-run exclude each other\n' });
    });
  });
});
