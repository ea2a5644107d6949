/**
 * Every `Properties` subtree of every resource of every template in the shared corpus resolves
 * without throwing anything but `ResolveError`. The corpus is not in the repository: the test
 * skips, saying so, where it is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseTemplate } from '../../src/template';
import { createResolver, ResolveError } from '../../src/resolve';
import type { ResolvedNode } from '../../src/resolve';
import { formatPointer } from '../../src/template';

const CORPUS = join(__dirname, '../../../shared/corpus');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.(json|ya?ml|template)$/.test(name) ? [path] : [];
    });
}

function holdsUnknown(node: ResolvedNode | undefined): boolean {
  if (node === undefined) return false;
  switch (node.kind) {
    case 'unknown':
      return true;
    case 'symbolic':
      return node.parts.some((p) => typeof p !== 'string' && p.kind === 'unknown');
    case 'list':
      return node.items.some(holdsUnknown);
    case 'map':
      return [...node.entries.values()].some(holdsUnknown);
    case 'choice':
      return [node.whenTrue, node.whenFalse].some((n) => n.kind !== 'absent' && holdsUnknown(n));
    default:
      return false;
  }
}

const present = existsSync(CORPUS);
(present ? describe : describe.skip)('the shared corpus', () => {
  test('resolves every resource Properties subtree, throwing nothing but ResolveError', () => {
    const counts = { templates: 0, resources: 0, resolved: 0, withUnknowns: 0, resolveErrors: 0 };
    const errors: string[] = [];
    for (const path of files(CORPUS)) {
      const file = relative(CORPUS, path);
      const loaded = parseTemplate(readFileSync(path), file, { explicit: false });
      if (loaded.status !== 'loaded') continue;
      counts.templates += 1;
      const resolver = createResolver(loaded.template);
      const resources = loaded.template.body.Resources;
      if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) continue;
      for (const logicalId of Object.keys(resources)) {
        counts.resources += 1;
        try {
          resolver.resourceExists(logicalId);
          const node = resolver.resolveAt(formatPointer(['Resources', logicalId, 'Properties']));
          counts.resolved += 1;
          if (holdsUnknown(node)) counts.withUnknowns += 1;
        } catch (error) {
          if (!(error instanceof ResolveError)) throw new Error(`${file} ${logicalId}: ${String(error)}`);
          counts.resolveErrors += 1;
          errors.push(`${file} ${error.at}: ${error.message}`);
        }
      }
      resolver.exports();
    }
    console.log(`corpus: ${JSON.stringify(counts)}${errors.length ? `\nResolveErrors:\n${errors.join('\n')}` : ''}`);
    expect(counts.templates).toBeGreaterThan(0);
    expect(counts.resolved + counts.resolveErrors).toBe(counts.resources);
  });
});

if (!present) {
  test.skip(`shared corpus not found at ${CORPUS}: corpus test skipped`, () => undefined);
}
