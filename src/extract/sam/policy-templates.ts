/**
 * SAM policy templates (`S3ReadPolicy: {BucketName: ...}`), expanded exactly as the SAM
 * translator does: each `Ref` to a template parameter inside the definition is replaced by the
 * value the user gave. The definitions are SAM's own file, shipped in `data/`
 * (see data/NOTICE-sam-policy-templates.md).
 */
import type { TemplateObject, TemplateValue } from '../../template/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SamPolicyTemplate {
  Description: string;
  Parameters: Record<string, { Description?: string }>;
  Definition: TemplateObject;
}

interface TemplatesFile {
  Version: string;
  Templates: Record<string, SamPolicyTemplate>;
}

// `src/extract/sam` and `dist/extract/sam` both sit three levels below the package root.
const DATA_FILE = join(__dirname, '..', '..', '..', 'data', 'sam-policy-templates.json');

let templates: Readonly<Record<string, SamPolicyTemplate>> | undefined;

/** Read once, on the first SAM policy template met: shipped knowledge, like the IAM reference. */
function allTemplates(): Readonly<Record<string, SamPolicyTemplate>> {
  if (!templates) {
    const file = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as TemplatesFile;
    if (typeof file.Templates !== 'object' || file.Templates === null) {
      throw new Error(`${DATA_FILE} has no Templates: the SAM policy templates file is damaged`);
    }
    templates = file.Templates;
  }
  return templates;
}

function has(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function samPolicyTemplate(name: string): SamPolicyTemplate | undefined {
  const all = allTemplates();
  return has(all, name) ? all[name] : undefined;
}

export function samPolicyTemplateNames(): string[] {
  return Object.keys(allTemplates()).sort();
}

export interface Expansion {
  document: TemplateValue;
  /** Parameters the template needs that the user did not give (SAM rejects the template). */
  missing: string[];
}

/** The definition with the user's values in place of `{"Ref": Parameter}`. */
export function expandPolicyTemplate(template: SamPolicyTemplate, values: TemplateObject): Expansion {
  const missing = Object.keys(template.Parameters).filter((p) => !has(values, p));
  const substitute = (value: TemplateValue): TemplateValue => {
    if (Array.isArray(value)) return value.map(substitute);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    const ref = keys.length === 1 ? value.Ref : undefined;
    if (typeof ref === 'string' && has(template.Parameters, ref) && has(values, ref)) return values[ref];
    return Object.fromEntries(keys.map((k) => [k, substitute(value[k])]));
  };
  return { document: substitute(template.Definition), missing };
}
