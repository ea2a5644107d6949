#!/usr/bin/env node
// Writes docs/rules/<id>.md and docs/rules/README.md from the built rules' metadata.
// Run through `npm run docs`, which builds first.
'use strict';
const { mkdirSync, writeFileSync, readdirSync, unlinkSync } = require('node:fs');
const { join } = require('node:path');
const { builtinRules } = require('../dist/rules/registry');
const { renderRuleDoc, renderRuleIndex } = require('../dist/rules/docs-page');

const dir = join(__dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const wanted = new Set(builtinRules.map((rule) => `${rule.meta.id}.md`));
for (const name of readdirSync(dir)) if (name !== 'README.md' && !wanted.has(name)) unlinkSync(join(dir, name));
for (const rule of builtinRules) writeFileSync(join(dir, `${rule.meta.id}.md`), renderRuleDoc(rule));
writeFileSync(join(dir, 'README.md'), renderRuleIndex(builtinRules));
console.log(`wrote ${builtinRules.length} rule pages to docs/rules/`);
