/**
 * SARIF and GitHub annotations name files from the repository root (GITHUB_WORKSPACE, or the
 * folder holding .git), whatever the working folder: code scanning and pull-request annotations
 * resolve them there.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from './run-cli';
import { tempDir } from '../temp-dir';

function repository(): string {
  const root = tempDir('source-root');
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'infra', 'bad'), { recursive: true });
  mkdirSync(join(root, 'tools'));
  writeFileSync(join(root, 'infra', 'bad', 'admin.yaml'), readFileSync(join(__dirname, '..', 'fixtures', 'cli', 'admin.yaml')));
  return root;
}

describe('file names in SARIF and GitHub annotations', () => {
  it('are relative to the repository holding .git when the scan runs in another folder of it', async () => {
    const root = repository();
    const sarif = JSON.parse((await runCli(['scan', '../infra/bad/admin.yaml', '--format', 'sarif'], { cwd: join(root, 'tools') })).stdout);
    const [run] = sarif.runs;
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'infra/bad/admin.yaml', uriBaseId: '%SRCROOT%' });
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: pathToFileURL(`${root}/`).href } });
    const github = (await runCli(['scan', 'bad/admin.yaml', '--format', 'github'], { cwd: join(root, 'infra') })).stdout;
    expect(github).toMatch(/^::error file=infra\/bad\/admin.yaml,line=\d+,col=\d+,title=/m);
  });

  it('are relative to GITHUB_WORKSPACE in a workflow', async () => {
    const root = repository();
    const github = (await runCli(['scan', 'admin.yaml', '--format', 'github'], { cwd: join(root, 'infra', 'bad'), env: { GITHUB_WORKSPACE: join(root, 'infra') } })).stdout;
    expect(github).toMatch(/^::error file=bad\/admin.yaml,line=/m);
  });
});
