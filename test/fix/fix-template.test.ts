import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fixTemplate } from '../../src/fix/fix-template';
import { broadenedAccess } from '../../src/fix/broadening';
import { resolveConfig, scanTemplate } from '../../src/engine/scan';
import { parseTemplate } from '../../src/template';
import { builtinRules } from '../../src/rules/registry';
import { actionPatternMatches } from '../../src/iam';
import type { Rule } from '../../src/rules/types';
import { accessOf, fixture, isSubsequence } from './helpers';

const config = resolveConfig({});
const ALL_RULES = new Set(builtinRules.map((rule) => rule.meta.id));
const fix = (name: string, accept: ReadonlySet<string> = new Set()) => fixTemplate(fixture(name), name, { config, accept });
const ruleIds = (findings: readonly { ruleId: string }[]) => findings.map((f) => f.ruleId);

describe('fix on a YAML template with comments', () => {
  const result = fix('queue-and-function.yaml');
  const before = result.before.split('\n');
  const after = result.after.split('\n');

  it('applies the mechanical fixes: source conditions and the TLS-only Deny', () => {
    expect(result.errors).toEqual([]);
    expect(result.applied.map((f) => f.findings[0]!.ruleId).sort()).toEqual(['confused-deputy', 'confused-deputy', 'transport-not-enforced']);
    expect(result.after).toContain('aws:SourceArn: !Ref Orders');
    expect(result.after).toContain('SourceArn: !GetAtt Nightly.Arn');
    expect(result.after).toContain("aws:SecureTransport: 'false'");
  });

  it('keeps every line it does not fix, comments and layout included, in order', () => {
    expect(isSubsequence(before, after)).toBe(true);
    const comments = before.filter((line) => line.includes('#'));
    expect(comments.length).toBeGreaterThan(4);
    for (const comment of comments) expect(after).toContain(comment);
    // Inserted lines are indented like their neighbours: the statement's keys sit where `Effect` does.
    expect(after).toContain('            Condition:');
    expect(after).toContain('          - Sid: DenyInsecureTransport');
  });

  it('re-scans the result: the targeted findings are gone, the others stay', () => {
    expect(ruleIds(result.findingsBefore)).toEqual(expect.arrayContaining(['confused-deputy', 'transport-not-enforced', 'action-wildcard']));
    expect(ruleIds(result.findingsAfter)).toEqual(['action-wildcard']);
    const rescanned = scanTemplate(result.after, { file: 'queue-and-function.yaml' });
    expect(rescanned.errors).toEqual([]);
    expect(ruleIds(rescanned.findings)).toEqual(['action-wildcard']);
  });
});

describe('--accept', () => {
  it('leaves a wildcard as written unless its rule is accepted, and says how to accept it', () => {
    const result = fix('queue-and-function.yaml');
    expect(result.after).toContain("- 'sqs:*'     # TODO narrow");
    expect(result.skipped).toEqual([
      expect.objectContaining({ reason: 'it changes what the workload may do: apply it with --accept action-wildcard' }),
    ]);
  });

  it('replaces the wildcard with actions it matches once accepted, keeping its comment', () => {
    const result = fix('queue-and-function.yaml', new Set(['action-wildcard']));
    expect(result.skipped).toEqual([]);
    expect(result.after).not.toContain("'sqs:*'");
    expect(result.after).toContain('- sqs:CancelMessageMoveTask     # TODO narrow');
    const edit = result.applied.find((f) => f.edit.kind === 'expand-action')!.edit;
    if (edit.kind !== 'expand-action') throw new Error('expected an expansion');
    expect(edit.actions.length).toBeGreaterThan(5);
    for (const action of edit.actions) expect(actionPatternMatches('sqs:*', action)).toBe(true);
    // Changing who may use the queue is not what a worker needs: it is left out.
    expect(edit.actions).not.toContain('sqs:AddPermission');
    expect(ruleIds(result.findingsAfter)).toEqual([]);
  });
});

