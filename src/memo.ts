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
