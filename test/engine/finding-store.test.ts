/**
 * The CLI spools findings to a temporary file instead of holding them (memory follows the largest
 * template, not the repository). Everything read back must be what the in-memory scan gives: the
 * same findings in the same order, the same baseline verdicts, and byte-identical reports.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, scanSpooled, scanTemplate } from '../../src/engine/scan';
import { buildBaseline } from '../../src/engine/baseline';
import { memoryStore, spoolStore } from '../../src/engine/finding-store';
import { formatReport, REPORT_FORMATS } from '../../src/report';
import { sourceRoot } from '../../src/cli/source-root';
import type { CliIO } from '../../src/cli/io';
import type { Finding } from '../../src/rules/types';

const root = join(__dirname, '..', '..');
const PATHS = ['sample-templates', 'test/fixtures/reports/app.yaml', 'test/fixtures/reports/broken.yaml', 'test/fixtures/template/synthetic-cdk-out'];
const NOW = new Date('2026-06-01T12:00:00Z');
const readSource = (file: string) => readFileSync(join(root, file), 'utf8');

// The spool's temporary folder is made here, so that the tests can see it made and removed.
let spoolDir: string;
beforeAll(() => {
  spoolDir = mkdtempSync(join(tmpdir(), 'iamgate-spool-test-'));
});
afterAll(() => rmSync(spoolDir, { recursive: true, force: true }));

describe('spooled findings', () => {
  it('read back the findings of the in-memory scan, in the same order, and every report is byte-identical', async () => {
    const inMemory = await scan(PATHS, { cwd: root, now: NOW });
    const spooled = await scanSpooled(PATHS, { cwd: root, now: NOW }, spoolDir);
    try {
      expect(inMemory.findings.length).toBeGreaterThan(10);
      expect(new Set(inMemory.findings.map((f) => f.location.file)).size).toBeGreaterThan(5);
      expect(spooled.findings.length).toBe(inMemory.findings.length);
      expect(readdirSync(spoolDir)).toHaveLength(1);
      // Read twice: reports pass over the findings more than once.
      expect([...spooled.findings]).toEqual(inMemory.findings);
      expect([...spooled.findings]).toEqual(inMemory.findings);
      for (const format of REPORT_FORMATS) {
        expect(formatReport(spooled, format, { color: false, readSource })).toBe(formatReport(inMemory, format, { color: false, readSource }));
      }
    } finally {
      spooled.findings.close();
    }
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('give the same baseline verdicts: known findings marked, new ones not, the same summary', async () => {
    const known = await scan(['sample-templates/bad'], { cwd: root, now: NOW });
    // Half of today's findings are known; the rest are new.
    const baseline = { baseline: buildBaseline(known.findings.filter((_f, i) => i % 2 === 0)), file: 'iamgate-baseline.json' };
    const inMemory = await scan(PATHS, { cwd: root, now: NOW, baseline });
    const spooled = await scanSpooled(PATHS, { cwd: root, now: NOW, baseline }, spoolDir);
    try {
      const marked = inMemory.findings.filter((f) => f.suppressed?.source === 'baseline');
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.length).toBeLessThan(inMemory.findings.length);
      expect([...spooled.findings]).toEqual(inMemory.findings);
      expect(spooled.baseline).toEqual(inMemory.baseline);
      expect(formatReport(spooled, 'sarif', { color: false })).toBe(formatReport(inMemory, 'sarif', { color: false }));
    } finally {
      spooled.findings.close();
    }
  });

  it('sort findings added file by file in any order, a file in several pieces, as the in-memory store does', () => {
    const findingsOf = (file: string) =>
      scanTemplate(readFileSync(join(root, 'sample-templates', 'bad', file), 'utf8'), { file, now: NOW }).findings;
    const admin = findingsOf('admin-role.yaml');
    const bucket = findingsOf('public-bucket.json');
    expect(admin.length).toBeGreaterThan(1);
    // Out of file order, and admin-role.yaml split in two reversed pieces (stacks that import values are scanned last).
    const pieces: Finding[][] = [bucket, admin.slice(1).reverse(), admin.slice(0, 1)];
    const memory = memoryStore();
    const spool = spoolStore(spoolDir);
    for (const piece of pieces) {
      memory.add(piece);
      spool.add(piece);
    }
    const expected = memory.finish().findings;
    expect(expected[0]!.location.file).toBe('admin-role.yaml');
    const { findings } = spool.finish();
    expect([...findings]).toEqual(expected);
    findings.close();
  });

  it('leave no temporary file behind when the scan fails', async () => {
    expect(readdirSync(spoolDir)).toEqual([]);
    await expect(scanSpooled(PATHS, { cwd: root, now: NOW, onTemplate: () => { throw new Error('boom'); } }, spoolDir)).rejects.toThrow('boom');
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});

describe('iamgate scan streams its report', () => {
  it.each(['text', 'json', 'sarif', 'github', 'junit'])('prints, in %s, what the library formats from an in-memory scan, also to --output', async (format) => {
    const { runCli } = await import('../cli/run-cli');
    // The SARIF report of these is more than one flush of the output buffer (64 KB).
    const paths = [...PATHS, 'test/fixtures/cli'];
    // SARIF names the folder its files are named from (the repository, here the working folder).
    const rootUri = format === 'sarif' ? sourceRoot({ cwd: root, env: {} } as CliIO).uri : undefined;
    const expected = formatReport(await scan(paths, { cwd: root }), format as (typeof REPORT_FORMATS)[number], { color: false, readSource, rootUri });
    const run = await runCli(['scan', ...paths, '--format', format], { cwd: root });
    expect(run.stdout).toBe(expected);
    const file = join(spoolDir, `report.${format}`);
    await runCli(['scan', ...paths, '--format', format, '--output', file], { cwd: root });
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});
