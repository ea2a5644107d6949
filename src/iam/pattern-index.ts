/**
 * A list of action patterns indexed by the service each can name. A statement may list thousands
 * of patterns (AWS-managed ReadOnlyAccess) and be asked about every action of the
 * privilege-escalation catalogue, for every principal: only the patterns with the action's
 * service prefix, or a wildcard one, can cover it, so only those are tried.
 */
import { actionPatternMatches, actionServiceKey, patternServiceKey } from './action-patterns';
import type { ActionInfo } from './types';

interface Entry<T> {
  item: T;
  pattern: string;
  order: number;
}

export class PatternIndex<T> {
  private readonly byService = new Map<string, Entry<T>[]>();
  /** Patterns whose service prefix has a wildcard: they may name any service. */
  private readonly anyService: Entry<T>[] = [];

  /** `items` in order, each with its pattern as written. */
  constructor(items: Iterable<readonly [pattern: string, item: T]>) {
    let order = 0;
    for (const [pattern, item] of items) {
      const entry = { item, pattern, order: order++ };
      const service = patternServiceKey(pattern);
      if (service === undefined) this.anyService.push(entry);
      else {
        const list = this.byService.get(service);
        if (list) list.push(entry);
        else this.byService.set(service, [entry]);
      }
    }
  }

  /** The first item, in the order given, whose pattern covers the action; what a search of the whole list would find. */
  first(action: ActionInfo | string): T | undefined {
    const covers = (entry: Entry<T>) => actionPatternMatches(entry.pattern, action);
    const named = this.byService.get(actionServiceKey(action))?.find(covers);
    const wild = this.anyService.find(covers);
    const first = named && wild ? (named.order < wild.order ? named : wild) : (named ?? wild);
    return first?.item;
  }
}
