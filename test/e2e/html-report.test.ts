/**
 * The HTML report in a real browser: headless Chromium (the Debian package `chromium`, which
 * `.ci/run` installs) driven by playwright-core. One browser for the whole file. Skipped, with a
 * message saying so, only when no Chromium is installed.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../cli/run-cli';
import type { JsonReport } from '../../src/report/json';
import type { AccessRow } from '../../src/report/access';

// The sample app imports `iamgate/cdk`: this package's CDK entry point, from source.
jest.mock('iamgate/cdk', () => jest.requireActual('../../src/cdk'), { virtual: true });

const root = join(__dirname, '..', '..');
const artifacts = join(root, 'test', 'artifacts');

/** `IAMGATE_CHROMIUM`, else the first Chromium on PATH. */
function findChromium(): string | undefined {
  const candidates = [
    process.env.IAMGATE_CHROMIUM,
    ...(process.env.PATH ?? '').split(delimiter).flatMap((dir) => ['chromium', 'chromium-browser'].map((name) => join(dir, name))),
  ];
  return candidates.find((file): file is string => {
    if (!file) return false;
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const executablePath = findChromium();
if (!executablePath) {
  console.warn('test/e2e/html-report.test.ts SKIPPED: no Chromium installed (apt-get install chromium, or set IAMGATE_CHROMIUM).');
}
const describeInBrowser = executablePath ? describe : describe.skip;

/** The sample CDK app (sample-templates/cdk-app), deployed as two stacks, synthesized as the CDK CLI would. */
function synthesizeSampleApp(outdir: string): void {
  const { OrdersStack } = require('../../sample-templates/cdk-app/lib/orders-stack') as { OrdersStack: new (scope: App, id: string) => Stack };
  const app = new App({ outdir, builtinCloudFormationValidation: false, context: { 'aws:cdk:enable-path-metadata': true } });
  new OrdersStack(app, 'OrdersStaging');
  new OrdersStack(app, 'OrdersProd');
  app.synth();
}

/** `templates` files of `roles` roles each: every role reads the shared bucket, every tenth may rewrite its policy. */
function largeApp(folder: string, templates: number, roles: number): void {
  for (let t = 0; t < templates; t++) {
    const resources: Record<string, unknown> = { Shared: { Type: 'AWS::S3::Bucket' } };
    for (let r = 0; r < roles; r++) {
      const actions = r % 10 === 0 ? ['s3:GetObject', 's3:PutBucketPolicy'] : ['s3:GetObject'];
      resources[`Tenant${t}Role${r}`] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [
            {
              PolicyName: 'shared',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: [{ 'Fn::GetAtt': ['Shared', 'Arn'] }, { 'Fn::Sub': '${Shared.Arn}/*' }] }] },
            },
          ],
        },
      };
    }
    writeFileSync(join(folder, `tenant-${t}.json`), JSON.stringify({ Resources: resources }, null, 2));
  }
}

const count = async (page: Page, key: string) => Number(await page.locator(`[data-count="${key}"] .value`).textContent());

