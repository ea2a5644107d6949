/**
 * Loading is per service: a scan that touches s3 and sqs must read only their files.
 * Jest gives this file its own module registry, so nothing is loaded when it starts.
 */
import * as path from 'node:path';

// The core module object itself (an `import * as` namespace would be a copy the spy cannot reach).
const fs = require('node:fs') as typeof import('node:fs');

describe('per-service loading', () => {
  it('reads only the files of the services looked up', () => {
    const readFileSync = jest.spyOn(fs, 'readFileSync');
    // Required after the spy is in place, so that every read goes through it.
    const iam = require('../../src/iam') as typeof import('../../src/iam');
    expect(iam.loadedServices()).toEqual([]);

    expect(iam.getAction('s3:GetObject')?.name).toBe('GetObject');
    expect(iam.expandActionPattern('sqs:Send*').kind).toBe('actions');
    expect(iam.conditionKeyInfo('s3:prefix')?.type).toBe('String');
    expect(iam.expandActionPattern('*').kind).toBe('all-actions');
    expect(iam.expandActionPattern('*:Get*').kind).toBe('cross-service');

    expect(iam.loadedServices()).toEqual(['s3', 'sqs']);
    const serviceFiles = readFileSync.mock.calls
      .map(([file]) => String(file))
      .filter((file) => /[\\/]data[\\/](actions|resourceTypes|conditionKeys)[\\/]/.test(file))
      .map((file) => `${path.basename(path.dirname(file))}/${path.basename(file)}`)
      .sort();
    expect(serviceFiles).toEqual([
      'actions/s3.json',
      'actions/sqs.json',
      'conditionKeys/s3.json',
      'conditionKeys/sqs.json',
      'resourceTypes/s3.json',
      'resourceTypes/sqs.json',
    ]);
    readFileSync.mockRestore();
  });

  it('loads, for a whole scan, only the services the template grants or trusts', () => {
    jest.isolateModules(() => {
      const { scanTemplate } = require('../../src') as typeof import('../../src');
      const { loadedServices } = require('../../src/iam') as typeof import('../../src/iam');
      const template = fs.readFileSync(path.join(__dirname, '../../sample-templates/good/lambda-s3-reader.yaml'), 'utf8');
      expect(scanTemplate(template, { file: 'lambda-s3-reader.yaml' }).errors).toEqual([]);
      // s3 for the role's grants, iam for the privilege-escalation catalogue's iam:PassRole, sts for
      // the trust policy; never ec2 or cloudformation, which escalation methods name but nothing here grants.
      expect(loadedServices()).toEqual(['iam', 's3', 'sts']);
    });
  });
});
