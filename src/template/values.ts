/** Shapes of template values that every stage asks about. */
import type { TemplateValue } from './types';

/** A mapping: not a list, not null, not a scalar. */
/** CloudFormation splits list parameters at commas and trims spaces around each member. */
export function splitListParameter(text: string): string[] {
  return text.split(',').map((member) => member.trim());
}

export function isRecord(value: TemplateValue | undefined): value is { [key: string]: TemplateValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
