/**
 * Answers computed once per stack and question. Fixes ask the same question (which of the
 * template's resources could these actions be scoped to?) for every statement that needs one,
 * and each answer costs a pass over the whole stack.
 */
import type { ActionInfo } from '../../iam';
import type { StackAnalysis } from '../types';
import { memoizedPair } from '../../memo';

export class StackMemo<V> {
  private readonly byStack = new WeakMap<StackAnalysis, Map<string, V>>();

  get(stack: StackAnalysis, key: string, compute: () => V): V {
    return memoizedPair(this.byStack, stack, key, compute);
  }
}

/** A key for a list of actions, in order. */
export function actionsKey(actions: readonly ActionInfo[]): string {
  return actions.map((action) => action.qualifiedName).join(',');
}
