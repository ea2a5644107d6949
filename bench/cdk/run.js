#!/usr/bin/env node
/**
 * Synth-time benchmark of the CDK integration: `node bench/cdk/run.js [runs]` (default 3).
 *
 * The same generated app (3 stacks, 300 roles, 300 policies; see app.js) is synthesized without
 * checks, with iamgate's Aspect, with iamgate's Validator, and with cdk-nag's AwsSolutionsChecks,
 * each run in a fresh process so that module loading counts as it does for `cdk synth`. Prints
 * the median of each and the ratios. Figures are printed, never asserted.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VARIANTS = [
  ['baseline', 'no checks'],
  ['aspect', 'iamgate IamGateAspect'],
  ['validator', 'iamgate IamGateValidator'],
  ['cdk-nag', 'cdk-nag AwsSolutionsChecks'],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function runOnce(variant) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [path.join(__dirname, 'app.js'), variant], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const line = child.stdout.trim().split('\n').pop();
  if (child.status !== 0 || !line) throw new Error(`${variant} failed:\n${child.stderr.slice(-2000)}`);
  return { ...JSON.parse(line), wallMs };
}

function main() {
  if (!existsSync(path.join(__dirname, '..', '..', 'dist', 'cdk', 'index.js'))) {
    throw new Error('dist/cdk is missing: run `npm run build` first');
  }
  const runs = Number(process.argv[2] ?? 3);
  const results = new Map();
  for (let i = 0; i < runs; i++) {
    // Interleaved, so that load on the machine spreads over all variants alike.
    for (const [variant] of VARIANTS) {
      const list = results.get(variant) ?? [];
      list.push(runOnce(variant));
      results.set(variant, list);
    }
  }
  const stats = new Map(
    VARIANTS.map(([variant]) => {
      const list = results.get(variant);
      return [variant, { synthMs: median(list.map((r) => r.synthMs)), wallMs: median(list.map((r) => r.wallMs)), failed: list[0].failed }];
    }),
  );
  const base = stats.get('baseline');
  const sample = results.get('baseline')[0];
  console.log(`CDK synth benchmark: ${sample.roles} roles, ${sample.policies} policies in 3 stacks; median of ${runs} runs`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  console.log('');
  console.log(`${'variant'.padEnd(28)}${'synth ms'.padStart(10)}${'× synth'.padStart(10)}${'added ms'.padStart(10)}${'process ms'.padStart(12)}${'× process'.padStart(11)}  fails synth`);
  for (const [variant, label] of VARIANTS) {
    const s = stats.get(variant);
    console.log(
      `${label.padEnd(28)}${s.synthMs.toFixed(0).padStart(10)}${(s.synthMs / base.synthMs).toFixed(2).padStart(10)}${(s.synthMs - base.synthMs).toFixed(0).padStart(10)}${s.wallMs.toFixed(0).padStart(12)}${(s.wallMs / base.wallMs).toFixed(2).padStart(11)}  ${s.failed ? 'yes' : 'no'}`,
    );
  }
  const added = (variant) => stats.get(variant).synthMs - base.synthMs;
  console.log('');
  console.log(`time iamgate adds / time cdk-nag adds: Aspect ${(added('aspect') / added('cdk-nag')).toFixed(2)}, Validator ${(added('validator') / added('cdk-nag')).toFixed(2)}`);
}

main();
