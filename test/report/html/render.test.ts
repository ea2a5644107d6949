import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanTemplate } from '../../../src/engine/scan';
import { formatReport } from '../../../src/report';
import { accessCollector } from '../../../src/report/html/access-data';
import { formatHtml, scriptSafeJson } from '../../../src/report/html/render';
import { buildHtmlView } from '../../../src/report/html/view-model';
import { PAGE_SCRIPT } from '../../../src/report/html/page-script';
import { PAGE_STYLE } from '../../../src/report/html/page-style';
import type { JsonReport } from '../../../src/report/json';
import { runCli } from '../../cli/run-cli';

const root = join(__dirname, '..', '..', '..');
const HTML = join(root, 'test', 'fixtures', 'reports', 'html');

/** The text of the page's data element, as the browser hands it to the page's script. */
function embeddedData(html: string): unknown {
  const match = /<script type="application\/json" id="iamgate-data">([^]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no data element');
  return JSON.parse(match[1]!);
}

function renderFixture(name: string, file = name): string {
  const collector = accessCollector(undefined);
  const result = scanTemplate(readFileSync(join(HTML, name), 'utf8'), { file, onTemplate: collector.onTemplate });
  return formatHtml(result, collector.stacks);
}

describe('scriptSafeJson', () => {
  it('leaves nothing that ends a script element or opens a comment, and reads back unchanged', () => {
    const value = { name: '</script><script>alert(1)</script>', comment: '<!-- x -->', amp: 'a && b', lines: 'a\u2028b\u2029c', quote: '"\\' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('HTML report page', () => {
  it('keeps markup in template names inside the data, where the script reads it as text', () => {
    const html = renderFixture('hostile.yaml', 'x</script><img src=x onerror=alert(0)>.yaml');
    // Only the page's own two script elements, and not one element from the template.
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img/i);
    const data = embeddedData(html) as ReturnType<typeof buildHtmlView>;
    expect(data.groups[0]!.resources.map((r) => r.logicalId)).toContain('Data</script><img src=x onerror=alert(1)>');
    expect(data.groups[0]!.principals.map((p) => p.id)).toContain('Role<img src=x onerror=alert(3)>');
    // The file name also appears in the page head, escaped.
    expect(html).toContain('x&lt;/script&gt;&lt;img src=x onerror=alert(0)&gt;.yaml');
  });

  it('embeds exactly the view model', () => {
    const collector = accessCollector(undefined);
    const result = scanTemplate(readFileSync(join(HTML, 'app.yaml'), 'utf8'), { file: 'app.yaml', onTemplate: collector.onTemplate });
    expect(embeddedData(formatHtml(result, collector.stacks))).toEqual(JSON.parse(JSON.stringify(buildHtmlView(result, collector.stacks))));
  });

  it('loads nothing: inline style and script only, and a policy that forbids fetching', () => {
    const html = renderFixture('app.yaml');
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b|\ssrc=/i);
    expect(PAGE_STYLE).not.toMatch(/@import|url\(/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(PAGE_SCRIPT).not.toMatch(/fetch\(|XMLHttpRequest|innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it('says on the page when it was made without access data', () => {
    const result = scanTemplate(readFileSync(join(HTML, 'app.yaml'), 'utf8'), { file: 'app.yaml' });
    const data = embeddedData(formatReport(result, 'html', { color: false })) as ReturnType<typeof buildHtmlView>;
    expect(data.accessCollected).toBe(false);
    expect(data.summary.findings.error).toBeGreaterThan(0);
  });
});

describe('scan --format html', () => {
  const out = mkdtempSync(join(tmpdir(), 'iamgate-html-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each([
    ['one template', [join(HTML, 'app.yaml')]],
    ['a folder', [join(root, 'sample-templates')]],
    ['a cdk.out with several stacks', [join(root, 'test', 'fixtures', 'template', 'synthetic-cdk-out')]],
  ])('reports %s with the exit code and summary of --format json', async (_, paths) => {
    const file = join(out, 'report.html');
    const html = await runCli(['scan', ...paths, '--format', 'html', '-o', file]);
    const json = await runCli(['scan', ...paths, '--format', 'json']);
    expect(html.code).toBe(json.code);
    const report = JSON.parse(json.stdout) as JsonReport;
    const page = readFileSync(file, 'utf8');
    const data = embeddedData(page) as ReturnType<typeof buildHtmlView>;
    expect(data.summary).toMatchObject({ templates: report.summary.templates, findings: report.summary.findings, suppressed: report.summary.suppressed });
    expect(data.groups.map((g) => g.file)).toEqual(expect.arrayContaining([...new Set(report.findings.map((f) => f.file))]));
    expect(data.groups).toHaveLength(report.summary.templates);
    // Small enough to attach to a CI run.
    expect(page.length).toBeLessThan(120_000);
  });

  it('writes the same page for the same inputs, in whatever order they are named', async () => {
    const [bad, good] = [join(root, 'sample-templates', 'bad'), join(root, 'sample-templates', 'good')];
    const [a, b] = [await runCli(['scan', bad, good, '--format', 'html']), await runCli(['scan', good, bad, '--format', 'html'])];
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  it('keeps its own weight small: style and script under 48 KB', () => {
    expect(PAGE_SCRIPT.length + PAGE_STYLE.length).toBeLessThan(48_000);
  });
});
