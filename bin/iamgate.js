#!/usr/bin/env node
'use strict';
// Fail closed: an internal error must never look like a clean scan, nor like findings (exit 1).
function internalError(error) {
  process.stderr.write(`iamgate: internal error: ${error && error.stack ? error.stack : error}\n`);
  process.exit(2);
}
// Errors outside the promise chain (an event handler, a stream) would otherwise end the process with code 1.
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);
// A scan allocates much short-lived data per template; with V8's default heap growth (up to 4x what
// is live) the heap of a long scan swells far beyond its live data. A slower growth keeps peak
// memory near 250 MB on 100 MB of templates for about 10 % more CPU (bench/RESULTS.md). The flag
// is read at every collection, so setting it here, before the scan, takes effect.
require('node:v8').setFlagsFromString('--heap-growing-percent=75');
// Code the scan runs (a plugin rule) could end the process early with a clean code: that is no pass.
let finished = false;
process.on('exit', () => {
  if (finished || process.exitCode === 2) return;
  process.stderr.write('iamgate: the process ended before the scan finished (did a plugin call process.exit?)\n');
  process.exitCode = 2;
});
require('../dist/cli/main.js').main(process.argv).then((code) => {
  finished = true;
  process.exitCode = code;
}, internalError);
