import type { JsonPointer, SourcePosition, TemplateValue } from './types';

/** What the JSON and YAML readers hand back: the value and a lazy way to positions, or a located failure. */
export type SourceParse =
  | { ok: true; value: TemplateValue; locate(pointer: JsonPointer): SourcePosition }
  | { ok: false; message: string; position: SourcePosition };
