#!/usr/bin/env node
'use strict';
require('../dist/cli/main.js').main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Fail closed: an internal error must never look like a clean scan.
    process.stderr.write(`iamgate: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
