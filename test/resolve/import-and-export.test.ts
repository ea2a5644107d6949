import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResolver } from '../../src/resolve';
import type { ExportedValue } from '../../src/resolve';
import { parseTemplate } from '../../src/template';
import type { LoadedTemplate } from '../../src/template/types';
import { show, yamlTemplate } from './helpers';

function fixture(name: string): LoadedTemplate {
  const file = join(__dirname, '../fixtures/resolve', name);
  const loaded = parseTemplate(readFileSync(file, 'utf8'), name, { explicit: true });
  if (loaded.status !== 'loaded') throw new Error(`fixture ${name} does not load`);
  return loaded.template;
}

const byName = (exports: ExportedValue[]) => new Map(exports.map((e) => [e.name, e]));

describe('exports() of a real CDK stack (SharedStack)', () => {
  const shared = createResolver(fixture('SharedStack.template.json'));
  const exports = shared.exports();

  test('lists every Export by its literal name, with resolved values whose references carry the stack', () => {
    expect(exports.map((e) => e.name)).toEqual([
      'SharedStack:ExportsOutputFnGetAttordertable80C56090ArnFF5A50B5',
      'SharedStack:ExportsOutputRefordertable80C5609084F626AD',
      'SharedStack:ExportsOutputRefshareddbfunctionslayerA9CFEC5A89EBE406',
    ]);
    const arn = exports[0];
    expect(arn.stack).toBe('SharedStack');
    expect(show(arn.value)).toBe('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${SharedStack/ordertable80C56090}');
    expect(arn.value).toMatchObject({ parts: expect.arrayContaining([expect.objectContaining({ logicalId: 'ordertable80C56090', stack: 'SharedStack' })]) });
  });

  test('feeds Fn::ImportValue in another stack of the scan', () => {
    const kitchen = createResolver(fixture('KitchenStaffStack.template.json'), { exports: byName(exports) });
    const pointer = '/Resources/getopenordersLambdaFunctionServiceRoleDefaultPolicy2BBF8B21/Properties/PolicyDocument/Statement';
    const statements = show(kitchen.resolveAt(pointer)) as { Resource?: unknown }[];
    const resources = statements.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : []));
    expect(resources).toEqual(
      expect.arrayContaining([
        'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${SharedStack/ordertable80C56090}',
        'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${SharedStack/ordertable80C56090}/index/*',
      ]),
    );
  });

  test('without the exporting stack in the scan, the import is unknown and names the export', () => {
    const kitchen = createResolver(fixture('KitchenStaffStack.template.json'));
    const variable = '/Resources/getopenordersLambdaFunctionCAD5B34A/Properties/Environment/Variables/DDB_TABLE_NAME';
    expect(show(kitchen.resolveAt(variable))).toBe(
      '<unknown: Fn::ImportValue SharedStack:ExportsOutputRefordertable80C5609084F626AD: no stack in this scan exports it>',
    );
    expect(kitchen.resolveAt(variable)?.at).toBe(variable);
  });
});

test('export names resolve ${AWS::StackName} to the stack name; other names that are not literal are skipped and reported', () => {
  const template = yamlTemplate(
    `
Parameters:
  Prefix:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  TopicArn:
    Value: !Ref Topic
    Export:
      Name: !Sub '\${AWS::StackName}-TopicArn'
  Regional:
    Value: !Ref Topic
    Export:
      Name: !Sub '\${AWS::Region}-TopicArn'
  NotExported:
    Value: !Ref Topic
`,
    'alerts.yaml',
    'alerts',
  );
  const resolver = createResolver(template);
  const exports = resolver.exports();
  expect(exports.map((e) => e.name)).toEqual(['alerts-TopicArn']);
  expect(exports[0].value.at).toBe('/Outputs/TopicArn/Value');
  expect(resolver.problems()).toContainEqual({
    at: '/Outputs/Regional/Export/Name',
    message: 'the export name of output Regional is not a literal string: other stacks cannot import it by name',
  });

  const importer = createResolver(
    yamlTemplate(`
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      Topic: !ImportValue alerts-TopicArn
      Other: !ImportValue
        Fn::Sub: '\${AWS::Region}-TopicArn'
`),
    { exports: byName(exports) },
  );
  expect(show(importer.resolveAt('/Resources/P/Properties'))).toEqual({
    Topic: 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${alerts/Topic.TopicName}',
    Other: '<unknown: Fn::ImportValue ${AWS::Region}-TopicArn: no stack in this scan exports it>',
  });
  expect(importer.resolveAt('/Resources/P/Properties/Topic')?.at).toBe('/Resources/P/Properties/Topic');
});
