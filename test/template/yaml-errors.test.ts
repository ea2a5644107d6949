import { MAX_DEPTH, parseTemplate } from '../../src/template';
import { loadError, loaded, valueAt, yamlWithValue } from './helpers';

const parse = (text: string) => parseTemplate(text, 'template.yaml');

describe('YAML errors carry their line and column', () => {
  test('syntax error', () => {
    const text = ['Resources:', '  Bucket:', '    Type: AWS::S3::Bucket: Extra', ''].join('\n');
    expect(loadError(parse(text))).toMatchObject({ line: 3, column: 11, message: expect.stringMatching(/^invalid YAML: /) });
  });

  test('an unclosed flow mapping is reported where the file ends', () => {
    const text = ['Resources:', '  Bucket:', '    Type: AWS::S3::Bucket', '    Properties: {BucketName: "a"', ''].join('\n');
    expect(loadError(parse(text))).toMatchObject({ line: 5, message: expect.stringMatching(/^invalid YAML: /) });
  });

  test('duplicate key, reported at the second occurrence', () => {
    const text = ['Resources:', '  Bucket:', '    Type: AWS::S3::Bucket', '  Queue:', '    Type: AWS::SQS::Queue', '  Bucket:', '    Type: AWS::S3::Bucket', ''].join('\n');
    expect(loadError(parse(text))).toMatchObject({ line: 6, column: 3, message: 'duplicate key "Bucket"' });
  });

  test('keys that YAML tells apart but CloudFormation reads alike are duplicates', () => {
    expect(loadError(parse(yamlWithValue('{1: a, "1": b}'))).message).toBe('duplicate key "1"');
  });

  test('more than one document', () => {
    const text = ['Resources:', '  Bucket:', '    Type: AWS::S3::Bucket', '---', 'Resources: {}', ''].join('\n');
    const error = loadError(parse(text));
    expect(error.message).toMatch(/more than one YAML document/);
    expect(error.line).toBe(4);
  });

  test('a file of comments only', () => {
    expect(loadError(parse('# Resources: to be written\n'))).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/no YAML content/) });
  });

  test('100,000-deep flow nesting fails fast with a position, not a stack overflow', () => {
    const error = loadError(parse(`Resources: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`));
    expect(error).toMatchObject({ line: 1, column: 12 + MAX_DEPTH - 1, message: `nesting deeper than ${MAX_DEPTH} levels` });
  });

  test('unbalanced deep nesting and deep block sequences fail the same way', () => {
    expect(loadError(parse(`Resources: ${'['.repeat(100_000)}\n`)).message).toBe(`nesting deeper than ${MAX_DEPTH} levels`);
    expect(loadError(parse(`Resources:\n  X:\n    ${'- '.repeat(100_000)}x\n`)).message).toBe(`nesting deeper than ${MAX_DEPTH} levels`);
  });

  test(`${MAX_DEPTH} levels are fine, one more is not`, () => {
    // The root, Resources, the resource and its Properties take four levels.
    const nested = (levels: number) => `Resources:\n  R: {Type: X, Properties: {V: ${'['.repeat(levels)}${']'.repeat(levels)}}}\n`;
    expect(parse(nested(MAX_DEPTH - 4)).status).toBe('loaded');
    expect(loadError(parse(nested(MAX_DEPTH - 3))).message).toBe(`nesting deeper than ${MAX_DEPTH} levels`);
  });
});

describe('aliases', () => {
  test('an alias expands to a copy of its anchor', () => {
    const text = [
      'Resources:',
      '  Reader:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: &trust',
      '        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]',
      '  Writer:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: *trust',
      '',
    ].join('\n');
    const body = loaded(parse(text)).body;
    const reader = valueAt(body, 'Resources', 'Reader', 'Properties', 'AssumeRolePolicyDocument');
    const writer = valueAt(body, 'Resources', 'Writer', 'Properties', 'AssumeRolePolicyDocument');
    expect(writer).toEqual(reader);
    expect(writer).not.toBe(reader);
  });

  test('an alias refers to the latest anchor of that name before it', () => {
    const text = 'Resources:\n  R:\n    Type: X\n    Properties: {A: &v first, B: &v second, C: *v}\n';
    expect(valueAt(loaded(parse(text)).body, 'Resources', 'R', 'Properties', 'C')).toBe('second');
  });

  test('a "billion laughs" file fails fast with a clear error', () => {
    const lines = ['Resources:', '  R:', '    Type: X', '    Properties:', '      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 9; level++) {
      lines.push(`      l${level}: &l${level} [${Array(10).fill(`*l${level - 1}`).join(', ')}]`);
    }
    const error = loadError(parse(lines.join('\n') + '\n'));
    expect(error.message).toMatch(/aliases expand to more than .* nodes/);
    // At the alias whose expansion runs over the budget: one of the *l3 in l4 (the first at column 16).
    expect(error.line).toBe(9);
    expect((error.column - 16) % '*l3, '.length).toBe(0);
  });

  test('an alias inside its own anchor is an error', () => {
    expect(loadError(parse('Resources:\n  R: &r {Type: X, Properties: {Self: *r}}\n')).message).toMatch(/refers to a node that contains it/);
  });
});

describe('keys', () => {
  test('a __proto__ key stays an ordinary key', () => {
    const template = loaded(parse(yamlWithValue('{__proto__: {polluted: true}}')));
    const value = valueAt(template.body, 'Resources', 'Topic', 'Properties', 'Value');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  test('a list used as a key is an error', () => {
    expect(loadError(parse(yamlWithValue('{? [a, b] : c}'))).message).toMatch(/mapping key must be a plain string/);
  });
});

describe('flow collections indented as CloudFormation allows', () => {
  // The layout of aws-waf-security-automations.template: the flow map's lines sit at its key's indentation.
  const text = [
    'Resources:',
    '  Application:',
    '    Type: AWS::ServiceCatalogAppRegistry::Application',
    '    Properties:',
    '      Name: waf',
    '      Tags: {',
    "      'Solutions:SolutionID': !FindInMap [Solution, Data, SolutionID],",
    "      'Solutions:ApplicationType': 'AWS-Solutions',",
    '      }',
    '      Actions: [',
    '      "s3:GetObject",',
    '        "s3:PutObject" ]',
    '',
  ].join('\n');

  test('read as CloudFormation reads them', () => {
    const properties = valueAt(loaded(parse(text)).body, 'Resources', 'Application', 'Properties');
    expect(properties).toEqual({
      Name: 'waf',
      Tags: { 'Solutions:SolutionID': { 'Fn::FindInMap': ['Solution', 'Data', 'SolutionID'] }, 'Solutions:ApplicationType': 'AWS-Solutions' },
      Actions: ['s3:GetObject', 's3:PutObject'],
    });
  });

  test('positions on those lines are those of the original text', () => {
    const template = loaded(parse(text));
    expect(template.locate('/Resources/Application/Properties/Tags/Solutions:SolutionID')).toEqual({ line: 7, column: 7 });
    expect(template.locate('/Resources/Application/Properties/Tags/Solutions:SolutionID/Fn::FindInMap/1')).toEqual({ line: 7, column: 53 });
    expect(template.locate('/Resources/Application/Properties/Actions/0')).toEqual({ line: 11, column: 7 });
    expect(template.locate('/Resources/Application/Properties/Actions/1')).toEqual({ line: 12, column: 9 });
  });

  test('a really broken flow collection is still an error', () => {
    const broken = text.replace("      }\n", '');
    expect(parse(broken).status).toBe('error');
  });
});
