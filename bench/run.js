'use strict';
/**
 * `npm run bench`: builds dist/, generates the seeded corpora (once per seed and scale, under
 * bench/.corpus/, not in git), then measures in one run, each figure in a fresh process:
 *
 * - per corpus: files, MB, statements, scan wall time (--jobs 1 and --jobs N), MB/s, peak RSS,
 *   and the ratio of the scan to parsing the same files alone (JSON.parse / the yaml package);
 * - cfn-guard (as bundled in @cdklabs/cdk-validator-cfnguard, with its IAM rules) beside iamgate
 *   on the same sample of files;
 * - CLI start-up plus one small template;
 * - the shared corpus of real templates (../shared/corpus/public), when present;
 * - the CDK synth benchmark (bench/cdk/run.js): iamgate's Aspect and Validator beside cdk-nag.
 *
 *   node bench/run.js [--quick] [--scale 1] [--seed 7] [--no-build] [--no-cdk] [--sample 300]
 *                     [--stage-sample 100] [--peer-sample 100] [--json FILE]
 *
 * The whole generated corpus (about 100 MB at scale 1) is scanned once, in parallel, for the
 * memory bound; the per-corpus figures come from a sample of `--sample` files spread over each
 * corpus, and the per-stage breakdown (which analyzes each file twice) from `--stage-sample` of
 * those, so that a full run stays within minutes. `--quick`: a tenth of the corpora, smaller
 * samples and one CDK run per variant.
 *
 * Figures are printed, never asserted: they depend on the machine (bench/RESULTS.md records them).
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateCorpora } = require('./generate');

const root = path.join(__dirname, '..');
const sharedCorpus = path.join(root, '..', 'shared', 'corpus', 'public');
const smallTemplate = path.join(root, 'sample-templates', 'good', 'lambda-s3-reader.yaml');
const guardPackage = path.join(root, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard');

function parseArgs(argv) {
  const args = { scale: 1, seed: 7, build: true, cdk: true, cdkRuns: 3, sample: 300, peerSample: 100, stageSample: 100, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-build') args.build = false;
    else if (flag === '--no-cdk') args.cdk = false;
    else if (flag === '--quick') Object.assign(args, { scale: 0.1, cdkRuns: 1, sample: 60, peerSample: 30, stageSample: 30 });
    else if (flag === '--sample') args.sample = Number(argv[++i]);
    else if (flag === '--stage-sample') args.stageSample = Number(argv[++i]);
    else if (flag === '--scale') args.scale = Number(argv[++i]);
    else if (flag === '--seed') args.seed = Number(argv[++i]);
    else if (flag === '--peer-sample') args.peerSample = Number(argv[++i]);
    else if (flag === '--json') args.json = path.resolve(argv[++i]);
    else throw new Error(`unknown option ${flag}`);
  }
  return args;
}

/** One folder per seed and scale, so that a quick run does not replace the full corpora. */
function corpusRootOf({ seed, scale }) {
  return path.join(__dirname, '.corpus', `seed-${seed}-scale-${scale}`);
}

function ensureCorpora({ seed, scale }) {
  const corpusRoot = corpusRootOf({ seed, scale });
  const stampFile = path.join(corpusRoot, 'stamp.json');
  if (fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.seed === seed && stamp.scale === scale) return;
  }
  console.log(`generating corpora (seed ${seed}, scale ${scale}) in ${path.relative(root, corpusRoot)}/ ...`);
  generateCorpora({ root: corpusRoot, seed, scale });
}

const NOT_TEMPLATES = /(^|\/)(manifest\.json|tree\.json|stamp\.json|cdk\.out|[^/]*\.assets\.json|[^/]*\.metadata\.json)$/;

/** Template files under `dir`, sorted: what both the parse baseline and the peer read. */
function templateFiles(dir) {
  const files = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (/\.(json|ya?ml|template)$/i.test(entry.name) && !NOT_TEMPLATES.test(full)) {
        files.push(full);
      }
    }
  };
  walk(dir);
  return files.sort();
}

