import { formatPointer, parsePointer, parseTemplate, type LoadedTemplate } from '../../src/template';
import { loaded } from './helpers';

const json = [
  '{',
  '  "Resources": {',
  '    "Reader": {',
  '      "Type": "AWS::IAM::Role",',
  '      "Metadata": { "a/b": 1, "m~n": 2, "0": 3 },',
  '      "Properties": {',
  '        "Policies": [',
  '          {',
  '            "PolicyName": "read",',
  '            "PolicyDocument": {',
  '              "Statement": [',
  '                {',
  '                  "Effect": "Allow",',
  '                  "Action": ["s3:GetObject", "s3:ListBucket"],',
  '                  "Resource": { "Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*" }',
  '                }',
  '              ]',
  '            }',
  '          }',
  '        ]',
  '      }',
  '    }',
  '  }',
  '}',
].join('\n');

const yaml = [
  'Resources:',
  '  Reader:',
  '    Type: AWS::IAM::Role',
  '    Metadata: {a/b: 1, m~n: 2, "0": 3}',
  '    Properties:',
  '      Policies:',
  '        - PolicyName: read',
  '          PolicyDocument:',
  '            Statement:',
  '              - Effect: Allow',
  '                Action: [s3:GetObject, s3:ListBucket]',
  "                Resource: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'",
  '                Condition: !If',
  '                  - IsProd',
  '                  - !Ref ProdCondition',
  '                  - !Ref AWS::NoValue',
  '                Principal: {AWS: !GetAtt Writer.Arn}',
  '',
].join('\n');

const statement = '/Resources/Reader/Properties/Policies/0/PolicyDocument/Statement/0';

describe.each<[string, () => LoadedTemplate]>([
  ['JSON', () => loaded(parseTemplate(json, 'roles.json'))],
  ['YAML', () => loaded(parseTemplate(yaml, 'roles.yaml'))],
])('locate in %s', (format, load) => {
  const expected = {
    JSON: { resource: [3, 5], statement: [12, 17], action1: [14, 46], sub: [15, 33], nearest: [6, 7], escaped: [[5, 21], [5, 31], [5, 41]] },
    YAML: { resource: [2, 3], statement: [10, 17], action1: [11, 40], sub: [12, 27], nearest: [5, 5], escaped: [[4, 16], [4, 24], [4, 32]] },
  }[format]!;
  const at = ([line, column]: number[]) => ({ line, column });

  test('a resource points at its logical id', () => {
    expect(load().locate('/Resources/Reader')).toEqual(at(expected.resource));
  });

  test('a statement points at where it starts', () => {
    expect(load().locate(statement)).toEqual(at(expected.statement));
  });

  test('an element of a list points at the element', () => {
    expect(load().locate(`${statement}/Action/1`)).toEqual(at(expected.action1));
  });

  test('a long-form key reaches the intrinsic, written short or long', () => {
    expect(load().locate(`${statement}/Resource/Fn::Sub`)).toEqual(at(expected.sub));
  });

  test('a pointer that overshoots stops at the nearest existing ancestor', () => {
    expect(load().locate('/Resources/Reader/Properties/Nope/Deeper')).toEqual(at(expected.nearest));
    expect(load().locate('/Resources/Reader/Properties/Policies/7')).toEqual(load().locate('/Resources/Reader/Properties/Policies'));
    expect(load().locate(`${statement}/Effect/0`)).toEqual(load().locate(`${statement}/Effect`));
  });

  test('RFC 6901 escapes: ~1 is a slash, ~0 a tilde, digits on an object are keys', () => {
    const [slash, tilde, digit] = expected.escaped.map(at);
    expect(load().locate('/Resources/Reader/Metadata/a~1b')).toEqual(slash);
    expect(load().locate('/Resources/Reader/Metadata/m~0n')).toEqual(tilde);
    expect(load().locate('/Resources/Reader/Metadata/0')).toEqual(digit);
  });

  test('the root and the empty pointer are the start of the document', () => {
    expect(load().locate('')).toEqual({ line: 1, column: 1 });
  });
});

describe('locate inside YAML short forms', () => {
  const template = () => loaded(parseTemplate(yaml, 'roles.yaml'));

  test('an element inside a tagged list points at the element, at its own tag', () => {
    expect(template().locate(`${statement}/Condition/Fn::If/0`)).toEqual({ line: 14, column: 21 });
    expect(template().locate(`${statement}/Condition/Fn::If/1`)).toEqual({ line: 15, column: 21 });
    expect(template().locate(`${statement}/Condition/Fn::If/2/Ref`)).toEqual({ line: 16, column: 21 });
  });

  test('the tagged node itself is at its tag, on the line of its key', () => {
    expect(template().locate(`${statement}/Condition/Fn::If`)).toEqual({ line: 13, column: 28 });
  });

  test('!GetAtt a.b: both list elements point at the scalar', () => {
    expect(template().locate(`${statement}/Principal/AWS/Fn::GetAtt`)).toEqual({ line: 17, column: 34 });
    expect(template().locate(`${statement}/Principal/AWS/Fn::GetAtt/0`)).toEqual({ line: 17, column: 42 });
    expect(template().locate(`${statement}/Principal/AWS/Fn::GetAtt/1`)).toEqual({ line: 17, column: 42 });
  });

  test('a wrong long-form key stops at the tagged node', () => {
    expect(template().locate(`${statement}/Resource/Fn::Join/0`)).toEqual(template().locate(`${statement}/Resource`));
  });

  test('through an alias, positions are those of the anchored definition', () => {
    const text = 'Resources:\n  A:\n    Type: X\n    Properties: &shared\n      Name: a\n  B:\n    Type: X\n    Properties: *shared\n';
    expect(loaded(parseTemplate(text, 'a.yaml')).locate('/Resources/B/Properties/Name')).toEqual({ line: 5, column: 7 });
  });
});

describe('line endings and byte order marks', () => {
  test('CRLF lines count once', () => {
    const text = yaml.replace(/\n/g, '\r\n');
    expect(loaded(parseTemplate(text, 'roles.yaml')).locate(statement)).toEqual({ line: 10, column: 17 });
  });

  test('a BOM is not a column', () => {
    const template = loaded(parseTemplate(new TextEncoder().encode('\uFEFF' + json), 'roles.json'));
    expect(template.locate('/Resources')).toEqual({ line: 2, column: 3 });
    expect(template.locate('')).toEqual({ line: 1, column: 1 });
  });
});

describe('pointers', () => {
  test('round trip with escapes', () => {
    const path = ['Resources', 'a/b', 'm~n', '0'];
    expect(formatPointer(path)).toBe('/Resources/a~1b/m~0n/0');
    expect(parsePointer(formatPointer(path))).toEqual(path);
    expect(parsePointer('/a~01')).toEqual(['a~1']);
    expect(parsePointer('')).toEqual([]);
  });
});
