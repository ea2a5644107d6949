'use strict';
/**
 * Where the rules' time goes: scans the files as one thread does, with each built-in rule's
 * visitors timed, and prints the rules by time (dist/; `npm run build` first).
 *
 *   node bench/rule-times.js PATH...
 *
 * Work that rules share through memos (grants, ARN matching) is counted to the first rule that
 * asks for it, so the figures say where to look, not what each rule would cost alone.
 */
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');

/** CPU time, not wall time: other work on the machine does not count. */
function cpuMs(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function timed(rule, totals) {
  const add = (ms) => totals.set(rule.meta.id, (totals.get(rule.meta.id) ?? 0) + ms);
  const wrap = (fn) =>
    function (...args) {
      const start = process.cpuUsage();
      try {
        return fn.apply(this, args);
      } finally {
        add(cpuMs(start));
      }
    };
  return {
    ...rule,
    create(context) {
      const visitor = wrap(rule.create)(context);
      return Object.fromEntries(Object.entries(visitor).map(([name, fn]) => [name, typeof fn === 'function' ? wrap(fn) : fn]));
    },
  };
}

async function main() {
  const targets = process.argv.slice(2);
  if (targets.length === 0) throw new Error('usage: node bench/rule-times.js PATH...');
  const { discoverTemplates, readTemplate } = require(path.join(dist, 'template'));
  const { analyzeTemplate } = require(path.join(dist, 'engine', 'analyze-template'));
  const { resolveConfig } = require(path.join(dist, 'engine', 'scan'));
  const { builtinRules } = require(path.join(dist, 'rules', 'registry'));
  const totals = new Map();
  const rules = builtinRules.map((rule) => timed(rule, totals));
  const config = resolveConfig({ failOn: 'none' });
  const { inputs } = await discoverTemplates(targets);
  const start = process.cpuUsage();
  for (const input of inputs) {
    const loaded = readTemplate(input);
    if (loaded.status === 'loaded') analyzeTemplate(loaded.template, { rules, config });
  }
  const totalMs = cpuMs(start);
  const rulesMs = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`${inputs.length} files: ${totalMs.toFixed(0)} ms CPU in all, ${rulesMs.toFixed(0)} ms in rules`);
  for (const [id, ms] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`${ms.toFixed(0).padStart(8)} ms  ${id}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
