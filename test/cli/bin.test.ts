import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'iamgate.js');

function run(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

it('scans the sample templates as the README says, failing on the bad ones', () => {
  const result = run(['scan', 'sample-templates']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('sample-templates/bad/admin-role.yaml');
  expect(result.stdout).not.toContain('sample-templates/good/');
  expect(result.stdout).toMatch(/^fail: \d+ errors?, /m);
});

it('prints its version and help with exit 0', () => {
  expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  const help = run(['scan', '--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('--fail-on');
});

it('exits 2 with a one-line message on a usage error', () => {
  const result = run(['scan', '--fail-on', 'sometimes', 'sample-templates']);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/--fail-on/);
});
