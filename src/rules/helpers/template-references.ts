/**
 * Which resources of a template name which others (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`):
 * what tells the source of a service's access apart from the other resources of its type, such
 * as the topic that an `AWS::SNS::Subscription` links to a queue.
 */
import type { TemplateObject, TemplateValue } from '../../template/types';
import { isRecord } from '../../template/values';
import { memoized } from '../../memo';

function collect(value: TemplateValue, into: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  // Every node of every resource is visited: `for...in` spares an entry array per member.
  for (const key in value) {
    const item = value[key]!;
    if (key === 'Ref' && typeof item === 'string') into.add(item);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(item) ? item[0] : typeof item === 'string' ? item.split('.')[0] : undefined;
      if (typeof target === 'string') into.add(target);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(item) ? item[0] : item;
      if (typeof text === 'string') for (const match of text.matchAll(/\$\{([^!}][^}.]*)[^}]*\}/g)) into.add(match[1]!);
    }
    collect(item, into);
  }
}

const cache = new WeakMap<TemplateObject, Map<string, ReadonlySet<string>>>();

/** Logical id → the logical ids its definition names (pseudo parameters and parameters included). */
export function referencesByResource(template: TemplateObject): Map<string, ReadonlySet<string>> {
  return memoized(cache, template, () => {
    const found = new Map<string, ReadonlySet<string>>();
    const resources = isRecord(template.Resources) ? template.Resources : {};
    for (const [logicalId, body] of Object.entries(resources)) {
      const names = new Set<string>();
      collect(body, names);
      found.set(logicalId, names);
    }
    return found;
  });
}

const inverseCache = new WeakMap<TemplateObject, Map<string, Set<string>>>();

/** Logical id → the resources whose definitions name it. */
function namedBy(template: TemplateObject): Map<string, Set<string>> {
  return memoized(inverseCache, template, () => {
    const found = new Map<string, Set<string>>();
    for (const [id, names] of referencesByResource(template)) {
      for (const name of names) {
        const naming = found.get(name);
        if (naming) naming.add(id);
        else found.set(name, new Set([id]));
      }
    }
    return found;
  });
}

/**
 * Whether two resources are related: one names the other, or a third resource names both (a
 * subscription, a notification configuration, an event source mapping). An IAM policy or role
 * that names both grants access to them; it connects nothing.
 */
export function areLinked(template: TemplateObject, a: string, b: string): boolean {
  const references = referencesByResource(template);
  if (references.get(a)?.has(b) || references.get(b)?.has(a)) return true;
  const naming = namedBy(template);
  const namingB = naming.get(b);
  if (!namingB) return false;
  for (const id of naming.get(a) ?? []) {
    if (id !== a && id !== b && namingB.has(id) && !isIam(template, id)) return true;
  }
  return false;
}

/** The resources (not IAM ones) whose definitions name the resource: a queue names the key it is encrypted with. */
export function usersOf(template: TemplateObject, logicalId: string): string[] {
  return [...(namedBy(template).get(logicalId) ?? [])].filter((id) => id !== logicalId && !isIam(template, id));
}

function isIam(template: TemplateObject, logicalId: string): boolean {
  const resource = isRecord(template.Resources) ? template.Resources[logicalId] : undefined;
  return isRecord(resource) && typeof resource.Type === 'string' && resource.Type.startsWith('AWS::IAM::');
}
