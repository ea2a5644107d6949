/**
 * Facts derived from immutable inputs (the IAM reference, an extracted statement) are asked for
 * again and again by the rules: each is computed on first use and kept as long as its key lives.
 */
export function memoized<K, V>(memo: MemoStore<K, V>, key: K, compute: (key: K) => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute(key);
    memo.set(key, value);
  }
  return value;
}

/** A WeakMap keyed by the object the facts are about, or a Map inside one for a further question. */
interface MemoStore<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The same for answers that depend on two keys: a second question about the first key's object (a document by kind, a stack by question). */
export function memoizedPair<K extends object, J, V>(memo: WeakMap<K, Map<J, V>>, outer: K, inner: J, compute: () => V): V {
  // Written out: stack facts ask it on every rule's hot path, where a closure per call costs.
  let answers = memo.get(outer);
  if (answers === undefined) {
    answers = new Map();
    memo.set(outer, answers);
  }
  return memoized(answers, inner, compute);
}

/**
 * The same for facts keyed by text read from templates (an action pattern, a resource's shape),
 * kept across templates. Two things would make its memory follow the corpus instead of the
 * largest template: the number of distinct keys, so the memo starts over when full; and V8's
 * substrings, which are views into their whole parent: a key cut from a template's text would
 * keep that whole text alive (a YAML scan kept about 340 of 500 templates so). Keys are stored
 * as copies, and `compute` gets the copy, so that what it keeps of the key holds no text either.
 */
export class TextKeyedMemo<V> {
  private entries = new Map<string, V>();

  // A resource shape's facts take about 10 KB (measured): 5,000 of them stay under 50 MB, and a
  // template asks about far fewer, so starting over costs only the answers of the templates before.
  constructor(private readonly limit = 5_000) {}

  get(key: string, compute: (key: string) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      const own = detached(key);
      value = compute(own);
      if (this.entries.size >= this.limit) this.entries = new Map();
      this.entries.set(own, value);
    }
    return value;
  }
}

/** A copy of `text` that shares no memory with the string it was cut from. */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
