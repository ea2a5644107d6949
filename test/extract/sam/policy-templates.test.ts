import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { TemplateObject, TemplateValue } from '../../../src/template/types';
import { expandPolicyTemplate, samPolicyTemplate, samPolicyTemplateNames } from '../../../src/extract/sam/policy-templates';

const FIXTURES = join(__dirname, '../../fixtures/extract/sam');

/** SAM's own kitchen-sink test: every policy template, and what the SAM translator makes of each. */
const input = parse(readFileSync(join(FIXTURES, 'all_policy_templates.yaml'), 'utf8')) as TemplateObject;
const output = JSON.parse(readFileSync(join(FIXTURES, 'all_policy_templates.output.json'), 'utf8')) as TemplateObject;

function at(value: TemplateValue, ...path: (string | number)[]): TemplateValue {
  return path.reduce<TemplateValue>((v, key) => (v as Record<string, TemplateValue>)[key], value);
}

const entries = at(input, 'Resources', 'KitchenSinkFunction', 'Properties', 'Policies') as TemplateObject[];
const translated = at(output, 'Resources', 'KitchenSinkFunctionRole', 'Properties', 'Policies') as TemplateObject[];

describe('SAM policy templates', () => {
  it('ships every template SAM defines', () => {
    expect(samPolicyTemplateNames()).toHaveLength(81);
    expect(samPolicyTemplate('S3ReadPolicy')?.Parameters).toEqual({ BucketName: { Description: 'Name of the Bucket' } });
    expect(samPolicyTemplate('NotATemplatePolicy')).toBeUndefined();
    expect(samPolicyTemplate('toString')).toBeUndefined();
  });

  it.each(entries.map((entry, index) => [Object.keys(entry)[0], index] as const))(
    'expands %s exactly as the SAM translator does',
    (name, index) => {
      const values = entries[index][name] as TemplateObject;
      const expansion = expandPolicyTemplate(samPolicyTemplate(name)!, values);
      expect(expansion.missing).toEqual([]);
      expect(expansion.document).toEqual(translated[index].PolicyDocument);
    },
  );

  it('keeps intrinsic parameter values as written, for the resolver', () => {
    const expansion = expandPolicyTemplate(samPolicyTemplate('DynamoDBCrudPolicy')!, { TableName: { Ref: 'OrdersTable' } });
    expect(JSON.stringify(expansion.document)).toContain('{"tableName":{"Ref":"OrdersTable"}}');
  });

  it('names the parameters a template needs but was not given', () => {
    expect(expandPolicyTemplate(samPolicyTemplate('S3WritePolicy')!, {}).missing).toEqual(['BucketName']);
    expect(expandPolicyTemplate(samPolicyTemplate('VPCAccessPolicy')!, {}).missing).toEqual([]);
  });
});
