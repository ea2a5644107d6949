/** The committed snapshot: one policy loads from one shard, and the index and shards agree. */
import * as path from 'node:path';

// The core module object itself, so that a spy sees the reads of src/iam.
const fs = require('node:fs') as typeof import('node:fs');

const SNAPSHOT = path.join(__dirname, '../../data/aws-managed-policies');

describe('AWS-managed policy snapshot', () => {
  it('loads one policy by reading the index and a single shard', () => {
    const readFileSync = jest.spyOn(fs, 'readFileSync');
    const iam = require('../../src/iam') as typeof import('../../src/iam');
    expect(iam.getAwsManagedPolicy('AWSLambdaBasicExecutionRole')?.path).toBe('/service-role/');
    const snapshotReads = readFileSync.mock.calls
      .map(([file]) => path.relative(SNAPSHOT, String(file)))
      .filter((file) => !file.startsWith('..'));
    expect(snapshotReads).toEqual(['index.json', expect.stringMatching(/^shards[\\/]\d\d\.json$/)]);
    readFileSync.mockRestore();
  });

  it('has every indexed policy in the shard the index names, and nothing else', () => {
    const index = JSON.parse(fs.readFileSync(path.join(SNAPSHOT, 'index.json'), 'utf8')) as Record<string, { shard: number }>;
    const metadata = JSON.parse(fs.readFileSync(path.join(SNAPSHOT, 'metadata.json'), 'utf8')) as { policyCount: number; shardCount: number };
    expect(Object.keys(index).length).toBe(metadata.policyCount);
    const stored = new Map<string, number>();
    for (let shard = 0; shard < metadata.shardCount; shard++) {
      const file = path.join(SNAPSHOT, 'shards', `${String(shard).padStart(2, '0')}.json`);
      for (const name of Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as object)) stored.set(name, shard);
    }
    expect(stored.size).toBe(metadata.policyCount);
    for (const [name, entry] of Object.entries(index)) expect([name, stored.get(name)]).toEqual([name, entry.shard]);
  });
});
