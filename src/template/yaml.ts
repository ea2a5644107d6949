/**
 * YAML templates. Most are read by the fast reader of the subset templates are written in
 * (yaml-fast.ts); the rest, and every error, by the full reader (yaml-full.ts), which loads the
 * `yaml` package: it is loaded on first need, so that a scan of JSON or plain YAML never pays
 * for it at start-up.
 */
import type { SourceParse } from './source-parse';
import { parseYamlFast } from './yaml-fast';

type FullReader = typeof import('./yaml-full');
let fullReader: FullReader | undefined;

export function parseYaml(text: string): SourceParse {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (start-up time)
  return parseYamlFast(text) ?? (fullReader ??= require('./yaml-full') as FullReader).parseYamlFull(text);
}
