import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTemplate, type TemplateInput } from '../../src/template';
import { loadError, loaded } from './helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamgate-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input = (name: string, extra: Partial<TemplateInput> = {}): TemplateInput => ({ file: name, absolutePath: path.join(dir, name), stackName: 'stack', ...extra });

test('reads, parses and carries what discovery found', () => {
  writeFileSync(path.join(dir, 'api.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
  const constructPaths = new Map([['Queue', 'Api/Queue/Resource']]);
  const template = loaded(readTemplate(input('api.yaml', { stackName: 'api-prod', constructPaths, nestedIn: { stackName: 'App', logicalId: 'ApiStack' } })));
  expect(template).toMatchObject({ file: 'api.yaml', stackName: 'api-prod', format: 'yaml', constructPaths, nestedIn: { stackName: 'App', logicalId: 'ApiStack' } });
  expect(template.locate('/Resources/Queue')).toEqual({ line: 2, column: 3 });
});

test('a missing file is a LoadError, not an exception', () => {
  expect(loadError(readTemplate(input('gone.json')))).toEqual({ file: 'gone.json', line: 1, column: 1, message: 'cannot read: no such file or folder' });
});

test('a folder is a LoadError', () => {
  expect(loadError(readTemplate({ file: '.', absolutePath: dir, stackName: 'x' })).message).toBe('cannot read: it is a folder, not a file');
});

test('explicit inputs must be templates, found ones may not be', () => {
  writeFileSync(path.join(dir, 'package.json'), '{"name": "app", "version": "1.0.0"}');
  expect(readTemplate(input('package.json')).status).toBe('not-a-template');
  expect(loadError(readTemplate(input('package.json', { explicit: true }))).message).toMatch(/no Resources section/);
});

const root = typeof process.getuid === 'function' && process.getuid() === 0;
(root ? test.skip : test)('an unreadable file is a LoadError (skipped as root, who can read anything)', () => {
  const file = path.join(dir, 'secret.json');
  writeFileSync(file, '{"Resources": {}}');
  chmodSync(file, 0o000);
  expect(loadError(readTemplate(input('secret.json'))).message).toBe('cannot read: permission denied');
});
