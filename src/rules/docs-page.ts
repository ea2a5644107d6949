/**
 * A rule's documentation page, rendered from its metadata. `docs/rules/<id>.md` is this
 * output (written by `npm run docs`, checked by a test), and `iamgate explain` prints it.
 */
import type { Rule } from './types';

export function renderRuleDoc(rule: Pick<Rule, 'meta'>): string {
  const { meta } = rule;
  const out = [
    `# ${meta.id}: ${meta.title}`,
    '',
    `Default severity: **${meta.defaultSeverity}**`,
    '',
    '## Why',
    '',
    meta.rationale,
    '',
    '## What to do instead',
    '',
    meta.fix,
  ];
  if (meta.examples) {
    out.push('', '## Fails', '', '```yaml', meta.examples.bad.trimEnd(), '```', '', '## Passes', '', '```yaml', meta.examples.good.trimEnd(), '```');
  }
  if (meta.options && Object.keys(meta.options).length > 0) {
    out.push('', '## Options', '', '| option | meaning |', '| --- | --- |');
    for (const [name, meaning] of Object.entries(meta.options)) out.push(`| \`${name}\` | ${meaning} |`);
  }
  out.push(
    '',
    '## Configuration',
    '',
    'Change its severity or turn it off in `iamgate.config.yml`:',
    '',
    '```yaml',
    'rules:',
    `  ${meta.id}: warning   # or: off`,
    '```',
    '',
  );
  return out.join('\n');
}

export function renderRuleIndex(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| [${r.meta.id}](${r.meta.id}.md) | ${r.meta.defaultSeverity} | ${r.meta.title} |`);
  return ['# Rules', '', '| rule | default severity | title |', '| --- | --- | --- |', ...rows, ''].join('\n');
}
