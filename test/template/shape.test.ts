import { parseTemplate } from '../../src/template';
import { loadError, loaded } from './helpers';

describe('what is a template', () => {
  const config = '{"compilerOptions": {"strict": true}}';

  test('a file the user named must have Resources', () => {
    expect(loadError(parseTemplate(config, 'tsconfig.json', { explicit: true }))).toEqual({
      file: 'tsconfig.json',
      line: 1,
      column: 1,
      message: 'not a CloudFormation template: no Resources section',
    });
  });

  test('a file found by folder search without any marker is skipped quietly', () => {
    expect(parseTemplate(config, 'tsconfig.json')).toEqual({ status: 'not-a-template', file: 'tsconfig.json' });
    expect(parseTemplate('- just\n- a list\n', 'list.yaml').status).toBe('not-a-template');
    expect(parseTemplate('{"Resources": 1}', 'r.json', { explicit: false }).status).toBe('error');
  });

  test('unparsable files without a marker word are not templates either (Helm charts, multi-document YAML)', () => {
    expect(parseTemplate('a: {{ .Values.x }}\n', 'chart.yaml').status).toBe('not-a-template');
    expect(parseTemplate('kind: Pod\n---\nkind: Service\n', 'k8s.yaml').status).toBe('not-a-template');
  });

  test('a root that is not a mapping, named by the user', () => {
    expect(loadError(parseTemplate('[1, 2]', 'list.json', { explicit: true })).message).toBe('not a CloudFormation template: no Resources section (the file holds a list)');
  });

  test('a marker without Resources is an error even when found by search', () => {
    const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
    expect(loadError(parseTemplate(sam, 'template.yaml'))).toMatchObject({ line: 1, column: 1, message: 'not a CloudFormation template: no Resources section' });
  });

  test('Resources that is not a mapping', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  - Bucket\n';
    expect(loadError(parseTemplate(text, 'template.yaml'))).toMatchObject({ line: 2, column: 1, message: 'Resources must be a mapping of logical ids to resources, not a list' });
  });

  test('a template with no resources yet is still a template', () => {
    expect(loaded(parseTemplate('{"Resources": {}}', 'empty.json')).body).toEqual({ Resources: {} });
  });
});

describe('resources', () => {
  const yaml = (resource: string) => `Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Role:\n${resource}\n`;

  test('Properties that is not a mapping is named with its position', () => {
    const error = loadError(parseTemplate(yaml('    Type: AWS::IAM::Role\n    Properties:\n      - RoleName: admin'), 'template.yaml'));
    expect(error).toMatchObject({ line: 6, column: 5, message: 'Resources/Role/Properties must be a mapping, not a list' });
    const json = '{\n  "Resources": {\n    "Role": {\n      "Type": "AWS::IAM::Role",\n      "Properties": "admin"\n    }\n  }\n}';
    expect(loadError(parseTemplate(json, 'template.json'))).toMatchObject({ line: 5, column: 7, message: 'Resources/Role/Properties must be a mapping, not a string' });
  });

  test('an empty Properties value is null, which CloudFormation refuses', () => {
    expect(loadError(parseTemplate(yaml('    Type: AWS::IAM::Role\n    Properties:'), 'template.yaml')).message).toBe(
      'Resources/Role/Properties must be a mapping, not null (an empty value)',
    );
  });

  test('Metadata that is not a mapping', () => {
    expect(loadError(parseTemplate(yaml('    Type: AWS::IAM::Role\n    Metadata: [cfn_nag]'), 'template.yaml'))).toMatchObject({
      line: 6,
      message: 'Resources/Role/Metadata must be a mapping, not a list',
    });
  });

  test('a resource without a Type, or with a Type that is not a string', () => {
    expect(loadError(parseTemplate(yaml('    Properties: {}'), 'template.yaml'))).toMatchObject({ line: 4, column: 3, message: 'Resources/Role has no Type' });
    expect(loadError(parseTemplate(yaml('    Type: [AWS::IAM::Role]'), 'template.yaml'))).toMatchObject({ line: 5, message: 'Resources/Role/Type must be a string, not a list' });
  });

  test('a resource that is not a mapping', () => {
    expect(loadError(parseTemplate('Resources:\n  Role: AWS::IAM::Role\n', 'template.yaml'))).toMatchObject({ line: 2, column: 3, message: 'Resources/Role must be a mapping, not a string' });
  });

  test('Fn::ForEach loops of AWS::LanguageExtensions are left for later stages', () => {
    const text = [
      'Transform: AWS::LanguageExtensions',
      'Resources:',
      '  Fn::ForEach::Topics:',
      '    - TopicName',
      '    - [Success, Failure]',
      '    - SnsTopic${TopicName}:',
      '        Type: AWS::SNS::Topic',
      '',
    ].join('\n');
    expect(parseTemplate(text, 'loops.yaml').status).toBe('loaded');
  });

  test('a function CloudFormation does not have is an error where it is written, in any section', () => {
    const text = ['Resources:', '  Queue:', '    Type: AWS::SQS::Queue', 'Outputs:', '  Url:', "    Value: {'Fn::GetUrl': Queue}", ''].join('\n');
    expect(loadError(parseTemplate(text, 'template.yaml'))).toMatchObject({ line: 6, column: 13, message: 'Fn::GetUrl is not a CloudFormation intrinsic function' });
    const json = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": [{"Key": "k", "Value": {"Fn::Magic": 1}}]}}}}';
    expect(loadError(parseTemplate(json, 't.json'))).toMatchObject({ line: 1, column: 96, message: 'Fn::Magic is not a CloudFormation intrinsic function' });
  });

  test('every function CloudFormation has, in long and short form, loads', () => {
    const text = [
      'Rules:',
      '  R: {Assertions: [{Assert: {"Fn::EachMemberIn": [{"Fn::ValueOfAll": [P, Tag]}, {"Fn::RefAll": P}]}}]}',
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      "    Properties: {A: !Cidr [a, 1, 2], B: !Length [1], C: !ToJsonString {a: 1}, D: {'Fn::Transform': {Name: m}}}",
      '',
    ].join('\n');
    expect(parseTemplate(text, 'functions.yaml').status).toBe('loaded');
  });
});

describe('what a loaded template carries', () => {
  test('file, stack name from the file name, format, and given CDK details', () => {
    const constructPaths = new Map([['Queue', 'App/Queue/Resource']]);
    const template = loaded(
      parseTemplate('{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}', 'stacks/api.template.json', { constructPaths, nestedIn: { stackName: 'App', logicalId: 'Api' } }),
    );
    expect(template).toMatchObject({ file: 'stacks/api.template.json', stackName: 'api', format: 'json', constructPaths, nestedIn: { stackName: 'App', logicalId: 'Api' } });
    expect(loaded(parseTemplate('Resources: {}', 'x.yml', { stackName: 'given' })).stackName).toBe('given');
  });

  test('the format follows the extension, and .template files are sniffed', () => {
    expect(loaded(parseTemplate(' {"Resources": {}}', 'waf.template')).format).toBe('json');
    expect(loaded(parseTemplate('Resources: {}', 'waf.template')).format).toBe('yaml');
    expect(loadError(parseTemplate('Resources: {}', 'wrong.json')).message).toMatch(/^invalid JSON/);
  });
});
