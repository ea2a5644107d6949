/**
 * Answers computed once per stack and question. Fixes ask the same question (which of the
 * template's resources could these actions be scoped to?) for every statement that needs one,
 * and each answer costs a pass over the whole stack.
 */
import type { ActionInfo } from '../../iam';
import type { StackAnalysis } from '../types';

export class StackMemo<V> {
  private readonly byStack = new WeakMap<StackAnalysis, Map<string, V>>();

  get(stack: StackAnalysis, key: string, compute: () => V): V {
    let answers = this.byStack.get(stack);
    if (answers === undefined) {
      answers = new Map();
      this.byStack.set(stack, answers);
    }
    let value = answers.get(key);
    if (value === undefined) {
      value = compute();
      answers.set(key, value);
    }
    return value;
  }
}

/** A key for a list of actions, in order. */
export function actionsKey(actions: readonly ActionInfo[]): string {
  return actions.map((action) => action.qualifiedName).join(',');
}

/**
 * The candidates of a stack (resources a fix could name) that fit at least one of a list of
 * actions, in order. Fixes ask for many lists that share actions: each candidate is tried once
 * per action, not once per list.
 */
export class CandidatesByAction<C> {
  private readonly candidatesOf = new StackMemo<readonly C[]>();
  private readonly fitOf = new StackMemo<Uint8Array>();

  constructor(
    private readonly candidates: (stack: StackAnalysis) => readonly C[],
    private readonly fits: (candidate: C, action: ActionInfo) => boolean,
  ) {}

  select(stack: StackAnalysis, actions: readonly ActionInfo[]): C[] {
    const candidates = this.candidatesOf.get(stack, '', () => this.candidates(stack));
    const fit = actions.map((action) =>
      this.fitOf.get(stack, action.qualifiedName, () => Uint8Array.from(candidates, (candidate) => (this.fits(candidate, action) ? 1 : 0))),
    );
    return candidates.filter((_, i) => fit.some((answers) => answers[i] === 1));
  }
}
