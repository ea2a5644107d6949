import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, scanTemplate, type ScanResult } from '../../../src/engine/scan';
import { builtinRules } from '../../../src/rules/registry';
import type { Rule } from '../../../src/rules/types';
import { buildJsonReport } from '../../../src/report/json';
import type { AccessRow } from '../../../src/report/access';
import { ACCESS_LEVELS_BY_STRENGTH } from '../../../src/iam';
import { runCli } from '../../cli/run-cli';
import { accessCollector, type StackAccess } from '../../../src/report/html/access-data';
import { buildHtmlView, type AccessGroupView, type CellDetail, type CellView } from '../../../src/report/html/view-model';
import { formatHtml } from '../../../src/report/html/render';

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

const detail = (group: AccessGroupView, c: CellView): CellDetail => group.details[c.detail]!;

describe('HTML report view model', () => {
  const { result, stacks } = scanWithAccess('app.yaml');
  const view = buildHtmlView(result, stacks);
  const group = view.groups[0]!;

  it('summarizes as the JSON report does, with the verdict of the exit code', () => {
    const json = buildJsonReport(result);
    const { summary } = json;
    expect(view.summary).toMatchObject({ templates: summary.templates, policies: summary.policies, statements: summary.statements, findings: summary.findings, suppressed: summary.suppressed, errors: summary.failed });
    expect(summary.findings.error).toBeGreaterThan(0);
    expect(view.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column])).toEqual(json.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column]));
    for (const rule of view.rules) {
      const active = json.findings.filter((f) => f.ruleId === rule.id && !f.suppressed);
      expect(rule.counts).toEqual({ error: 0, warning: 0, info: 0, ...Object.fromEntries(['error', 'warning', 'info'].map((s) => [s, active.filter((f) => f.severity === s).length])) });
    }
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
    const write = detail(group, worker).allowed.find((l) => l.level === 'Write');
    expect(write?.actions).toEqual(['s3:PutObject']);
    expect(write?.statements.map((s) => s.line)).toEqual([38]);
    const member = detail(group, cell(group, 'Alice', 'Uploads')).allowed.find((l) => l.level === 'List');
    expect(member?.statements.map((s) => [s.line, s.policy])).toEqual([[49, 'browse']]);
  });

  it('shows each principal its policies and the roles it can act as', () => {
    const admin = group.principals.find((p) => p.id === 'Admin')!;
    expect(admin.policies.map((p) => p.shown)).toEqual(['AdministratorAccess (managed policy, in Admin)']);
    expect(admin.canActAs.map((s) => s.shown)).toEqual([expect.stringMatching(/^pass role Worker to lambda\.amazonaws\.com/)]);
    const alice = group.principals.find((p) => p.id === 'Alice')!;
    expect(alice.policies.map((p) => [p.shown, p.statements])).toEqual([['browse (identity, in Developers)', ['Allow s3:ListBucket on arn:${AWS::Partition}:s3:::${Uploads}']]]);
  });

  it('has one cell per entry of `iamgate access`, at its strongest allowed level', async () => {
    const run = await runCli(['access', join(HTML, 'app.yaml'), '--format', 'json']);
    const rows = (JSON.parse(run.stdout) as { access: AccessRow[] }).access;
    const strongest = (row: AccessRow) => ACCESS_LEVELS_BY_STRENGTH.find((level) => row.allowed.some((l) => l.level === level)) ?? 'none';
    const cells = group.cells.map((c) => [group.principals[c.principal]!.id, group.resources[c.resource]!.logicalId, c.path, c.level]);
    expect(cells).toEqual(rows.map((r) => [r.principal.id, r.resource.logicalId, r.path, strongest(r)]));
    expect(view.summary.resources).toBe(new Set(rows.map((r) => r.resource.logicalId)).size);
    expect(view.summary.publicEdges).toBe(rows.filter((r) => r.path === 'public' && r.allowed.length > 0).length);
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

describe('HTML report view model of a large stack', () => {
  // 200 principals without 200 × 200 principal-resource pairs to compute: the 200 roles spread
  // over several stacks are in the browser test.
  it('keeps 200 partner accounts of a shared bucket apart, each marked cross-account with its own statement', () => {
    const accounts = Array.from({ length: 200 }, (_, i) => String(100000000000 + i * 7));
    const statements = accounts.map((account, i) => ({
      Sid: `Partner${i}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: i % 2 ? 's3:GetObject' : 's3:PutObject',
      Resource: { 'Fn::Sub': '${Shared.Arn}/*' },
    }));
    const template = {
      Resources: {
        Shared: { Type: 'AWS::S3::Bucket' },
        SharedPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Shared' }, PolicyDocument: { Version: '2012-10-17', Statement: statements } } },
      },
    };
    const collector = accessCollector(undefined);
    const result = scanTemplate(JSON.stringify(template, null, 2), { file: 'shared.json', onTemplate: collector.onTemplate });
    const view = buildHtmlView(result, collector.stacks);
    const [shared] = view.groups;
    expect(shared!.principals.map((p) => p.id)).toEqual(accounts.map((a) => `AWS:${a}`));
    expect(shared!.principals.every((p) => p.badge === 'account' && p.marks.join() === 'cross-account')).toBe(true);
    expect(shared!.cells.map((c) => c.level)).toEqual(accounts.map((_, i) => (i % 2 ? 'Read' : 'Write')));
    expect(new Set(shared!.cells.map((c) => detail(shared!, c).allowed[0]!.statements[0]!.sid)).size).toBe(200);
    expect(view.summary).toMatchObject({ principals: 200, resources: 1, crossAccountEdges: 200 });
  });

  it('lists the same access once however many cells show it: 40 roles with s3:* on 40 buckets', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) {
      resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket' };
      resources[`Role${i}`] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'all-of-s3', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
        },
      };
    }
    const collector = accessCollector(undefined);
    const result = scanTemplate(JSON.stringify({ Resources: resources }, null, 1), { file: 'many.json', onTemplate: collector.onTemplate });
    const view = buildHtmlView(result, collector.stacks);
    const [group] = view.groups;
    const onBuckets = group!.cells.filter((c) => group!.resources[c.resource]!.resourceType === 'AWS::S3::Bucket');
    expect(onBuckets).toHaveLength(1600);
    // Each role's access is the same on every bucket, and cites its own statement: one detail per role.
    expect(new Set(onBuckets.map((c) => c.detail)).size).toBe(40);
    expect(detail(group!, cell(group!, 'Role7', 'Bucket31')).allowed.reduce((n, l) => n + l.actions.length, 0)).toBeGreaterThan(100);
    // Listed in every cell, the actions made a page of about 5 MB.
    expect(formatHtml(result, collector.stacks).length).toBeLessThan(1_000_000);
  });
});