function bytesOf(files) {
  return files.reduce((n, file) => n + fs.statSync(file).size, 0);
}

function fileList(files) {
  const list = path.join(os.tmpdir(), `iamgate-bench-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(list, files.join('\n'));
  return list;
}

/** Runs bench/measure.js in a fresh node process and returns its JSON line. */
function measure(...args) {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'measure.js'), ...args.map(String)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop());
}

function wallMs(command, args, env = process.env) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { stdio: 'ignore', env, maxBuffer: 1 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: run.status, error: run.error };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function guardBinary() {
  const platform = os.platform() === 'linux' ? 'ubuntu' : os.platform() === 'darwin' ? 'macos' : undefined;
  const arch = os.arch() === 'x64' ? 'x86_64' : os.arch() === 'arm64' ? 'aarch64' : undefined;
  if (!platform || !arch) return { missing: `no cfn-guard build for ${os.platform()}/${os.arch()}` };
  const binary = path.join(guardPackage, 'bin', platform, arch, 'cfn-guard');
  if (!fs.existsSync(binary)) return { missing: `${path.relative(root, binary)} not found (is @cdklabs/cdk-validator-cfnguard installed?)` };
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return { missing: `cfn-guard does not run here: ${probe.error?.message ?? probe.stderr}` };
  return { binary, version: probe.stdout.trim(), rules: path.join(guardPackage, 'rules', 'control-tower', 'cfn-guard', 'identityandaccessmanagement') };
}

/** Every k-th file: a sample spread over the whole corpus. */
function sample(files, size) {
  if (files.length <= size) return files;
  const step = files.length / size;
  return Array.from({ length: size }, (_, i) => files[Math.floor(i * step)]);
}

/**
 * The peer, run as the CDK plugin runs it (`validate --output-format json --structured`, which is
 * also its fastest output mode here), against iamgate's whole CLI process on the same files.
 */
function comparePeer(guard, files) {
  const args = ['validate', '--rules', guard.rules, ...files.flatMap((file) => ['--data', file]), '--output-format', 'json', '--show-summary', 'none', '--structured'];
  const peer = wallMs(guard.binary, args);
  const ours = wallMs(process.execPath, [path.join(root, 'bin', 'iamgate.js'), 'scan', '--jobs', '1', '--fail-on', 'none', '--format', 'json', ...files]);
  return { files: files.length, mb: bytesOf(files) / 1e6, guardMs: peer.ms, guardStatus: peer.status, iamgateMs: ours.ms, iamgateStatus: ours.status };
}

/**
 * `breakdown`: the parse-only baseline, the scan in one thread and in `jobs`, on a sample of
 * `sampleSize` files spread over the corpus (the whole corpus when smaller), and the time per
 * stage on `stageSample` of them; without it (the union of the generated corpora, for the memory
 * bound), only the CLI's scan of the whole folder: with the default `--jobs` (what a user gets)
 * and, where that differs, with `jobs`.
 */
function measureCorpus(name, dir, jobs, { breakdown, sampleSize, stageSample }) {
  const all = templateFiles(dir);
  if (!breakdown) {
    const { defaultJobs } = require(path.join(root, 'dist', 'engine', 'parallel'));
    const byDefault = measure('cli', dir, defaultJobs());
    const parallel = defaultJobs() === jobs ? undefined : measure('cli', dir, jobs);
    return { name, dir, templateFiles: all.length, mb: bytesOf(all) / 1e6, single: byDefault, defaultJobs: defaultJobs(), parallel, files: all };
  }
  const files = sample(all, sampleSize);
  const whole = files.length === all.length;
  const list = fileList(files);
  const target = whole ? dir : list;
  const parse = measure('parse', list);
  const single = measure('scan', target, 1);
  const parallel = jobs > 1 ? measure('scan', target, jobs) : undefined;
  fs.rmSync(list);
  const sampled = sample(files, stageSample);
  const sampleList = fileList(sampled);
  const stages = { ...measure('stages', sampleList), files: sampled.length, mb: bytesOf(sampled) / 1e6 };
  const sampleParse = measure('parse', sampleList);
  fs.rmSync(sampleList);
  const scope = whole ? undefined : { of: all.length, ofMb: bytesOf(all) / 1e6 };
  return { name, dir, templateFiles: files.length, mb: bytesOf(files) / 1e6, scope, parse, single, parallel, stages: { ...stages, parseMs: sampleParse.cpuMs }, files };
}

function startup() {
  const bin = path.join(root, 'bin', 'iamgate.js');
  const runs = (env) => {
    const node = median(Array.from({ length: 9 }, () => wallMs(process.execPath, ['-e', '0'], env).ms));
    const iamgate = median(Array.from({ length: 9 }, () => wallMs(process.execPath, [bin, 'scan', smallTemplate], env).ms));
    return { node, iamgate };
  };
  const asIs = runs(process.env);
  const { NODE_EXTRA_CA_CERTS, ...withoutCa } = process.env;
  return { asIs, withoutExtraCa: NODE_EXTRA_CA_CERTS === undefined ? undefined : runs(withoutCa) };
}

// --- printing ---

const f1 = (n) => n.toFixed(1);
const f0 = (n) => n.toFixed(0);

function printCorpus(c, jobs) {
  const s = c.single;
  const scope = c.scope ? `; a sample of ${c.templateFiles} of its ${c.scope.of} template files (${f1(c.scope.ofMb)} MB)` : '';
  console.log(`\n## ${c.name}  (${path.relative(root, c.dir) || c.dir}${scope})`);
  console.log(`  files ${s.files} (templates ${s.templates}), ${f1(c.mb)} MB, ${s.policies} policies, ${s.statements} statements, ${s.findings} findings in ${s.withFindings} files, ${s.errors} errors (${s.internalErrors} internal)`);
  if (!c.parse) {
    const line = (run, label) => console.log(`  scan --jobs ${label}   ${f0(run.ms).padStart(7)} ms  ${f1(c.mb / (run.ms / 1000)).padStart(6)} MB/s  cpu ${f0(run.cpuMs)} ms  peak RSS ${f0(run.peakRssMb)} MB`);
    line(s, `${c.defaultJobs} (default)`);
    if (c.parallel) line(c.parallel, jobs);
    return;
  }
  const p = c.parse;
  console.log(
    `  parse only      ${f0(p.ms).padStart(7)} ms  cpu ${f0(p.cpuMs)} ms (JSON.parse ${f0(p.json.ms)} ms for ${p.json.files} files, yaml package ${f0(p.yaml.ms)} ms for ${p.yaml.files} files), peak RSS ${f0(p.peakRssMb)} MB`,
  );
  // CPU time for the ratios: wall time counts whatever else the machine is doing.
  console.log(
    `  scan --jobs 1   ${f0(s.ms).padStart(7)} ms  ${f1(c.mb / (s.ms / 1000)).padStart(6)} MB/s  cpu ${f0(s.cpuMs)} ms (${f1(c.mb / (s.cpuMs / 1000))} MB/s of cpu)  peak RSS ${f0(s.peakRssMb)} MB  scan/parse (cpu) ${f1(s.cpuMs / p.cpuMs)}x`,
  );
  if (c.stages) {
    const st = c.stages;
    const withoutRules = st.loadMs + st.resolveExtractMs;
    console.log(
      `  stages (cpu, ${st.files} files, ${f1(st.mb)} MB)  parse alone ${f0(st.parseMs)} ms; load ${f0(st.loadMs)} ms (${f1(st.loadMs / st.parseMs)}x parse), resolve+extract ${f0(st.resolveExtractMs)} ms, ` +
        `rules ${f0(st.rulesMs)} ms; without rules ${f1(st.mb / (withoutRules / 1000))} MB/s, ${f1(withoutRules / st.parseMs)}x parse`,
    );
  }
  if (c.parallel) {
    const p = c.parallel;
    console.log(`  scan --jobs ${jobs}   ${f0(p.ms).padStart(7)} ms  ${f1(c.mb / (p.ms / 1000)).padStart(6)} MB/s  cpu ${f0(p.cpuMs)} ms  peak RSS ${f0(p.peakRssMb)} MB  same results: ${p.findings === s.findings && p.errors === s.errors && p.statements === s.statements}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const jobs = os.availableParallelism();
  const load = [os.loadavg()[0]];
  if (args.build) {
    console.log('building dist/ (npm run build) ...');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  ensureCorpora(args);
  const corpusRoot = corpusRootOf(args);

  const cpus = os.cpus();
  console.log(`# iamgate benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus.length} cores (${os.availableParallelism()} available) ${cpus[0]?.model ?? ''}, ${f1(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, node ${process.version}`);
  console.log(`corpora: seed ${args.seed}, scale ${args.scale}; load average at start ${f1(load[0])}`);

  const plan = [
    ['json', path.join(corpusRoot, 'json'), true],
    ['yaml', path.join(corpusRoot, 'yaml'), true],
    ['cdk.out assemblies', path.join(corpusRoot, 'cdk'), true],
    ['all generated corpora (memory bound)', corpusRoot, false],
    ...(fs.existsSync(sharedCorpus) ? [['shared corpus of real templates', sharedCorpus, true]] : []),
  ];
  const corpora = [];
  for (const [name, dir, breakdown] of plan) {
    const corpus = measureCorpus(name, dir, jobs, { breakdown, sampleSize: args.sample, stageSample: args.stageSample });
    corpora.push(corpus);
    printCorpus(corpus, jobs);
  }

  console.log('\n## CLI start-up + one small template (median of 9)');
  const boot = startup();
  console.log(`  node -e 0 ${f0(boot.asIs.node)} ms; iamgate scan ${path.relative(root, smallTemplate)}: ${f0(boot.asIs.iamgate)} ms`);
  if (boot.withoutExtraCa) {
    console.log(`  without NODE_EXTRA_CA_CERTS (set here; node reads the CA file at start-up): node -e 0 ${f0(boot.withoutExtraCa.node)} ms; iamgate ${f0(boot.withoutExtraCa.iamgate)} ms`);
  }

  console.log('\n## Peer: cfn-guard (bundled in @cdklabs/cdk-validator-cfnguard) with its IAM rules, same files, whole processes');
  const guard = guardBinary();
  const peers = [];
  if (guard.missing) console.log(`  not run: ${guard.missing}`);
  else {
    console.log(`  ${guard.version}; rules ${path.relative(root, guard.rules)}/ (${fs.readdirSync(guard.rules).length} files)`);
    for (const corpus of corpora.slice(0, 3)) {
      const peer = comparePeer(guard, sample(corpus.files, args.peerSample));
      peers.push({ corpus: corpus.name, ...peer });
      console.log(
        `  ${corpus.name.padEnd(20)} ${peer.files} files ${f1(peer.mb)} MB: cfn-guard ${f0(peer.guardMs)} ms (exit ${peer.guardStatus}), iamgate ${f0(peer.iamgateMs)} ms (exit ${peer.iamgateStatus}); cfn-guard/iamgate ${f1(peer.guardMs / peer.iamgateMs)}x`,
      );
    }
  }
  if (args.cdk) {
    console.log('\n## CDK synth (bench/cdk/run.js)');
    execFileSync(process.execPath, [path.join(__dirname, 'cdk', 'run.js'), String(args.cdkRuns)], { stdio: 'inherit' });
  }

  load.push(os.loadavg()[0]);
  console.log(`\nload average at end ${f1(load[1])} (figures taken while other work ran are slower)`);

  if (args.json) {
    const strip = corpora.map(({ files, ...rest }) => rest);
    fs.writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), args, jobs, load, corpora: strip, startup: boot, peers }, null, 2));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
