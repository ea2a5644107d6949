import { matchesPathGlob, pathForGlobs } from '../../src/engine/path-glob';

describe('path globs', () => {
  it.each([
    ['stacks/*.yaml', 'stacks/api.yaml', true],
    ['stacks/*.yaml', 'stacks/nested/api.yaml', false],
    ['stacks/**/*.yaml', 'stacks/nested/deep/api.yaml', true],
    ['stacks/**/*.yaml', 'stacks/api.yaml', true],
    ['*.json', 'cdk.out/App.template.json', true],
    ['legacy', 'infra/legacy/old.yaml', true],
    ['legacy/', 'legacy/old.yaml', true],
    ['./legacy', 'legacy/old.yaml', true],
    ['legacy', 'infra/legacy-new.yaml', false],
    ['App/Legacy', 'App/Legacy/Role/Resource', true],
    ['App/Legacy', 'App/LegacyTwo/Role/Resource', false],
    ['App/*/Role', 'App/Stage/Role/DefaultPolicy/Resource', true],
    ['stacks/{prod,staging}-*.yaml', 'stacks/staging-api.yaml', true],
    ['stacks/{prod,staging}-*.yaml', 'stacks/dev-api.yaml', false],
    ['Role?', 'Role1', true],
    ['Role?', 'Role12', false],
    ['a.b', 'aXb', false],
  ])('%s against %s: %s', (pattern, subject, expected) => {
    expect(matchesPathGlob(pattern, subject)).toBe(expected);
  });

  it('sees file names as the config does when it lives in another folder', () => {
    expect(pathForGlobs('stacks/api.yaml', { globBase: '', configFolder: '' })).toBe('stacks/api.yaml');
    // Working in repo/infra with the config in repo:
    expect(pathForGlobs('stacks/api.yaml', { globBase: 'infra', configFolder: '..' })).toBe('infra/stacks/api.yaml');
    expect(pathForGlobs('../shared/api.yaml', { globBase: 'infra', configFolder: '..' })).toBe('shared/api.yaml');
    // Working in repo with the config in repo/infra (`scan infra -c infra/iamgate.config.yml`):
    expect(pathForGlobs('infra/stacks/legacy/admin.yaml', { globBase: '..', configFolder: 'infra' })).toBe('stacks/legacy/admin.yaml');
    expect(pathForGlobs('other/api.yaml', { globBase: '..', configFolder: 'infra' })).toBe('../other/api.yaml');
    // Working in repo/tools with the config in repo/infra:
    expect(pathForGlobs('../infra/stacks/api.yaml', { globBase: '../tools', configFolder: '../infra' })).toBe('stacks/api.yaml');
  });
});
