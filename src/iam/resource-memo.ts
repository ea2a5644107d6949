/**
 * Answers about a resource, computed once. Rules ask about the same resources many times (each
 * action, each resource type, each format), by the same object or by a fresh copy of it, and many
 * resources differ only in what ARN matching cannot see (`${QueueA.Arn}` and `${QueueB.Arn}` are
 * the same unknown ARN to it). So an object is looked up by identity first, then by its token
 * shape (`resourceShapeKey`), in a memo that holds neither its templates' text nor more than
 * a bounded number of shapes.
 */
import type { ResolvedString } from '../resolve/types';
import { TextKeyedMemo } from '../memo';
import { resourceShapeKey } from './arn-tokens';

export class ResourceMemo<V> {
  private readonly byShape = new TextKeyedMemo<V>();
  private readonly byIdentity = new WeakMap<object, V>();

  get(resource: ResolvedString, compute: () => V): V {
    if (typeof resource !== 'string') {
      const known = this.byIdentity.get(resource);
      if (known !== undefined) return known;
    }
    const value = this.byShape.get(resourceShapeKey(resource), compute);
    if (typeof resource !== 'string') this.byIdentity.set(resource, value);
    return value;
  }
}
