import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_BYTES, parseTemplate, readTemplate } from '../../src/template';
import { loadError, loaded } from './helpers';

const template = '{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}';

describe('size', () => {
  test('the default limit is 50 MiB', () => {
    expect(DEFAULT_MAX_BYTES).toBe(50 * 1024 * 1024);
  });

  test('a 50 MB single-line file is refused before parsing, from text or from disk', () => {
    const huge = `{"Resources": {}, "Description": "${'x'.repeat(DEFAULT_MAX_BYTES)}"}`;
    expect(loadError(parseTemplate(huge, 'huge.json', { explicit: true }))).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/larger than 50 MiB.*CloudFormation's own limit of 1 MB/),
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'iamgate-size-'));
    try {
      const file = path.join(dir, 'huge.json');
      writeFileSync(file, huge);
      expect(loadError(readTemplate({ file: 'huge.json', absolutePath: file, stackName: 'huge', explicit: true })).message).toMatch(/larger than 50 MiB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the limit can be set, and counts UTF-8 bytes', () => {
    expect(parseTemplate(template, 't.json', { maxBytes: template.length }).status).toBe('loaded');
    expect(loadError(parseTemplate(template, 't.json', { maxBytes: template.length - 1 })).message).toMatch(/larger than/);
    const accented = template.replace('Queue"}', 'Queue", "Description": "é"}');
    expect(loadError(parseTemplate(accented, 't.json', { maxBytes: accented.length })).message).toMatch(/larger than/);
  });
});

describe('text', () => {
  test('an empty or blank file is an error', () => {
    expect(loadError(parseTemplate('', 'empty.yaml'))).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/^empty file/) });
    expect(loadError(parseTemplate(' \n\t\n', 'blank.json')).message).toMatch(/^empty file/);
    expect(loadError(parseTemplate(new Uint8Array(), 'empty.json')).message).toMatch(/^empty file/);
  });

  test('a binary .json file is not a text file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(loadError(parseTemplate(png, 'logo.json'))).toMatchObject({ line: 3, column: 1, message: 'not a text file: NUL byte at byte 8' });
  });

  test('a NUL character in text input is refused too', () => {
    expect(loadError(parseTemplate('Resources:\n  A: "\0"\n', 'nul.yaml'))).toMatchObject({ line: 2, column: 7, message: expect.stringMatching(/not a text file/) });
  });

  test('invalid UTF-8 is reported at its byte', () => {
    const bytes = new TextEncoder().encode('{\n  "Resources": {"A": "?"}\n}');
    bytes[bytes.indexOf(0x3f)] = 0xff;
    expect(loadError(parseTemplate(bytes, 'latin1.json'))).toMatchObject({ line: 2, column: 23, message: 'not a UTF-8 text file: invalid UTF-8 at byte 24' });
  });

  test.each<[string, number[]]>([
    ['overlong encoding', [0xc0, 0x80]],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['truncated sequence at the end', [0xe2, 0x82]],
    ['lone continuation byte', [0x80]],
  ])('%s', (_, sequence) => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Resources: '), ...sequence]);
    expect(loadError(parseTemplate(bytes, 'bad.yaml')).message).toBe('not a UTF-8 text file: invalid UTF-8 at byte 11');
  });

  test('valid multi-byte UTF-8 and a BOM are fine', () => {
    const bytes = new TextEncoder().encode('\uFEFFResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {Tags: [{Key: café, Value: 日本 🚀}]}\n');
    expect(loaded(parseTemplate(bytes, 'utf8.yaml')).body).toEqual({
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'café', Value: '日本 🚀' }] } } },
    });
    expect(parseTemplate('\uFEFF' + template, 'bom.json').status).toBe('loaded');
  });

  test('UTF-16 is named as such', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(template).flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(loadError(parseTemplate(utf16, 'utf16.json')).message).toMatch(/UTF-16/);
  });
});
