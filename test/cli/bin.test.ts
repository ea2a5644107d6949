import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../temp-dir';

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

describe('ES module plugins', () => {
  const plugins = join(root, 'test', 'fixtures', 'config', 'plugins');
  // Node loads an ES module through require() from 20.19 and 22.12 on, unless it awaits at its top level.
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  const requiresEsm = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;

  it('load where Node can require them, and are refused with a message where it cannot', () => {
    const withConfig = (plugin: string) => {
      const dir = tempDir('esm-plugin');
      writeFileSync(join(dir, 'iamgate.config.yml'), `plugins: [${JSON.stringify(join(plugins, plugin))}]\n`);
      return spawnSync(process.execPath, [bin, 'rules', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    };
    const esm = withConfig('every-role.mjs');
    if (requiresEsm) {
      expect(esm.status).toBe(0);
      expect(JSON.parse(esm.stdout).rules.map((r: { id: string }) => r.id)).toContain('every-role-reviewed');
    } else {
      expect(esm.status).toBe(2);
      expect(esm.stderr).toMatch(/every-role\.mjs" is an ES module/);
    }
    const awaiting = withConfig('top-level-await.mjs');
    expect(awaiting.status).toBe(2);
    expect(awaiting.stderr).toMatch(/top-level-await\.mjs" (threw while loading|is an ES module)/);
  });
});