describeInBrowser('HTML report in headless Chromium', () => {
  let browser: Browser;
  let work: string;
  let cdkOut: string;
  let json: JsonReport;
  let access: AccessRow[];
  let page: Page;
  /** Requests other than the report file itself, and script errors: both must stay empty. */
  const requests: string[] = [];
  const pageErrors: string[] = [];

  async function open(file: string): Promise<Page> {
    const opened = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    opened.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    opened.on('pageerror', (error) => pageErrors.push(String(error)));
    opened.on('dialog', (dialog) => {
      pageErrors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await opened.goto(pathToFileURL(file).href);
    return opened;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'iamgate-html-e2e-'));
    cdkOut = join(work, 'cdk.out');
    synthesizeSampleApp(cdkOut);
    const report = join(work, 'report.html');
    const html = await runCli(['scan', cdkOut, '--format', 'html', '-o', report]);
    const scanned = await runCli(['scan', cdkOut, '--format', 'json']);
    expect(html.code).toBe(scanned.code);
    json = JSON.parse(scanned.stdout) as JsonReport;
    access = (JSON.parse((await runCli(['access', cdkOut, '--format', 'json'])).stdout) as { access: AccessRow[] }).access;
    // Root has no user namespace for Chromium's sandbox; elsewhere the sandbox stays on.
    browser = await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await open(report);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows the summary counts of the JSON report, and its verdict', async () => {
    expect(json.summary.templates).toBe(2);
    expect(await count(page, 'templates')).toBe(json.summary.templates);
    expect(await count(page, 'policies')).toBe(json.summary.policies);
    expect(await count(page, 'statements')).toBe(json.summary.statements);
    expect(await count(page, 'findings-error')).toBe(json.summary.findings.error);
    expect(await count(page, 'findings-warning')).toBe(json.summary.findings.warning);
    expect(await count(page, 'findings-info')).toBe(json.summary.findings.info);
    expect(await count(page, 'suppressed')).toBe(json.summary.suppressed);
    expect(json.summary.findings.error).toBeGreaterThan(0);
    await expect(page.locator('#verdict').textContent()).resolves.toBe('FAIL');
    const byRule = await page.locator('[data-rule="public-access"] td').allTextContents();
    expect(byRule.slice(2, 3)).toEqual([String(json.findings.filter((f) => f.ruleId === 'public-access' && !f.suppressed && f.severity === 'error').length)]);
  });

  it('maps every entry of `iamgate access`, one matrix per stack, public edges marked', async () => {
    expect(await page.locator('#access .group').count()).toBe(2);
    expect(await page.locator('#access .matrix .cell').count()).toBe(access.length);
    expect(await count(page, 'resources')).toBe(new Set(access.map((r) => `${r.file}|${r.resource.logicalId}`)).size);
    const principals = new Set(access.map((r) => `${r.file}|${r.principal.id}`)).size;
    expect(await count(page, 'principals')).toBe(await page.locator('#access .row-head').count());
    expect(await count(page, 'principals')).toBeGreaterThanOrEqual(principals);
    const publicRows = access.filter((r) => r.path === 'public' && r.allowed.length > 0);
    expect(publicRows.map((r) => r.resource.logicalId)).toEqual([expect.stringMatching(/^PublicSite/), expect.stringMatching(/^PublicSite/)]);
    expect(await page.locator('#access .matrix .cell.mark-public').count()).toBe(publicRows.length);
    expect(await count(page, 'public-edges')).toBe(publicRows.length);
  });

  it('shows the statements that grant a principal its access, with file:line', async () => {
    const role = access.find((r) => r.stack === 'OrdersProd' && r.principal.id.startsWith('OrdersApiServiceRole'))!;
    const row = page.locator('#access .group[data-stack="OrdersProd"] .row-head', { hasText: role.principal.id });
    await row.click();
    const panel = page.locator('#panel');
    await expect(panel.isVisible()).resolves.toBe(true);
    const text = (await panel.textContent()) ?? '';
    const refs = access.filter((r) => r.file === role.file && r.principal.id === role.principal.id).flatMap((r) => r.allowed.flatMap((l) => l.statements));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(text).toContain(`${ref.file}:${ref.line}`);
    expect(text).toMatch(/OrdersProd\.template\.json:\d+/);
    await page.screenshot({ path: join(artifacts, 'html-report-principal.png') });
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(panel.isVisible()).resolves.toBe(false);
  });

  it('shows who reaches a resource, and the statement that lets the public in', async () => {
    const [open] = access.filter((r) => r.stack === 'OrdersStaging' && r.path === 'public');
    await page.locator('#access .group[data-stack="OrdersStaging"] .col-head', { hasText: open!.resource.logicalId }).click();
    const text = (await page.locator('#panel').textContent()) ?? '';
    expect(text).toContain('Anyone (*)');
    expect(text).toContain(`${open!.file}:${open!.allowed[0]!.statements[0]!.line}`);
    await page.keyboard.press('Escape');
    await expect(page.locator('#panel').isVisible()).resolves.toBe(false);
  });

  it('filters the findings by rule and stack, and the access map by name', async () => {
    const active = json.findings.filter((f) => !f.suppressed);
    await page.selectOption('#filter-rule', 'public-access');
    expect(await page.locator('#findings tbody tr:visible').count()).toBe(active.filter((f) => f.ruleId === 'public-access').length);
    await page.selectOption('#filter-stack', 'OrdersStaging');
    const staging = active.filter((f) => f.ruleId === 'public-access' && f.stack === 'OrdersStaging');
    expect(staging.length).toBe(1);
    expect(await page.locator('#findings tbody tr:visible').count()).toBe(1);
    await expect(page.locator('#findings tbody tr:visible a').getAttribute('href')).resolves.toMatch(/^https:\/\/.*public-access/);
    await page.selectOption('#filter-rule', '');
    await page.selectOption('#filter-stack', '');

    await page.check('#outside-only');
    expect(await page.locator('#access .row-head:visible').count()).toBe(2);
    await expect(page.locator('#access .row-head:visible').first().textContent()).resolves.toContain('Anyone');
    await page.uncheck('#outside-only');
    // A search keeps the principals it names and those that reach a resource it names.
    await page.fill('#access-search', 'archiver');
    const named = access.filter((r) => `${r.principal.id} ${r.resource.logicalId}`.toLowerCase().includes('archiver'));
    expect(await page.locator('#access .row-head:visible').count()).toBe(new Set(named.map((r) => `${r.file}|${r.principal.id}`)).size);
    expect(await page.locator('#access .row-head:visible', { hasText: 'ArchiverBEF44C92' }).count()).toBe(2);
    await page.fill('#access-search', '');
    await page.screenshot({ path: join(artifacts, 'html-report.png'), fullPage: true });
  });

  it('shows names that carry markup as text, and runs none of it', async () => {
    const report = join(work, 'hostile.html');
    await runCli(['scan', join(root, 'test', 'fixtures', 'reports', 'html', 'hostile.yaml'), '--format', 'html', '-o', report]);
    const hostile = await open(report);
    expect(await hostile.locator('img').count()).toBe(0);
    expect(await hostile.locator('script').count()).toBe(2);
    await expect(hostile.locator('#access .col-head .id').first().textContent()).resolves.toBe('Data</script><img src=x onerror=alert(1)>');
    await hostile.close();
  });

  it('stays usable with 200 roles over 8 stacks: the stacks start collapsed, the search finds one role', async () => {
    const folder = join(work, 'large');
    mkdirSync(folder);
    largeApp(folder, 8, 25);
    const report = join(work, 'large.html');
    await runCli(['scan', folder, '--format', 'html', '-o', report]);
    const large = await open(report);
    expect(await count(large, 'principals')).toBe(8 * (25 + 1)); // each template's roles, and the Lambda service that assumes them
    expect(await large.locator('#access .group.collapsed').count()).toBe(8);
    await large.fill('#access-search', 'Tenant2Role17');
    // The role, and the service that may assume it.
    expect(await large.locator('#access .row-head:visible').allTextContents()).toEqual([expect.stringContaining('Tenant2Role17'), expect.stringContaining('lambda.amazonaws.com')]);
    expect(await large.locator('#access .group:not(.collapsed)').count()).toBe(1);
    await large.locator('#access .row-head:visible', { hasText: 'Tenant2Role17' }).click();
    await expect(large.locator('#panel').textContent()).resolves.toMatch(/tenant-2\.json:\d+/);
    await large.close();
  });

  it('fetched nothing from the network and raised no script error', () => {
    expect(requests).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(readFileSync(join(work, 'report.html'), 'utf8')).not.toMatch(/<(link|img|iframe)\b|\ssrc=/i);
  });
});
