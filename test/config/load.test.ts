import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { builtinRules } from '../../src/rules/registry';
import { tempDir } from '../temp-dir';

const PLUGINS = join(__dirname, '..', 'fixtures', 'config', 'plugins');

/** A fresh repository folder (with .git, where the search stops) holding `files`. */
function repo(files: Record<string, string>): string {
  const root = tempDir('config');
  mkdirSync(join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function problems(cwd: string, file?: string): string[] {
  try {
    loadConfig({ cwd, file });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('finding the config file', () => {
  it('uses the nearest iamgate.config.yml upward from the working folder', () => {
    const root = repo({ 'iamgate.config.yml': 'failOn: warning\n', 'infra/stacks/app.yaml': '' });
    const loaded = loadConfig({ cwd: join(root, 'infra', 'stacks') });
    expect(loaded.file).toBe('../../iamgate.config.yml');
    expect(loaded.config.failOn).toBe('warning');
    // Its globs are relative to its own folder: file names shown from infra/stacks are rebased.
    expect(loaded.config.globBase).toBe('infra/stacks');
  });

  it('stops at the repository root', () => {
    const outer = repo({ 'iamgate.config.yml': 'failOn: info\n' });
    const inner = join(outer, 'project');
    mkdirSync(join(inner, '.git'), { recursive: true });
    expect(loadConfig({ cwd: inner }).file).toBeUndefined();
  });

  it('reads the file given with --config instead, JSON too', () => {
    const root = repo({ 'ci/gate.json': '{ "failOn": "none" }' });
    const loaded = loadConfig({ cwd: root, file: 'ci/gate.json' });
    expect(loaded.config).toEqual({ failOn: 'none', globBase: '..', configFolder: 'ci' });
  });

  it('refuses two config files in one folder', () => {
    const root = repo({ 'iamgate.config.yml': '', 'iamgate.config.json': '{}' });
    expect(problems(root)[0]).toMatch(/more than one config file here \(iamgate\.config\.yml, iamgate\.config\.json\)/);
  });

  it('takes an empty or comment-only file as every default', () => {
    const root = repo({ 'iamgate.config.yml': '# nothing yet\n\n' });
    expect(loadConfig({ cwd: root }).config).toEqual({ globBase: '', configFolder: '' });
  });
});

describe('reading every key', () => {
  it('turns a full config into engine settings', () => {
    const root = repo({
      'iamgate.config.yml': `failOn: warning
cdkInternal: info
rules:
  resource-wildcard: warning
  action-wildcard: off
  public-access:
    severity: error
trustedAccounts: [111122223333, '012345678901']
trustedOrganizations: [o-a1b2c3d4e5]
allowedManagedPolicies: [AWSLambdaBasicExecutionRole]
parameters:
  'stacks/prod-*.yaml':
    Env: prod
    Replicas: 3
ignorePaths: [test/fixtures/]
suppressions:
  - id: full-admin
    reason: The break-glass role is reviewed quarterly
    logicalId: BreakGlass*
    expires: '2027-01-31'
`,
    });
    const { config } = loadConfig({ cwd: root });
    expect(config).toEqual({
      failOn: 'warning',
      cdkInternal: 'info',
      rules: { 'resource-wildcard': { severity: 'warning' }, 'action-wildcard': { severity: 'off' }, 'public-access': { severity: 'error' } },
      trustedAccounts: ['111122223333', '012345678901'],
      trustedOrganizations: ['o-a1b2c3d4e5'],
      allowedManagedPolicies: ['AWSLambdaBasicExecutionRole'],
      templateParameters: [{ files: 'stacks/prod-*.yaml', values: { Env: 'prod', Replicas: '3' } }],
      ignorePaths: ['test/fixtures/'],
      suppressions: [
        {
          id: 'full-admin',
          reason: 'The break-glass role is reviewed quarterly',
          logicalId: 'BreakGlass*',
          expires: '2027-01-31',
          at: { file: 'iamgate.config.yml', line: 17, column: 5 },
        },
      ],
      globBase: '',
      configFolder: '',
    });
  });
});

describe('mistakes are errors with file:line:column', () => {
  it.each([
    ['an unknown key', 'failOn: error\nfailsOn: warning\n', 'iamgate.config.yml:2:1: unknown key "failsOn" in the config (did you mean "failOn"?)'],
    ['an unknown rule id', 'rules:\n  resource-wildcards: off\n', 'iamgate.config.yml:2:3: unknown rule "resource-wildcards" (did you mean "resource-wildcard"?)'],
    ['a bad severity', 'rules:\n  full-admin: critical\n', 'iamgate.config.yml:2:3: rule full-admin must be one of off, error, warning, info; got "critical"'],
    ['a bad failOn', 'failOn: 3\n', 'iamgate.config.yml:1:1: failOn must be one of error, warning, info, none; got 3'],
    ['an option the rule does not take', 'rules:\n  full-admin:\n    options:\n      strict: true\n', 'iamgate.config.yml:4:7: rule full-admin has no option "strict"; it takes none'],
    ['an account id that lost its leading zero', 'trustedAccounts: [12345678901]\n', 'iamgate.config.yml:1:19: an account id has 12 digits'],
    ['an organization id', 'trustedOrganizations: [org-1]\n', 'iamgate.config.yml:1:24: an organization id looks like o-a1b2c3d4e5'],
    ['a suppression that says nowhere', 'suppressions:\n  - id: full-admin\n    reason: Reviewed by security\n', 'iamgate.config.yml:2:5: a config suppression says where it applies with file, stack, logicalId, constructPath'],
    ['a suppression of an unknown rule', 'suppressions:\n  - id: full-admins\n    reason: Reviewed by security\n    file: x.yaml\n', 'iamgate.config.yml:2:5: unknown rule "full-admins" in a suppression (did you mean "full-admin"?)'],
    ['YAML that does not parse', 'rules: [\n', 'iamgate.config.yml:2:1: invalid YAML'],
  ])('%s', (_what, text, expected) => {
    expect(problems(repo({ 'iamgate.config.yml': text }))[0]).toContain(expected);
  });

  it('reports every problem at once', () => {
    expect(problems(repo({ 'iamgate.config.yml': 'failOn: never\nrules: []\nextra: 1\n' }))).toHaveLength(3);
  });

  it('points into JSON configs too', () => {
    expect(problems(repo({ 'iamgate.config.json': '{\n  "failOn": "error",\n  "rule": {}\n}\n' }))[0]).toMatch(
      /^iamgate\.config\.json:3:3: unknown key "rule" in the config \(did you mean "rules"\?\)/,
    );
  });
});

describe('plugins', () => {
  const withPlugins = (plugins: string[], extra = '') =>
    repo({ 'iamgate.config.yml': `plugins:\n${plugins.map((p) => `  - ${JSON.stringify(p)}\n`).join('')}${extra}` });

  it('adds plugin rules after the built-in ones, and lets the config set them like built-in rules', () => {
    const root = withPlugins([join(PLUGINS, 'every-role.js')], 'rules:\n  every-role-reviewed:\n    severity: error\n    options: { reviewer: security }\n');
    const loaded = loadConfig({ cwd: root });
    expect(loaded.rules.map((r) => r.meta.id)).toEqual([...builtinRules.map((r) => r.meta.id), 'every-role-reviewed']);
    expect(loaded.pluginRules.map((r) => r.meta.id)).toEqual(['every-role-reviewed']);
    expect(loaded.config.rules).toEqual({ 'every-role-reviewed': { severity: 'error', options: { reviewer: 'security' } } });
  });

  it('resolves a relative path from the config file, not from the working folder', () => {
    const root = repo({ 'iamgate.config.yml': 'plugins: [./guardrails/every-role.js]\n', 'guardrails/every-role.js': `module.exports = require(${JSON.stringify(join(PLUGINS, 'every-role.js'))});\n` });
    expect(loadConfig({ cwd: join(root, '.git') }).pluginRules).toHaveLength(1);
  });

  it('leaves plugin rule ids unknown unless the plugin is loaded', () => {
    expect(problems(repo({ 'iamgate.config.yml': 'rules:\n  every-role-reviewed: error\n' }))[0]).toMatch(/unknown rule "every-role-reviewed"/);
  });

  it.each([
    ['cannot be found', './nowhere.js', /plugin "\.\/nowhere\.js" cannot be found/],
    ['throws while loading', join(PLUGINS, 'throws.js'), /throws\.js" threw while loading: cannot reach the policy server/],
    ['exports no rules', join(PLUGINS, 'no-rules.js'), /no-rules\.js" exports no rules/],
    ['exports something that is not a rule', join(PLUGINS, 'bad-rule.js'), /bad-rule\.js" rule 1 has meta\.id "Bad Id": expected a kebab-case id/],
    ['redefines a built-in rule', join(PLUGINS, 'duplicate.js'), /duplicate\.js" defines rule "full-admin", which is already a built-in rule/],
  ])('names the plugin that %s, at the line that names it', (_what, spec, message) => {
    const [problem] = problems(withPlugins([join(PLUGINS, 'every-role.js'), spec]));
    expect(problem).toMatch(/^iamgate\.config\.yml:3:5: /);
    expect(problem).toMatch(message);
  });

  it('refuses the same rule from two plugins', () => {
    const [problem] = problems(withPlugins([join(PLUGINS, 'every-role.js'), join(PLUGINS, 'every-role.js')]));
    expect(problem).toMatch(/defines rule "every-role-reviewed", which is already defined by plugin/);
  });
});