describe('fix on a JSON template', () => {
  const result = fix('alerts.json');

  it('adds the source condition and the TLS Deny in the file\'s own 4-space layout', () => {
    expect(result.applied.map((f) => f.findings[0]!.ruleId).sort()).toEqual(['confused-deputy', 'transport-not-enforced']);
    const document = JSON.parse(result.after);
    const statements = document.Resources.AlertsPolicy.Properties.PolicyDocument.Statement;
    expect(statements[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['Digest', 'Arn'] } },
    });
    expect(statements[1]).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'Alerts' } });
    const added = result.after.split('\n').filter((line) => !result.before.includes(line));
    for (const line of added) expect(/^( {4})*\S/.test(line)).toBe(true);
    const unchanged = (text: string) => text.split('\n').map((line) => line.replace(/,$/, ''));
    expect(isSubsequence(unchanged(result.before), unchanged(result.after))).toBe(true);
    expect(ruleIds(result.findingsAfter)).toEqual([]);
  });
});

describe('fixes never broaden access', () => {
  // A TLS-only Deny is conditional, so it takes no access away for certain; the others narrow grants.
  const templates: [string, 'narrows' | 'conditional deny only', string][] = [
    ['queue-and-function.yaml', 'narrows', fixture('queue-and-function.yaml')],
    ['conditional-grants.yaml', 'narrows', fixture('conditional-grants.yaml')],
    ['orders-service.yaml', 'narrows', fixture('orders-service.yaml')],
    ['alerts.json', 'narrows', fixture('alerts.json')],
    ['lambda-permission-public.yaml', 'narrows', readFileSync(join(__dirname, '..', '..', 'sample-templates', 'bad', 'lambda-permission-public.yaml'), 'utf8')],
    ['public-bucket.json', 'conditional deny only', readFileSync(join(__dirname, '..', '..', 'sample-templates', 'bad', 'public-bucket.json'), 'utf8')],
  ];

  it.each(templates)('%s: the fixed template grants nothing the original did not (%s)', (name, effect, text) => {
    const result = fixTemplate(text, name, { config, accept: ALL_RULES });
    expect(result.errors).toEqual([]);
    expect(result.applied.length).toBeGreaterThan(0);
    const before = accessOf(result.before, name);
    const after = accessOf(result.after, name);
    expect(broadenedAccess(before, after)).toEqual([]);
    // The comparison sees the narrowing in the other direction: the check can fail.
    if (effect === 'narrows') expect(broadenedAccess(after, before).length).toBeGreaterThan(0);
    else expect(result.after).toContain('"aws:SecureTransport": "false"');
  });

  it('fixes each Fn::If branch on its own and merges the expansions of one wildcard', () => {
    const result = fix('conditional-grants.yaml', ALL_RULES);
    expect(result.applied.filter((f) => f.findings[0]!.ruleId === 'confused-deputy')).toHaveLength(2);
    expect(result.after).toMatch(/!If \[IsProd, 'sqs:Receive\*', \[\n {20}sqs:CancelMessageMoveTask,/);
    expect(parseTemplate(result.after, 'conditional-grants.yaml', { explicit: true }).status).toBe('loaded');
    expect(ruleIds(result.findingsAfter)).toEqual([]);
  });

  it('refuses an edit that would grant more, whatever rule proposes it', () => {
    // A plugin rule whose "fix" widens s3:GetObject: the guard, not the rule, must stop it.
    const widening: Rule = {
      meta: { id: 'widen-reads', title: 'test', defaultSeverity: 'error', rationale: 'test', fix: 'test', docsUrl: 'https://example.com' },
      create: (context) => ({
        statement(statement, policy) {
          const read = statement.actions?.find((a) => a.value === 's3:GetObject');
          if (policy.kind !== 'identity' || !read) return;
          context.report({
            policy,
            statement,
            message: 'reads objects',
            suggestion: { edit: { kind: 'expand-action', at: read.at, pattern: 's3:GetObject', actions: ['s3:DeleteObject', 's3:GetObject'] } },
          });
        },
      }),
    };
    const text = fixture('orders-service.yaml');
    const result = fixTemplate(text, 'orders-service.yaml', { config, accept: new Set(), rules: [widening] });
    expect(result.applied).toEqual([]);
    expect(result.skipped).toEqual([expect.objectContaining({ reason: expect.stringMatching(/^it would grant more \(role ApiRole: new-action s3:DeleteObject/) })]);
    expect(result.after).toBe(text);
  });
});

describe('bad input', () => {
  it('reports a template that does not load with its position, and changes nothing', () => {
    const text = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Queue:\n    Type: AWS::SQS::Queue\n';
    const result = fixTemplate(text, 'dup.yaml', { config, accept: new Set() });
    expect(result.errors).toEqual([expect.objectContaining({ file: 'dup.yaml', line: 4, column: 3 })]);
    expect(result.after).toBe(text);
  });
});
