import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readJsonFile } from '../../src/iam/data-files';
import { IamDataError } from '../../src/iam/errors';

describe('readJsonFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-iam-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads JSON', () => {
    const file = path.join(dir, 'ok.json');
    fs.writeFileSync(file, '{"s3": ["GetObject"]}');
    expect(readJsonFile(file)).toEqual({ s3: ['GetObject'] });
  });

  it('fails with the file name when the file is missing', () => {
    const file = path.join(dir, 'missing.json');
    expect(() => readJsonFile(file)).toThrow(IamDataError);
    expect(() => readJsonFile(file)).toThrow(`${file}: cannot read IAM data file (ENOENT)`);
  });

  it('fails with the file name when the file is not JSON', () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{"s3": [');
    expect(() => readJsonFile(file)).toThrow(`${file}: IAM data file is not valid JSON`);
  });
});
