import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, scanTemplate, type ScanResult } from '../../../src/engine/scan';
import { builtinRules } from '../../../src/rules/registry';
import type { Rule } from '../../../src/rules/types';
import { summarize } from '../../../src/report/summary';
import { accessCollector, type StackAccess } from '../../../src/report/html/access-data';
import { buildHtmlView, type AccessGroupView, type CellView } from '../../../src/report/html/view-model';

const fixtures = join(__dirname, '..', '..', 'fixtures');
const HTML = join(fixtures, 'reports', 'html');

/** A template through the real engine, with the access the HTML report collects. */
function scanWithAccess(file: string, rules?: readonly Rule[]): { result: ScanResult; stacks: StackAccess[] } {
  const collector = accessCollector(undefined);
  const result = scanTemplate(readFileSync(join(HTML, file), 'utf8'), { file, onTemplate: collector.onTemplate, ...(rules ? { rules } : {}) });
  return { result, stacks: collector.stacks };
}

function cell(group: AccessGroupView, principal: string, resource: string): CellView {
  const found = group.cells.find((c) => group.principals[c.principal]!.id === principal && group.resources[c.resource]!.logicalId === resource);
  if (!found) throw new Error(`no cell ${principal} × ${resource}`);
  return found;
}

describe('HTML report view model', () => {
  const { result, stacks } = scanWithAccess('app.yaml');
  const view = buildHtmlView(result, stacks);
  const group = view.groups[0]!;

  it('summarizes as the JSON report does, with the verdict of the exit code', () => {
    const json = summarize(result);
    expect(view.summary).toMatchObject({ templates: json.templates, policies: json.policies, statements: json.statements, findings: json.findings, suppressed: json.suppressed });
    expect(json.findings.error).toBeGreaterThan(0);
    expect(view.verdict).toEqual({ status: 'fail', failOn: 'error' });
    expect(view.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['full-admin', 'public-access']));
    expect(view.rules.find((r) => r.id === 'public-access')).toMatchObject({ counts: { error: 1 }, docsUrl: expect.stringMatching(/^https:\/\/.+public-access/) });
  });

  it('lists in-template roles, users and groups, then the principals from outside, with badges', () => {
    expect(group.principals.map((p) => [p.id, p.badge])).toEqual([
      ['Worker', 'role'],
      ['Developers', 'group'],
      ['Alice', 'user'],
      ['Admin', 'role'],
      ['*', 'public'],
      ['AWS:210987654321', 'account'],
      ['Service:lambda.amazonaws.com', 'service'],
    ]);
    expect(view.summary.principals).toBe(7);
    expect(group.principals.find((p) => p.id === 'Worker')?.line).toBe(24);
  });

  it('colours each cell by the strongest level allowed, and marks public and cross-account edges', () => {
    expect(cell(group, 'Worker', 'Uploads').level).toBe('Write');
    expect(cell(group, 'Developers', 'Uploads').level).toBe('Read');
    expect(cell(group, 'Admin', 'Uploads').level).toBe('Permissions management');
    expect(cell(group, '*', 'Uploads')).toMatchObject({ level: 'Read', path: 'public', marks: ['public'] });
    expect(cell(group, 'AWS:210987654321', 'Uploads')).toMatchObject({ path: 'cross-account', marks: ['cross-account'] });
    expect(cell(group, 'Worker', 'Uploads').marks).toEqual([]);
    expect(view.summary).toMatchObject({ publicEdges: 1, crossAccountEdges: 1 });
    expect(group.principals.find((p) => p.id === '*')?.marks).toEqual(['public']);
  });

  it('keeps the statements behind each level with their line', () => {
    const worker = cell(group, 'Worker', 'Uploads');
    const write = worker.allowed.find((l) => l.level === 'Write');
    expect(write?.actions).toEqual(['s3:PutObject']);
    expect(write?.statements.map((s) => s.line)).toEqual([38]);
    const member = cell(group, 'Alice', 'Uploads').allowed.find((l) => l.level === 'List');
    expect(member?.statements.map((s) => [s.line, s.policy])).toEqual([[49, 'browse']]);
  });

  it('shows each principal its policies and the roles it can act as', () => {
    const admin = group.principals.find((p) => p.id === 'Admin')!;
    expect(admin.policies.map((p) => p.shown)).toEqual(['AdministratorAccess (managed policy, in Admin)']);
    expect(admin.canActAs.map((s) => s.shown)).toEqual([expect.stringMatching(/^pass role Worker to lambda\.amazonaws\.com/)]);
    const alice = group.principals.find((p) => p.id === 'Alice')!;
    expect(alice.policies.map((p) => [p.shown, p.statements])).toEqual([['browse (identity, in Developers)', ['Allow s3:ListBucket on arn:${AWS::Partition}:s3:::${Uploads}']]]);
  });

  it('says when no access was collected', () => {
    const bare = buildHtmlView(result, undefined);
    expect(bare.accessCollected).toBe(false);
    expect(bare.groups).toEqual([]);
    expect(bare.summary.findings).toEqual(view.summary.findings);
  });
});

describe('HTML report view model across stacks', () => {
  it('makes one group per template of a cdk.out with several stacks', async () => {
    const collector = accessCollector(undefined);
    const result = await scan([join(fixtures, 'template', 'synthetic-cdk-out')], { onTemplate: collector.onTemplate });
    const view = buildHtmlView(result, collector.stacks);
    expect(view.summary.templates).toBe(result.templates.length);
    expect(view.groups.map((g) => g.stack)).toEqual(result.templates.map((t) => t.stack));
    expect(new Set(view.groups.map((g) => g.stack)).size).toBeGreaterThan(1);
    const roles = view.groups.flatMap((g) => g.principals.filter((p) => p.kind === 'role'));
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.every((r) => r.constructPath !== undefined)).toBe(true);
  });
});

describe('HTML report links', () => {
  it('drops a docs link that is not http(s), such as a plugin rule whose docsUrl runs script', () => {
    const sneaky: Rule = {
      meta: { ...builtinRules[0]!.meta, id: 'sneaky', docsUrl: 'javascript:alert(1)' },
      create: (context) => ({ policy: (policy) => context.report({ message: 'reported', policy }) }),
    };
    const { result, stacks } = scanWithAccess('app.yaml', [sneaky]);
    const view = buildHtmlView(result, stacks);
    expect(view.findings.length).toBeGreaterThan(0);
    expect(view.findings.every((f) => f.ruleId === 'sneaky' && f.docsUrl === undefined)).toBe(true);
    expect(view.rules).toEqual([expect.objectContaining({ id: 'sneaky' })]);
    expect(view.rules[0]!.docsUrl).toBeUndefined();
  });
});
