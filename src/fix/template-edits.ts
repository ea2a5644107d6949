/**
 * A template edit as text edits on the file it belongs to, YAML or JSON. The editors load the
 * `yaml` package and jsonc-parser, so they are loaded on first need: a scan that reports no
 * exact fix never pays for them at start-up.
 */
import type { TemplateFormat } from '../template/types';
import type { TemplateEdit } from '../rules/types';
import type { TextEdit } from './text-edits';

type JsonEditor = typeof import('./json-edits');
type YamlEditor = typeof import('./yaml-edits');
let jsonEditor: JsonEditor | undefined;
let yamlEditor: YamlEditor | undefined;

export function textEditsFor(text: string, format: TemplateFormat, edit: TemplateEdit): TextEdit[] {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily on purpose (start-up time) */
  if (format === 'json') return (jsonEditor ??= require('./json-edits') as JsonEditor).jsonTextEdits(text, edit);
  return (yamlEditor ??= require('./yaml-edits') as YamlEditor).yamlTextEdits(text, edit);
  /* eslint-enable @typescript-eslint/no-require-imports */
}
