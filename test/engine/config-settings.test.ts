import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../src/engine/scan';
import type { EngineConfig } from '../../src/engine/config';
import type { Finding } from '../../src/rules/types';
import { TEST_RULES } from './wildcard-rules';
import { tempDir } from '../temp-dir';

const NOW = new Date('2026-06-01T12:00:00Z');

/** A template whose role `id` allows `Action` (a parameter, default `s3:*`) on a named bucket. */
const stack = (id: string, path?: string) => `Parameters:
  Action:
    Type: String
    Default: s3:*
Resources:
  ${id}:
    Type: AWS::IAM::Role
${path ? `    Metadata:\n      aws:cdk:path: ${path}\n` : ''}    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: work
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: !Ref Action
                Resource: arn:aws:s3:::data/*
`;

function folder(files: Record<string, string>): string {
  const root = tempDir('settings');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const FILES = {
  'stacks/api.yaml': stack('ApiRole', 'App/Api/Role/Resource'),
  'stacks/legacy/batch.yaml': stack('BatchRole', 'App/Legacy/Batch/Role/Resource'),
  'test/fixtures/bad.yaml': stack('FixtureRole'),
};

const run = (config: Partial<EngineConfig>, cwd = folder(FILES), paths = ['.']) => scan(paths, { cwd, config, rules: TEST_RULES, now: NOW });
const active = (findings: Finding[]) => findings.filter((f) => !f.suppressed).map((f) => f.location.logicalId).sort();

describe('config suppressions', () => {
  const suppression = (where: Record<string, string>) => ({ id: 'action-wildcard', reason: 'Reviewed by the platform team', ...where });

  it.each([
    ['file glob', { file: 'stacks/legacy/**' }, ['ApiRole', 'FixtureRole']],
    ['stack', { stack: 'api' }, ['BatchRole', 'FixtureRole']],
    ['logical id', { logicalId: '*Role', file: 'test/**' }, ['ApiRole', 'BatchRole']],
    ['construct path', { constructPath: 'App/Legacy' }, ['ApiRole', 'FixtureRole']],
  ])('select by %s', async (_by, where, stillActive) => {
    const result = await run({ suppressions: [suppression(where)] });
    expect(active(result.findings)).toEqual(stillActive);
    expect(result.findings.find((f) => f.suppressed)?.suppressed).toMatchObject({ source: 'config', reason: 'Reviewed by the platform team' });
    expect(result.staleSuppressions).toEqual([]);
  });

  it('reports one that matches nothing in the whole scan as stale, at its line in the config', async () => {
    const at = { file: 'iamgate.config.yml', line: 7, column: 5 };
    const result = await run({ suppressions: [{ ...suppression({ file: 'retired/**' }), at }] });
    expect(result.staleSuppressions).toEqual([{ ruleId: 'action-wildcard', source: 'config', reason: 'Reviewed by the platform team', ...at, copies: 1 }]);
  });

  it('sees globs from the config folder when scanning from a subfolder', async () => {
    const root = folder(FILES);
    const result = await run({ suppressions: [suppression({ file: 'stacks/legacy/**' })], globBase: 'stacks' }, join(root, 'stacks'));
    expect(active(result.findings)).toEqual(['ApiRole']);
  });
});

describe('parameters per template glob and ignorePaths', () => {
  it('gives each template the parameter values of the globs it matches, --parameter over them', async () => {
    const templateParameters = [{ files: 'stacks/**', values: { Action: 's3:GetObject' } }];
    expect(active((await run({ templateParameters })).findings)).toEqual(['FixtureRole']);
    expect(active((await run({ templateParameters, parameters: { Action: 'sqs:*' } })).findings)).toEqual(['ApiRole', 'BatchRole', 'FixtureRole']);
  });

  it('skips ignored paths in folder searches, but never a file named explicitly', async () => {
    const root = folder(FILES);
    const ignored = await run({ ignorePaths: ['test/fixtures/'] }, root);
    expect(ignored.templates.map((t) => t.file)).toEqual(['stacks/api.yaml', 'stacks/legacy/batch.yaml']);
    const named = await run({ ignorePaths: ['test/fixtures/'] }, root, ['test/fixtures/bad.yaml']);
    expect(named.templates.map((t) => t.file)).toEqual(['test/fixtures/bad.yaml']);
  });
});
