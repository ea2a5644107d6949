import { parseTemplate, type TemplateValue } from '../../src/template';
import { loadError, loaded, valueAt, yamlWithValue } from './helpers';

function parsedValue(yaml: string): TemplateValue {
  return valueAt(loaded(parseTemplate(yamlWithValue(yaml), 'template.yaml')).body, 'Resources', 'Topic', 'Properties', 'Value');
}

const LONG_FORMS: Array<[string, string]> = [
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...[
    'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Length', 'Not', 'Or',
    'Select', 'Split', 'Sub', 'ToJsonString', 'Transform', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll',
  ].map((name): [string, string] => [`!${name}`, `Fn::${name}`]),
];

describe('every short form becomes its long form', () => {
  test.each(LONG_FORMS)('%s on a scalar', (tag, longForm) => {
    expect(parsedValue(`${tag} Thing`)).toEqual({ [longForm]: 'Thing' });
  });

  test.each(LONG_FORMS)('%s on a flow sequence', (tag, longForm) => {
    expect(parsedValue(`${tag} [First, 2]`)).toEqual({ [longForm]: ['First', 2] });
  });

  test.each(LONG_FORMS)('%s on a block sequence', (tag, longForm) => {
    expect(parsedValue(`${tag}\n        - First\n        - Second`)).toEqual({ [longForm]: ['First', 'Second'] });
  });

  test.each(LONG_FORMS)('%s on a mapping', (tag, longForm) => {
    expect(parsedValue(`${tag} {Name: X, Parameters: {Location: 's3://bucket/key'}}`)).toEqual({
      [longForm]: { Name: 'X', Parameters: { Location: 's3://bucket/key' } },
    });
  });
});

describe('forms CloudFormation templates use', () => {
  test('!GetAtt splits at the first dot only: attribute names may contain dots', () => {
    expect(parsedValue('!GetAtt Role.Arn')).toEqual({ 'Fn::GetAtt': ['Role', 'Arn'] });
    expect(parsedValue('!GetAtt Database.Endpoint.Address')).toEqual({ 'Fn::GetAtt': ['Database', 'Endpoint.Address'] });
    expect(parsedValue('!GetAtt [Database, Endpoint.Address]')).toEqual({ 'Fn::GetAtt': ['Database', 'Endpoint.Address'] });
  });

  test('!GetAZs with an empty string or no value at all', () => {
    expect(parsedValue("!GetAZs ''")).toEqual({ 'Fn::GetAZs': '' });
    expect(parsedValue('!GetAZs')).toEqual({ 'Fn::GetAZs': '' });
    expect(parsedValue('!Select [0, !GetAZs ""]')).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
  });

  test('nested tags inside !If, with AWS::NoValue', () => {
    expect(parsedValue('!If [IsProd, !Ref ProdRole, !Ref "AWS::NoValue"]')).toEqual({
      'Fn::If': ['IsProd', { Ref: 'ProdRole' }, { Ref: 'AWS::NoValue' }],
    });
  });

  test('!Sub in its list form with a variable map holding a tag', () => {
    expect(parsedValue("!Sub [ '${x}', {x: !Ref Y} ]")).toEqual({ 'Fn::Sub': ['${x}', { x: { Ref: 'Y' } }] });
  });

  test('!Sub with a block scalar keeps the text as written, final newline included', () => {
    const policy = '!Sub |\n        arn:${AWS::Partition}:s3:::${Bucket}/*';
    expect(parsedValue(policy)).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*\n' });
  });

  test('a short form over a long form: !Base64 over Fn::Sub', () => {
    expect(parsedValue('!Base64 {"Fn::Sub": "echo ${AWS::StackName}"}')).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::StackName}' } });
  });

  test('!Base64 !Sub (two short forms on one node) is an error, as in CloudFormation', () => {
    const error = loadError(parseTemplate(yamlWithValue('!Base64 !Sub "echo ${AWS::StackName}"'), 'template.yaml'));
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/invalid YAML/);
  });

  test('!Transform with Name and Parameters, and !ToJsonString with a mapping', () => {
    expect(parsedValue("!Transform {Name: 'AWS::Include', Parameters: {Location: !Sub 's3://${B}/snippet.yaml'}}")).toEqual({
      'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: { 'Fn::Sub': 's3://${B}/snippet.yaml' } } },
    });
    expect(parsedValue('!ToJsonString {Statement: [{Effect: Allow, Resource: !GetAtt Queue.Arn}]}')).toEqual({
      'Fn::ToJsonString': { Statement: [{ Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] },
    });
  });

  test('deeply combined conditions', () => {
    expect(parsedValue('!And [!Not [!Equals [!Ref Env, prod]], !Or [!Condition A, !Condition B]]')).toEqual({
      'Fn::And': [{ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }] }, { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    });
  });
});

describe('other tags', () => {
  test('an unknown tag is an error at the tag', () => {
    const error = loadError(parseTemplate(yamlWithValue('!Rain::Embed script.sh'), 'template.yaml'));
    expect(error).toMatchObject({ file: 'template.yaml', line: 6, column: 14 });
    expect(error.message).toMatch(/unknown tag !Rain::Embed/);
  });

  test('YAML core tags keep their meaning', () => {
    expect(parsedValue('!!str 123')).toBe('123');
  });

  test('a short form cannot be a mapping key', () => {
    const error = loadError(parseTemplate(yamlWithValue('{!Ref A: b}'), 'template.yaml'));
    expect(error.message).toMatch(/!Ref cannot be used as a mapping key/);
  });
});

describe('scalars under the YAML 1.2 core schema', () => {
  test.each<[string, TemplateValue]>([
    ['yes', 'yes'],
    ['on', 'on'],
    ['Off', 'Off'],
    ['2012-10-17', '2012-10-17'],
    ['true', true],
    ['42', 42],
    ['1.5', 1.5],
    ['~', null],
    ["'123'", '123'],
    // An account id keeps its leading zero (YAML 1.2 would read the number 12345678901).
    ['012345678901', '012345678901'],
  ])('%s', (yaml, expected) => {
    expect(parsedValue(yaml)).toEqual(expected);
  });

  test('numeric and boolean keys become the text written', () => {
    expect(parsedValue('{1.10: a, true: b}')).toEqual({ '1.10': 'a', true: 'b' });
  });
});
