/**
 * Facts derived from immutable inputs (the IAM reference, an extracted statement) are asked for
 * again and again by the rules: each is computed on first use and kept as long as its key lives.
 */
export function memoized<K extends object, V>(memo: WeakMap<K, V>, key: K, compute: (key: K) => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute(key);
    memo.set(key, value);
  }
  return value;
}

/** The same for answers that depend on two keys: a second question about the first key's object (a document by kind, a stack by question). */
export function memoizedPair<K extends object, J, V>(memo: WeakMap<K, Map<J, V>>, outer: K, inner: J, compute: () => V): V {
  let answers = memo.get(outer);
  if (answers === undefined) {
    answers = new Map();
    memo.set(outer, answers);
  }
  let value = answers.get(inner);
  if (value === undefined) {
    value = compute();
    answers.set(inner, value);
  }
  return value;
}
