import { parse } from 'yaml';
import { textEditsFor } from '../../src/fix/template-edits';
import { applyTextEdits, regionOf, unifiedDiff } from '../../src/fix/text-edits';
import { FixRefused } from '../../src/fix/refused';
import { shortFormTags } from '../../src/template/yaml-tags';
import type { TemplateEdit } from '../../src/rules/types';

const applyYaml = (text: string, edit: TemplateEdit) => applyTextEdits(text, textEditsFor(text, 'yaml', edit));
const applyJson = (text: string, edit: TemplateEdit) => applyTextEdits(text, textEditsFor(text, 'json', edit));
const readYaml = (text: string) => parse(text, { customTags: shortFormTags });

const sourceAccount: TemplateEdit = {
  kind: 'add-keys',
  at: '/Statement/0',
  value: { Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
};

describe('YAML edits', () => {
  it('adds keys into an existing flow mapping without touching its neighbours', () => {
    const text = [
      'Statement:',
      '  - Effect: Allow   # delivery',
      '    Principal: { Service: sns.amazonaws.com }',
      '    Condition: { StringEquals: { aws:SourceOrgID: o-a1b2c3 } }',
      '',
    ].join('\n');
    const after = applyYaml(text, sourceAccount);
    expect(after).toBe(text.replace('aws:SourceOrgID: o-a1b2c3 }', 'aws:SourceOrgID: o-a1b2c3, aws:SourceAccount: !Ref AWS::AccountId }'));
    expect(readYaml(after).Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceOrgID': 'o-a1b2c3', 'aws:SourceAccount': 'AWS::AccountId' });
  });

  it('refuses to change a value that is already there', () => {
    const text = "Statement:\n  - Effect: Allow\n    Condition:\n      StringEquals:\n        aws:SourceAccount: '111122223333'\n";
    expect(() => textEditsFor(text, 'yaml', sourceAccount)).toThrow(new FixRefused('aws:SourceAccount is already set to something else'));
  });

  it('refuses a pointer that names nothing in the file, or goes through an alias', () => {
    expect(() => textEditsFor('Statement: []\n', 'yaml', sourceAccount)).toThrow(FixRefused);
    const aliased = 'Shared: &s\n  Effect: Allow\nStatement:\n  - *s\n';
    expect(() => textEditsFor(aliased, 'yaml', sourceAccount)).toThrow('it goes through a YAML alias');
  });

  it('appends to flow and block lists in their own style', () => {
    const deny: TemplateEdit = { kind: 'append', at: '/Statement', value: { Effect: 'Deny', Action: 'sqs:*' } };
    expect(applyYaml('Statement: [{ Effect: Allow }]\n', deny)).toBe('Statement: [{ Effect: Allow }, { Effect: Deny, Action: sqs:* }]\n');
    expect(applyYaml('Statement:\n    -   Effect: Allow # keep\nOther: 1\n', deny)).toBe(
      'Statement:\n    -   Effect: Allow # keep\n    - Effect: Deny\n      Action: sqs:*\nOther: 1\n',
    );
  });

  it('expands an action written alone, in a flow list and in a block list', () => {
    const expand = (at: string): TemplateEdit => ({ kind: 'expand-action', at, pattern: 'sqs:Send*', actions: ['sqs:SendMessage', 'sqs:SendMessageBatch'] });
    expect(applyYaml('S:\n  Action: sqs:Send*\n  Resource: "*"\n', expand('/S/Action'))).toBe(
      'S:\n  Action:\n    - sqs:SendMessage\n    - sqs:SendMessageBatch\n  Resource: "*"\n',
    );
    expect(applyYaml('S:\n  Action: [sqs:Send*, sns:Publish]\n', expand('/S/Action/0'))).toBe('S:\n  Action: [sqs:SendMessage, sqs:SendMessageBatch, sns:Publish]\n');
    expect(applyYaml('S:\n  Action:\n  - "sqs:Send*" # why\n  - sns:Publish\n', expand('/S/Action/0'))).toBe(
      'S:\n  Action:\n  - sqs:SendMessage # why\n  - sqs:SendMessageBatch\n  - sns:Publish\n',
    );
    expect(applyYaml('S:\n  Action: !If [Prod, sqs:Send*, sns:Publish]\n', expand('/S/Action/Fn::If/1'))).toBe(
      'S:\n  Action: !If [Prod, [sqs:SendMessage, sqs:SendMessageBatch], sns:Publish]\n',
    );
  });
});

describe('JSON edits', () => {
  it('adds a member inline to an inline object and on its own line to a multi-line one', () => {
    expect(applyJson('{"Statement": [{"Effect": "Allow"}]}', sourceAccount)).toBe(
      '{"Statement": [{"Effect": "Allow", "Condition": { "StringEquals": { "aws:SourceAccount": { "Ref": "AWS::AccountId" } } }}]}',
    );
    const text = '{\n\t"Statement": [\n\t\t{\n\t\t\t"Effect": "Allow"\n\t\t}\n\t]\n}\n';
    const after = applyJson(text, sourceAccount);
    expect(after).toBe(
      '{\n\t"Statement": [\n\t\t{\n\t\t\t"Effect": "Allow",\n\t\t\t"Condition": {\n\t\t\t\t"StringEquals": {\n\t\t\t\t\t"aws:SourceAccount": { "Ref": "AWS::AccountId" }\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t]\n}\n',
    );
  });

  it('expands an action in place and refuses a value that differs', () => {
    const edit: TemplateEdit = { kind: 'expand-action', at: '/Action/1', pattern: 's3:Put*', actions: ['s3:PutObject', 's3:PutObjectTagging'] };
    expect(applyJson('{"Action": ["logs:PutLogEvents", "s3:Put*"]}', edit)).toBe('{"Action": ["logs:PutLogEvents", "s3:PutObject", "s3:PutObjectTagging"]}');
    const pinned = '{"Statement": [{"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}';
    expect(() => textEditsFor(pinned, 'json', sourceAccount)).toThrow('aws:SourceAccount is already set to something else');
  });
});

describe('text edits and diffs', () => {
  it('gives SARIF regions with an exclusive end; an insertion is an empty region', () => {
    const text = 'a: 1\nb: 22\n';
    expect(regionOf(text, { offset: 8, length: 2, text: '3' })).toEqual({ startLine: 2, startColumn: 4, endLine: 2, endColumn: 6 });
    expect(regionOf(text, { offset: 5, length: 0, text: 'x' })).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 });
  });

  it('writes hunks with three lines of context and correct line numbers', () => {
    const before = `${Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n')}\n`;
    const after = before.replace('l5\n', 'l5\nnew\n').replace('l18\n', 'L18\n');
    expect(unifiedDiff('t.yaml', before, after)).toBe(
      ['--- a/t.yaml', '+++ b/t.yaml', '@@ -3,6 +3,7 @@', ' l3', ' l4', ' l5', '+new', ' l6', ' l7', ' l8',
        '@@ -15,6 +16,6 @@', ' l15', ' l16', ' l17', '-l18', '+L18', ' l19', ' l20', ''].join('\n'),
    );
    expect(unifiedDiff('t.yaml', before, before)).toBe('');
  });
});
