/**
 * Answers about a resource, computed once. Rules ask about the same resources many times (each
 * action, each resource type, each format), by the same object or by a fresh copy of the same
 * symbolic string: an object is looked up by identity first, then by its content. The content map
 * starts over when full, so a corpus-wide scan cannot grow it without bound.
 */
import type { ResolvedString } from '../resolve/types';

const MAX_ENTRIES = 20_000;

export class ResourceMemo<V> {
  private byContent = new Map<string, V>();
  private readonly byIdentity = new WeakMap<object, V>();

  get(resource: ResolvedString, compute: () => V): V {
    if (typeof resource !== 'string') {
      const known = this.byIdentity.get(resource);
      if (known !== undefined) return known;
    }
    const key = contentKey(resource);
    let value = this.byContent.get(key);
    if (value === undefined) {
      if (this.byContent.size >= MAX_ENTRIES) this.byContent = new Map();
      value = compute();
      this.byContent.set(key, value);
    }
    if (typeof resource !== 'string') this.byIdentity.set(resource, value);
    return value;
  }
}

/** JSON text of each piece, so that no two resources share a key. */
function contentKey(resource: ResolvedString): string {
  if (typeof resource === 'string') return JSON.stringify(resource);
  if (resource.kind === 'unknown') return `?${JSON.stringify(resource.reason)}`;
  return `[${resource.parts.map((part) => JSON.stringify(part)).join(',')}`;
}
