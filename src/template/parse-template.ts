/** From text to a `LoadedTemplate`: pure, no I/O. */
import { decodeTemplateText } from './decode';
import { parseJson } from './json';
import { DEFAULT_MAX_BYTES } from './limits';
import { FILE_START } from './positions';
import { checkTemplateShape, mentionsTemplateMarker } from './shape';
import { expandResourceLoops } from './for-each';
import type { LoadResult, SourcePosition, TemplateFormat, TemplateInput } from './types';
import { parseYaml } from './yaml';

export interface LoadOptions {
  /** Larger files are refused; 50 MiB by default. */
  maxBytes?: number;
  /** Parameter values given for this template; a resource loop over a list parameter takes them. */
  parameters?: Readonly<Record<string, string>>;
}

export interface ParseOptions extends LoadOptions, Partial<Pick<TemplateInput, 'stackName' | 'constructPaths' | 'nestedIn' | 'explicit' | 'account'>> {}

export function parseTemplate(text: string | Uint8Array, file: string, options: ParseOptions = {}): LoadResult {
  const fail = (message: string, { line, column }: SourcePosition): LoadResult => ({ status: 'error', error: { file, line, column, message } });
  const explicit = options.explicit ?? false;

  const decoded = decodeTemplateText(text, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!decoded.ok) return fail(decoded.message, decoded.position);
  // Found by folder search and no marker word anywhere: skip without parsing (package.json, CI files, ...).
  if (!explicit && !mentionsTemplateMarker(decoded.text)) return { status: 'not-a-template', file };

  const format = formatOf(file, decoded.text);
  const parsed = format === 'json' ? parseJson(decoded.text) : parseYaml(decoded.text);
  if (!parsed.ok) return fail(parsed.message, parsed.position);

  const shape = checkTemplateShape(parsed.value, explicit);
  if (shape.kind === 'not-a-template') return { status: 'not-a-template', file };
  if (shape.kind === 'invalid') return fail(shape.message, shape.pointer === undefined ? FILE_START : parsed.locate(shape.pointer));
  const loops = expandResourceLoops(shape.body, options.parameters);
  if (!loops.ok) return fail(loops.message, parsed.locate(loops.pointer));
  const locate = loops.body === shape.body ? parsed.locate : (pointer: string) => parsed.locate(loops.written(pointer));
  // The resources a loop makes are checked as the ones written out were.
  const expanded = loops.body === shape.body ? shape : checkTemplateShape(loops.body, explicit);
  if (expanded.kind === 'invalid') return fail(expanded.message, expanded.pointer === undefined ? FILE_START : locate(expanded.pointer));
  return {
    status: 'loaded',
    template: {
      file,
      stackName: options.stackName ?? stackNameOf(file),
      format,
      body: loops.body,
      locate,
      ...(options.constructPaths && { constructPaths: options.constructPaths }),
      ...(options.nestedIn && { nestedIn: options.nestedIn }),
      ...(options.account && { account: options.account }),
    },
  };
}

/** `.json` is JSON and `.yaml`/`.yml` YAML; anything else (`.template`) is JSON when it starts with `{`. */
export function formatOf(file: string, text: string): TemplateFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return /^\s*\{/.test(text) ? 'json' : 'yaml';
}

/** `stacks/api.template.yaml` → `api`. */
export function stackNameOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.replace(/(\.template)?\.(json|ya?ml)$|\.template$/i, '') || base;
}
