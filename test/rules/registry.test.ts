import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../src/rules/registry';
import { renderRuleDoc, renderRuleIndex } from '../../src/rules/docs-page';
import { SEVERITIES } from '../../src/rules/types';

const docs = join(__dirname, '..', '..', 'docs', 'rules');

describe('built-in rules', () => {
  it('have unique kebab-case ids, in id order', () => {
    const ids = builtinRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(ids).toEqual([...ids].sort());
  });

  it.each(builtinRules.map((r) => [r.meta.id, r] as const))('%s has complete metadata', (_id, rule) => {
    const { meta } = rule;
    expect(SEVERITIES).toContain(meta.defaultSeverity);
    expect(meta.title.length).toBeGreaterThan(5);
    expect(meta.rationale.length).toBeGreaterThan(60);
    expect(meta.fix.length).toBeGreaterThan(20);
    expect(meta.docsUrl).toMatch(new RegExp(`/docs/rules/${meta.id}\\.md$`));
    expect(meta.examples?.bad.trim().length).toBeGreaterThan(0);
    expect(meta.examples?.good.trim().length).toBeGreaterThan(0);
  });

  it.each(builtinRules.map((r) => [r.meta.id, r] as const))('%s has an up-to-date docs page (npm run docs)', (id, rule) => {
    const page = join(docs, `${id}.md`);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(renderRuleDoc(rule));
  });

  it('has an index of every rule and no stale pages', () => {
    expect(readFileSync(join(docs, 'README.md'), 'utf8')).toBe(renderRuleIndex(builtinRules));
    const pages = readdirSync(docs).filter((n) => n !== 'README.md');
    expect(pages.sort()).toEqual(builtinRules.map((r) => `${r.meta.id}.md`).sort());
  });
});
