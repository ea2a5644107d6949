/**
 * Start-up cost: the CLI on one small template loads only what that template needs. The full YAML
 * reader (the `yaml` package), jsonc-parser (JSON errors) and tinyglobby (folder search) are loaded
 * when a file or a command needs them, and the AWS-managed policy snapshot only in the shards asked for.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'iamgate.js');
const reportLoaded = join(root, 'test', 'fixtures', 'robustness', 'inject', 'report-loaded.js');

interface Loaded {
  packages: string[];
  services: string[];
  managedPolicyFiles: string[];
}

function loadedBy(...args: string[]): Loaded {
  const run = spawnSync(process.execPath, ['-r', reportLoaded, bin, 'scan', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(run.stderr.slice(run.stderr.lastIndexOf('{"packages"')));
}

const LAZY = ['yaml', 'jsonc-parser', 'tinyglobby', 'aws-cdk-lib'];

test.each(['sample-templates/good/lambda-s3-reader.yaml', 'sample-templates/good/org-shared-bucket.json'])('one small template (%s) loads no package it does not need', (file) => {
  const loaded = loadedBy(file);
  for (const name of LAZY) expect(loaded.packages).not.toContain(name);
  // The index of the snapshot and at most the one shard holding the policy the template attaches.
  expect(loaded.managedPolicyFiles.filter((name) => name !== 'index.json').length).toBeLessThanOrEqual(1);
});

test('each lazy package is loaded when it is needed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamgate-startup-'));
  try {
    // An anchor is outside the fast reader's subset; a syntax error needs the tolerant JSON parser.
    writeFileSync(join(dir, 'anchors.yaml'), 'Resources:\n  Q: &queue\n    Type: AWS::SQS::Queue\n  R: *queue\n');
    writeFileSync(join(dir, 'broken.json'), '{"Resources": {');
    expect(loadedBy(join(dir, 'anchors.yaml')).packages).toContain('yaml');
    expect(loadedBy(join(dir, 'broken.json')).packages).toContain('jsonc-parser');
    expect(loadedBy(dir).packages).toContain('tinyglobby');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
