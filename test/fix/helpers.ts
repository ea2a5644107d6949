import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../src/template';
import { analyzeTemplate } from '../../src/engine/analyze-template';
import { resolveConfig } from '../../src/engine/scan';
import { builtinRules } from '../../src/rules/registry';
import { grantedAccess } from '../../src/fix/broadening';
import type { AccessFact } from '../../src/analysis/access-facts';
import type { EngineConfig } from '../../src/engine/config';

export const FIX_FIXTURES = join(__dirname, '..', 'fixtures', 'fix');

export function fixture(name: string): string {
  return readFileSync(join(FIX_FIXTURES, name), 'utf8');
}

/** The access a template grants, through the real loader and extraction. */
export function accessOf(text: string, file: string, config: EngineConfig = resolveConfig({})): AccessFact[] {
  const loaded = parseTemplate(text, file, { explicit: true });
  if (loaded.status !== 'loaded') throw new Error(`${file} does not load: ${JSON.stringify(loaded)}`);
  const analysis = analyzeTemplate(loaded.template, { rules: builtinRules, config });
  return grantedAccess(analysis.extraction, loaded.template, config);
}

/** Whether `inner` appears in `outer` in the same order, other lines in between allowed. */
export function isSubsequence(inner: readonly string[], outer: readonly string[]): boolean {
  let at = 0;
  for (const line of outer) if (at < inner.length && line === inner[at]) at++;
  return at === inner.length;
}
