/**
 * AWS-managed documents are read once and placed at every reference: each placed statement must
 * still point at its own reference, carry its own branch, and share only content.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAwsManagedPolicy } from '../../src/iam';
import { scanTemplate } from '../../src';
import { statementContent } from '../../src/extract';
import { readDocument } from '../../src/extract/document';
import { literalNode } from '../../src/resolve/json-text';
import { extractTemplate, FIXTURES, policiesOf } from './extract-template';

const text = readFileSync(join(FIXTURES, 'shared-managed-policies.yaml'), 'utf8');

describe('AWS-managed documents shared between references', () => {
  it('places every statement, element and condition at its own reference', () => {
    const { extraction } = extractTemplate(text, 'shared-managed-policies.yaml', { awsManagedPolicy: getAwsManagedPolicy });
    const readOnly = policiesOf(extraction, 'Operator').filter((p) => p.name === 'ReadOnlyAccess');
    expect(readOnly.map((p) => p.source.pointer)).toEqual([
      '/Resources/Operator/Properties/ManagedPolicyArns/0',
      '/Resources/Operator/Properties/ManagedPolicyArns/1/Fn::If/1',
    ]);
    for (const policy of readOnly) {
      expect(policy.statements.length).toBeGreaterThan(0);
      const pointers = new Set(
        policy.statements.flatMap((s) => [s.at, ...(s.actions ?? []).map((a) => a.at), ...(s.resources ?? []).map((r) => r.at), ...s.conditions.flatMap((c) => [c.at, ...c.values.map((v) => v.at)])]),
      );
      expect([...pointers]).toEqual([policy.source.pointer]);
    }
    const [first, second] = readOnly.map((p) => p.statements[0]!);
    expect(first).not.toBe(second);
    expect(statementContent(first!)).toBe(statementContent(second!));
    expect(second!.actions!.map((a) => a.value)).toEqual(first!.actions!.map((a) => a.value));
    expect(second!.actions!.length).toBeGreaterThan(1000);
    expect(readOnly[1]!.when).toEqual([{ condition: 'IsProd', value: true }]);
  });

  it('gives what reading the document at the reference gives', () => {
    const { extraction } = extractTemplate(text, 'shared-managed-policies.yaml', { awsManagedPolicy: getAwsManagedPolicy });
    const readOnly = getAwsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')!;
    for (const policy of policiesOf(extraction, 'Operator').filter((p) => p.name === 'ReadOnlyAccess')) {
      const direct = readDocument({ node: literalNode(readOnly.document, policy.source.pointer), when: policy.when, kind: policy.kind, format: 'object', property: 'ReadOnlyAccess' });
      expect(policy.statements).toEqual(direct.statements);
      expect(policy.problems).toEqual(direct.problems);
    }
  });

  it('reports each reference at its own line and branch, the same on every scan', () => {
    const findings = () =>
      scanTemplate(text, { file: 'shared-managed-policies.yaml' })
        .findings.filter((f) => f.ruleId === 'full-admin')
        .map((f) => [f.location.line, f.location.jsonPointer, f.message]);
    const once = findings();
    expect(once).toEqual([
      [15, '/Resources/Builder/Properties/ManagedPolicyArns/0', 'AWS-managed policy AdministratorAccess grants every action on every resource'],
      [
        27,
        '/Resources/Operator/Properties/ManagedPolicyArns/1/Fn::If/2',
        'AWS-managed policy AdministratorAccess grants every action on every resource (when IsProd is false)',
      ],
    ]);
    expect(findings()).toEqual(once);
  });
});
