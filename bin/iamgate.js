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
require('../dist/cli/main.js').main(process.argv).then((code) => {
  process.exitCode = code;
}, internalError);
