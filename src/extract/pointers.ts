/**
 * Building pointers below a known one, and reading the template value a pointer names.
 */
import type { JsonPointer, TemplateValue } from '../template/types';
import { formatPointer, parsePointer } from '../template';

export function pointerOf(base: JsonPointer, ...segments: (string | number)[]): JsonPointer {
  return base + formatPointer(segments);
}

/** The template value at `pointer` as written, or `undefined` when the pointer names nothing. */
export function valueAtPointer(root: TemplateValue, pointer: JsonPointer): TemplateValue | undefined {
  let current: TemplateValue | undefined = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (current !== null && typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}
