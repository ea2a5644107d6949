import { MAX_DEPTH, parseTemplate } from '../../src/template';
import { loadError, loaded, valueAt } from './helpers';

const parse = (text: string) => parseTemplate(text, 'template.json');

describe('JSON templates', () => {
  test('parse as written', () => {
    const text = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'a"b\\c', Value: '{[' }] } } } });
    const template = loaded(parse(text));
    expect(template.format).toBe('json');
    expect(template.body).toEqual(JSON.parse(text));
  });

  test('syntax error: the position of the first problem', () => {
    const text = ['{', '  "Resources": {', '    "Queue": { "Type": "AWS::SQS::Queue" }', '    "Topic": { "Type": "AWS::SNS::Topic" }', '  }', '}'].join('\n');
    expect(loadError(parse(text))).toMatchObject({ file: 'template.json', line: 4, column: 5, message: 'invalid JSON: comma expected' });
  });

  test('trailing comma and comments are not JSON', () => {
    expect(loadError(parse('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"},}}'))).toMatchObject({ line: 1, column: 49 });
    expect(loadError(parse('{\n  // queue\n  "Resources": {}\n}'))).toMatchObject({ line: 2, column: 3 });
  });

  test('a duplicate key is named and located, whatever object it is in', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "Role": {',
      '      "Type": "AWS::IAM::Role",',
      '      "Properties": { "Path": "/", "RoleName": "a", "Path": "/admin/" }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect(loadError(parse(text))).toMatchObject({ line: 5, column: 53, message: 'duplicate key "Path"' });
  });

  test('the same key in different objects is no duplicate', () => {
    const text = '{"Resources": {"A": {"Type": "X", "Properties": {"Name": 1}}, "B": {"Type": "X", "Properties": {"Name": 2}}}}';
    expect(parse(text).status).toBe('loaded');
  });

  test('a key written with an escape is still the same key', () => {
    expect(loadError(parse('{"Resources": {}, "\\u0052esources": {}}')).message).toBe('duplicate key "Resources"');
  });

  test('brackets and colons inside strings are not structure', () => {
    const text = JSON.stringify({ Resources: { R: { Type: 'X', Properties: { Pattern: '['.repeat(2000) + '"a": 1', Escaped: '\\"' } } } });
    expect(parse(text).status).toBe('loaded');
  });

  test('100,000-deep nesting fails with a position instead of overflowing the stack', () => {
    const error = loadError(parse(`{"Resources": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`));
    expect(error).toMatchObject({ line: 1, column: 15 + MAX_DEPTH - 1, message: `nesting deeper than ${MAX_DEPTH} levels` });
  });

  test('a __proto__ key is data, not a prototype', () => {
    const template = loaded(parse('{"Resources": {"R": {"Type": "X", "Metadata": {"__proto__": {"polluted": true}}}}}'));
    const metadata = valueAt(template.body, 'Resources', 'R', 'Metadata');
    expect(Object.keys(metadata as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
