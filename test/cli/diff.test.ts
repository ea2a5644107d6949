import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from './run-cli';
import { tempDir } from '../temp-dir';

const fixtures = join(__dirname, '..', 'fixtures');
const diffFixture = (name: string) => join(fixtures, 'diff', name);
/** As the CLI shows a file: relative to the working folder. */
const shown = (path: string) => relative(process.cwd(), path).split('\\').join('/');

interface JsonReport {
  summary: { changes: number; principals: number; newAccess: boolean };
  stacks: { stack: string; status: string; old?: string; new?: string; renamed: { type: string; from: string; to: string; by: string }[] }[];
  changes: {
    file: string;
    stack: string;
    principal: { id: string; kind: string };
    kind: string;
    resource: string;
    actions: { action: string; level?: string }[];
    was: string[];
    conditions: string[];
    statements: { file: string; line: number; when?: string }[];
    previous: { file: string; line: number }[];
  }[];
  errors: { file: string; line: number; column: number; message: string }[];
}

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe('iamgate diff OLD NEW', () => {
  it('prints per principal and resource what NEW grants, with the lines that grant it and what was there before', async () => {
    const run = await runCli(['diff', diffFixture('worker-old.yaml'), diffFixture('worker-any-resource.yaml')]);
    expect(run.code).toBe(0);
    const file = shown(diffFixture('worker-any-resource.yaml'));
    expect(run.stdout.split('\n')).toEqual([
      `iamgate diff ${diffFixture('worker-old.yaml')} → ${diffFixture('worker-any-resource.yaml')}`,
      '',
      `${file} (was ${shown(diffFixture('worker-old.yaml'))})`,
      '  role WorkerRole',
      '    broader resource on *: Read: s3:GetObject, s3:GetObjectTagging; was arn:${AWS::Partition}:s3:::${Uploads}/incoming/*',
      `      granted at ${file}:28; before: ${shown(diffFixture('worker-old.yaml'))}:28`,
      '',
      '1 change grants new access to 1 principal',
      '',
    ]);
  });

  it('--fail-on-new-access exits 1 on new access and 0 when there is none', async () => {
    expect((await runCli(['diff', diffFixture('worker-old.yaml'), diffFixture('worker-put-object.yaml'), '--fail-on-new-access'])).code).toBe(1);
    expect((await runCli(['diff', diffFixture('worker-put-object.yaml'), diffFixture('worker-old.yaml'), '--fail-on-new-access'])).code).toBe(0);
    const renamed = await runCli(['diff', diffFixture('worker-old.yaml'), diffFixture('worker-renamed.yaml'), '--fail-on-new-access']);
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain('  paired AWS::IAM::Role WorkerRole → ThumbnailerRole (same access)');
    expect(renamed.stdout).toMatch(/\nno new access \(1 stack compared\)\n$/);
  });

  it('compares templates that carry iamgate suppressions: diff runs no rules, so it does not judge them', async () => {
    const acknowledged = join(fixtures, 'suppressions', 'metadata.yaml');
    const run = await runCli(['diff', acknowledged, acknowledged, '--fail-on-new-access']);
    expect(run.stderr).not.toMatch(/unknown rule/);
    expect(run.code).toBe(0);
  });

  it('--format json lists every change, deterministically', async () => {
    const args = ['diff', diffFixture('shared-old.yaml'), diffFixture('shared-org-weakened.yaml'), '--format', 'json'];
    const run = await runCli(args);
    expect(run.code).toBe(0);
    const report = json(run.stdout);
    expect(report.summary).toEqual({ changes: 1, principals: 1, newAccess: true });
    expect(report.changes).toEqual([
      expect.objectContaining({
        principal: expect.objectContaining({ id: 'AWS:111122223333', kind: 'external' }),
        kind: 'weaker-conditions',
        resource: 'arn:${AWS::Partition}:s3:::${Reports}/shared/*',
        actions: [{ action: 's3:GetObject', level: 'Read' }],
        was: ['condition weakened: StringEquals aws:PrincipalOrgID o-a1b2c3d4e5 → StringLike aws:PrincipalOrgID o-*'],
        conditions: ['StringLike aws:PrincipalOrgID o-*'],
        statements: [expect.objectContaining({ line: 18 })],
        previous: [expect.objectContaining({ file: shown(diffFixture('shared-old.yaml')), line: 18 })],
      }),
    ]);
    expect((await runCli(args)).stdout).toBe(run.stdout);
  });

  it('pairs the stacks of two cdk.out folders by stack name, and lists new and removed stacks', async () => {
    const run = await runCli(['diff', diffFixture('cdk-out-old'), diffFixture('cdk-out-new'), '--format', 'json', '--fail-on-new-access']);
    expect(run.code).toBe(1);
    const report = json(run.stdout);
    expect(report.stacks.map((s) => [s.stack, s.status, s.old, s.new])).toEqual([
      ['OrdersStack', 'compared', shown(diffFixture('cdk-out-old/OrdersStack.template.json')), shown(diffFixture('cdk-out-new/OrdersStack.template.json'))],
      ['AuditStack', 'added', undefined, shown(diffFixture('cdk-out-new/AuditStack.template.json'))],
      [
        'Prod-Ingest',
        'compared',
        shown(diffFixture('cdk-out-old/assembly-Prod/ProdIngest5E1B7C3A.template.json')),
        shown(diffFixture('cdk-out-new/assembly-Prod/ProdIngestStackC0FFEE42.template.json')),
      ],
      ['LegacyStack', 'removed', shown(diffFixture('cdk-out-old/LegacyStack.template.json')), undefined],
    ]);
    expect(report.stacks[0]!.renamed.map((r) => `${r.from} → ${r.to}`)).toEqual(['HandlerServiceRoleFCDC14AE → ApiHandlerServiceRole5B0B3F5C', 'Handler886CB40B → ApiHandler1D4A2C3B']);
    const orders = report.changes.filter((c) => c.stack === 'OrdersStack');
    expect(orders.map((c) => [c.principal.id, c.kind, c.actions.map((a) => a.action)])).toEqual([
      ['ApiHandlerServiceRole5B0B3F5C', 'new-action', ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
    ]);
    expect(report.changes.filter((c) => c.stack === 'Prod-Ingest')).toEqual([]);
    const audit = report.changes.filter((c) => c.stack === 'AuditStack');
    expect(new Set(audit.map((c) => `${c.principal.id} ${c.kind}`))).toEqual(new Set(['AuditReaderRoleB3F1A6C2 new-principal', 'AWS:999988887777 new-principal']));
    // Who may now assume the role, and under what condition.
    expect(audit.filter((c) => c.principal.id === 'AWS:999988887777').map((c) => [c.resource, c.actions.map((a) => a.action), c.conditions])).toEqual([
      ['${AuditReaderRoleB3F1A6C2}', ['sts:AssumeRole'], ['StringEquals sts:ExternalId audit-2026']],
    ]);
  });

  it('reads a reference into another stack of the folder through that stack\'s pairing', async () => {
    const run = await runCli(['diff', diffFixture('cross-stack-old'), diffFixture('cross-stack-new'), '--format', 'json']);
    expect(run.code).toBe(0);
    const report = json(run.stdout);
    expect(report.stacks.map((s) => [s.stack, s.status, s.renamed.map((r) => `${r.from} → ${r.to} (${r.by})`)])).toEqual([
      ['data', 'compared', ['OrdersTable → OrderHistoryTable (definition)']],
      ['service', 'compared', []],
    ]);
    // The imported table is the same table: only the action the service gains is new.
    expect(report.changes.map((c) => [c.principal.id, c.kind, c.resource, c.actions.map((a) => a.action)])).toEqual([
      ['ServiceRole', 'new-action', 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${data/OrderHistoryTable}', ['dynamodb:PutItem']],
    ]);
  });

  it('keeps the text readable when a new role gets an AWS-managed policy with hundreds of resources', async () => {
    const run = await runCli(['diff', diffFixture('cdk-out-old'), diffFixture('cdk-out-new')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${shown(diffFixture('cdk-out-new/AuditStack.template.json'))} (stack AuditStack is new: all its access is new)`);
    expect(run.stdout).toMatch(/\n {4}\(\+\d+ more resources; --format json lists them all\)\n/);
    expect(run.stdout).toContain(`stack LegacyStack (${shown(diffFixture('cdk-out-old/LegacyStack.template.json'))}) is only in OLD`);
    expect(run.stdout).not.toContain('Prod-Ingest');
  });

  it('takes parameter values for both versions: a condition Fn::If drops only when Stage is not prod', async () => {
    const args = ['diff', diffFixture('shared-old.yaml'), diffFixture('shared-if-condition.yaml'), '--fail-on-new-access'];
    const open = await runCli(args);
    expect(open.code).toBe(1);
    expect(open.stdout).toContain(`granted at ${shown(diffFixture('shared-if-condition.yaml'))}:24 (when IsProduction is false)`);
    expect(open.stdout).toContain('weaker conditions on arn:${AWS::Partition}:s3:::${Reports}/shared/*: Read: s3:GetObject; was condition removed: StringEquals aws:PrincipalOrgID o-a1b2c3d4e5');
    expect((await runCli([...args, '-p', 'Stage=prod'])).code).toBe(0);
    expect((await runCli([...args, '-p', 'Stage=dev'])).code).toBe(1);
  });

  it('writes the report to --output', async () => {
    const out = join(tempDir('diff'), 'diff.json');
    const run = await runCli(['diff', diffFixture('shared-old.yaml'), diffFixture('shared-public.yaml'), '-f', 'json', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(json(readFileSync(out, 'utf8')).changes.map((c) => `${c.principal.id} ${c.kind}`)).toEqual(['* new-principal']);
  });

  it('exits 2 with file:line:column when NEW cannot be read, even with new access elsewhere', async () => {
    const broken = join(fixtures, 'cli', 'broken.yaml');
    const run = await runCli(['diff', diffFixture('worker-old.yaml'), broken, '--format', 'json', '--fail-on-new-access']);
    expect(run.code).toBe(2);
    const report = json(run.stdout);
    expect(report.errors).toEqual([expect.objectContaining({ file: shown(broken), line: expect.any(Number), column: expect.any(Number) })]);
    expect(run.stderr).toMatch(new RegExp(`^${shown(broken).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `));
    // The older stack is not reported as removed: its newer version may be the one that failed.
    expect(report.stacks.map((s) => s.status)).toEqual(['not-compared']);
  });

  it('exits 2 when OLD does not exist, without calling everything in NEW new', async () => {
    const run = await runCli(['diff', diffFixture('no-such-template.yaml'), diffFixture('worker-old.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`error: ${shown(diffFixture('no-such-template.yaml'))}:1:1: `);
    expect(run.stdout).toContain('stack worker-old');
    expect(run.stdout).toContain('not compared: the other side has inputs that could not be read');
    expect(run.stdout).not.toContain('new principal');
  });

  it('exits 2 when a side holds no template: an unsynthesized cdk.out must not pass the gate', async () => {
    const empty = tempDir('diff-empty');
    const run = await runCli(['diff', diffFixture('worker-old.yaml'), empty, '--fail-on-new-access']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`error: ${shown(empty)}:1:1: no template files here`);
  });

  it('exits 2 on a usage error', async () => {
    expect((await runCli(['diff', diffFixture('worker-old.yaml')])).code).toBe(2);
    expect((await runCli(['diff', diffFixture('worker-old.yaml'), diffFixture('worker-old.yaml'), '--format', 'sarif'])).code).toBe(2);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A template as a refactoring leaves it: every logical id renamed (references, `DependsOn` and
 * `Fn::Sub` included), resources, statements and action lists in reverse order.
 */
function refactored(template: { Resources?: Record<string, Json> } & Record<string, Json>): Record<string, Json> {
  const ids = new Set(Object.keys(template.Resources ?? {}));
  const id = (name: Json): Json => (typeof name === 'string' && ids.has(name) ? `Moved${name}` : name);
  const sub = (text: string) => text.replace(/\$\{([A-Za-z0-9]+)(?=[.}])/g, (whole, name: string) => (ids.has(name) ? `\${Moved${name}` : whole));
  const walk = (value: Json, key = ''): Json => {
    if (Array.isArray(value)) {
      const items = value.map((v) => walk(v));
      return key === 'Statement' || key === 'Action' ? items.reverse() : key === 'DependsOn' ? items.map(id) : items;
    }
    if (value === null || typeof value !== 'object') return key === 'DependsOn' || key === 'Ref' ? id(value) : value;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return { 'Fn::GetAtt': [id(getAtt[0]!), ...getAtt.slice(1)] };
    const subArgument = value['Fn::Sub'];
    if (typeof subArgument === 'string') return { 'Fn::Sub': sub(subArgument) };
    if (Array.isArray(subArgument) && typeof subArgument[0] === 'string') return { 'Fn::Sub': [sub(subArgument[0]), walk(subArgument[1]!)] };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
  };
  if (template.Resources === undefined) return template;
  const resources = Object.entries(template.Resources).reverse().map(([name, resource]) => [id(name) as string, walk(resource)]);
  return { ...(walk(template) as Record<string, Json>), Resources: Object.fromEntries(resources) };
}

const snapshot = join(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'corpus',
  'public',
  'awslabs__aws-solutions-constructs/source/use_cases/aws-restaurant-management-demo/test/integ.basic-deployment.js.snapshot',
);

(existsSync(snapshot) ? describe : describe.skip)('iamgate diff on a refactored CDK app (corpus: aws-solutions-constructs restaurant demo, 6 stacks)', () => {
  const folder = tempDir('diff-cdk');
  const [older, newer] = [join(folder, 'old'), join(folder, 'new')];
  beforeAll(() => {
    cpSync(snapshot, older, { recursive: true });
    cpSync(snapshot, newer, { recursive: true });
    for (const file of readdirSync(newer).filter((f) => f.endsWith('.template.json'))) {
      const path = join(newer, file);
      writeFileSync(path, JSON.stringify(refactored(JSON.parse(readFileSync(path, 'utf8'))), null, 1));
    }
  });

  it('every logical id renamed and every list reversed, across stacks that import from each other: no new access', async () => {
    const run = await runCli(['diff', older, newer, '--format', 'json', '--fail-on-new-access']);
    expect(run.code).toBe(0);
    const report = json(run.stdout);
    expect(report.changes).toEqual([]);
    expect(report.stacks.map((s) => [s.stack, s.status])).toEqual(
      ['ExistingResourcesStack', 'SharedStack', 'ServiceStaffStack', 'KitchenStaffStack', 'ManagerStack'].map((stack) => [stack, 'compared']),
    );
    expect(report.stacks.flatMap((s) => s.renamed).filter((r) => r.type === 'AWS::IAM::Role').length).toBeGreaterThan(6);
  });

  it('a statement added among the renames is the only change', async () => {
    const manager = join(newer, 'ManagerStack.template.json');
    const template = JSON.parse(readFileSync(manager, 'utf8')) as { Resources: Record<string, { Properties: { PolicyDocument: { Statement: Json[] } } }> };
    template.Resources['MovedgetallordersLambdaFunctionServiceRoleDefaultPolicy705A0D9A']!.Properties.PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: '*',
    });
    writeFileSync(manager, JSON.stringify(template, null, 1));
    const run = await runCli(['diff', older, newer, '--format', 'json', '--fail-on-new-access']);
    expect(run.code).toBe(1);
    expect(json(run.stdout).changes.map((c) => [c.stack, c.principal.id, c.kind, c.resource, c.actions.map((a) => a.action)])).toEqual([
      ['ManagerStack', 'MovedgetallordersLambdaFunctionServiceRole8AF6EF71', 'new-action', '*', ['sqs:SendMessage']],
    ]);
  });
});
