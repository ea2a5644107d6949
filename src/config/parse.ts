/** A config file's text parsed with source positions, through the same JSON and YAML readers as templates. */
import type { JsonPointer, SourcePosition, TemplateValue } from '../template/types';
import { parseJson } from '../template/json';
import { parseYaml } from '../template/yaml';

export type ParsedConfig =
  | { ok: true; value: TemplateValue; locate(pointer: JsonPointer): SourcePosition }
  | { ok: false; message: string; position: SourcePosition };

/** Only comments and blank lines: an empty config, which is valid (every default). */
function isBlankYaml(text: string): boolean {
  return text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line));
}

export function parseConfigText(text: string, file: string): ParsedConfig {
  const json = file.toLowerCase().endsWith('.json');
  if (!json && isBlankYaml(text)) return { ok: true, value: {}, locate: () => ({ line: 1, column: 1 }) };
  return json ? parseJson(text) : parseYaml(text);
}
