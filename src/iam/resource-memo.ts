/**
 * Answers about a resource, computed once. Rules ask about the same resources many times (each
 * action, each resource type, each format), by the same object or by a fresh copy of it, and many
 * resources differ only in what ARN matching cannot see (`${QueueA.Arn}` and `${QueueB.Arn}` are
 * the same unknown ARN to it). So an object is looked up by identity first, then by its token
 * shape (`resourceShapeKey`). The shape map starts over when full, so a corpus-wide scan cannot
 * grow it without bound.
 */
import type { ResolvedString } from '../resolve/types';
import { resourceShapeKey } from './arn-tokens';

const MAX_ENTRIES = 20_000;

export class ResourceMemo<V> {
  private byShape = new Map<string, V>();
  private readonly byIdentity = new WeakMap<object, V>();

  get(resource: ResolvedString, compute: () => V): V {
    if (typeof resource !== 'string') {
      const known = this.byIdentity.get(resource);
      if (known !== undefined) return known;
    }
    const key = resourceShapeKey(resource);
    let value = this.byShape.get(key);
    if (value === undefined) {
      if (this.byShape.size >= MAX_ENTRIES) this.byShape = new Map();
      value = compute();
      this.byShape.set(key, value);
    }
    if (typeof resource !== 'string') this.byIdentity.set(resource, value);
    return value;
  }
}
