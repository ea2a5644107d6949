'use strict';
/**
 * One measurement, in a process of its own so that its peak RSS is its own. Prints one JSON line.
 *
 *   node bench/measure.js parse FILE_LIST      read and parse each file alone (JSON.parse / the yaml package)
 *   node bench/measure.js scan FILE_LIST|DIR JOBS   iamgate's full scan (dist/), as the CLI runs it
 *   node bench/measure.js stages FILE_LIST|DIR  the same files, CPU time per stage (one thread)
 *   node bench/measure.js cli DIR JOBS          the CLI itself (bin/iamgate.js, JSON report to a
 *                                               temporary file): its peak RSS is what a user sees
 *
 * FILE_LIST is a file with one path per line (the same files for both modes); a DIR is scanned as
 * the CLI would scan it (cdk.out assemblies included).
 */
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');

function elapsed(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function cpuMs(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

function listed(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** The physical limit: the bytes read and parsed by the parser each format needs, nothing else. */
function measureParse(files) {
  const YAML = require('yaml');
  const { shortFormTags } = require(path.join(dist, 'template', 'yaml-tags'));
  const options = { customTags: shortFormTags, uniqueKeys: false, maxAliasCount: -1, logLevel: 'silent' };
  const totals = { json: { files: 0, bytes: 0, ms: 0 }, yaml: { files: 0, bytes: 0, ms: 0 }, unparsable: 0 };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const file of files) {
    const begin = process.hrtime.bigint();
    const text = fs.readFileSync(file, 'utf8');
    // As iamgate decides: by extension, and `.template` files by their first character.
    const kind = /\.json$/i.test(file) || (!/\.ya?ml$/i.test(file) && /^\s*\{/.test(text)) ? 'json' : 'yaml';
    try {
      if (kind === 'json') JSON.parse(text);
      else YAML.parse(text, options);
    } catch {
      // Broken files are part of real corpora; they still cost their parse attempt.
      totals.unparsable += 1;
    }
    totals[kind].files += 1;
    totals[kind].bytes += Buffer.byteLength(text);
    totals[kind].ms += elapsed(begin);
  }
  return { ms: elapsed(start), cpuMs: cpuMs(cpu), ...totals, peakRssMb: peakRssMb() };
}

async function measureScan(target, jobs) {
  const loadStart = process.hrtime.bigint();
  const { scan } = require(path.join(dist, 'engine', 'scan'));
  const loadMs = elapsed(loadStart);
  const paths = fs.statSync(target).isDirectory() ? [target] : listed(target);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await scan(paths, { jobs, config: { failOn: 'none' } });
  const ms = elapsed(start);
  const withFindings = new Set(result.findings.map((f) => f.location.file)).size;
  return {
    ms,
    cpuMs: cpuMs(cpu),
    loadMs,
    files: result.files,
    templates: result.templates.length,
    policies: result.templates.reduce((n, t) => n + t.policies, 0),
    statements: result.templates.reduce((n, t) => n + t.statements, 0),
    findings: result.findings.length,
    withFindings,
    errors: result.errors.length,
    internalErrors: result.errors.filter((e) => /internal error/.test(e.message)).length,
    peakRssMb: peakRssMb(),
  };
}

/**
 * Where a scan's time goes, file by file in one thread: loading (decode, parse, shape), then the
 * analysis without rules (resolve, extract) and with them. Rules = the difference.
 */
async function measureStages(target) {
  const paths = fs.statSync(target).isDirectory() ? [target] : listed(target);
  const { discoverTemplates, readTemplate } = require(path.join(dist, 'template'));
  const { analyzeTemplate } = require(path.join(dist, 'engine', 'analyze-template'));
  const { resolveConfig } = require(path.join(dist, 'engine', 'scan'));
  const { builtinRules } = require(path.join(dist, 'rules', 'registry'));
  const config = resolveConfig({ failOn: 'none' });
  const { inputs } = await discoverTemplates(paths);
  const stages = { loadMs: 0, resolveExtractMs: 0, analyzeMs: 0 };
  for (const input of inputs) {
    let start = process.cpuUsage();
    const loaded = readTemplate(input);
    stages.loadMs += cpuMs(start);
    if (loaded.status !== 'loaded') continue;
    start = process.cpuUsage();
    analyzeTemplate(loaded.template, { rules: [], config });
    stages.resolveExtractMs += cpuMs(start);
    start = process.cpuUsage();
    analyzeTemplate(loaded.template, { rules: builtinRules, config });
    stages.analyzeMs += cpuMs(start);
  }
  return { loadMs: stages.loadMs, resolveExtractMs: stages.resolveExtractMs, rulesMs: stages.analyzeMs - stages.resolveExtractMs };
}

/**
 * bin/iamgate.js run in this process as `iamgate scan DIR --jobs JOBS`: findings spooled to disk,
 * its heap settings, its worker threads. The report is read for its counts only once the peak RSS
 * is taken.
 */
function measureCli(target, jobs) {
  const report = path.join(require('node:os').tmpdir(), `iamgate-bench-report-${process.pid}.json`);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  process.on('exit', () => {
    const run = { ms: elapsed(start), cpuMs: cpuMs(cpu), peakRssMb: peakRssMb() };
    const { summary, findings, errors } = JSON.parse(fs.readFileSync(report, 'utf8'));
    fs.rmSync(report);
    const counts = {
      files: summary.files,
      templates: summary.templates,
      policies: summary.policies,
      statements: summary.statements,
      findings: findings.length,
      withFindings: new Set(findings.map((finding) => finding.file)).size,
      errors: errors.length,
      internalErrors: errors.filter((error) => /internal error/.test(error.message)).length,
    };
    process.stdout.write(JSON.stringify({ ...run, ...counts }) + '\n');
    process.exitCode = 0;
  });
  process.argv = [process.execPath, path.join(__dirname, '..', 'bin', 'iamgate.js'), 'scan', target, '--jobs', String(jobs), '--fail-on', 'none', '--format', 'json', '-o', report];
  require(process.argv[1]);
}

async function main() {
  const [mode, target, jobs] = process.argv.slice(2);
  if (mode === 'cli') return measureCli(target, Number(jobs));
  const out =
    mode === 'parse' ? measureParse(listed(target)) : mode === 'stages' ? await measureStages(target) : await measureScan(target, Number(jobs ?? 1));
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
