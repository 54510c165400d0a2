/** Symbols with a dense transition column: `a`–`z` and `0`–`9`, what almost all text becomes. */
const DENSE = 36;

function denseIndex(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return c - 22;
  return -1;
}

/**
 * A trie of keys (arrays of code points) that is also an Aho–Corasick automaton (Aho & Corasick,
 * CACM 1975): one pass over a text reports every key occurrence. Transitions for `a`–`z` and
 * `0`–`9` are a dense typed-array table completed into a DFA, so the hot loop is one indexed
 * read per character; other code points (non-Latin letters that pass through normalisation)
 * use per-node maps and failure links.
 *
 * @internal
 */
export class TermAutomaton {
  /** Key id that ends exactly at each node, or -1. */
  readonly keyAt: Int32Array;
  /** Key ids that end at each node, itself and its proper suffixes, longest first. */
  readonly outputs: readonly (readonly number[])[];
  private readonly next: Int32Array;
  private readonly sparse: (Map<number, number> | undefined)[];
  private readonly fail: Int32Array;
  private readonly depth: Int32Array;

  /** @param keys - distinct, non-empty keys; a key's id is its index */
  constructor(keys: readonly Int32Array[]) {
    const rows: number[] = [];
    const sparse: (Map<number, number> | undefined)[] = [];
    const depth: number[] = [];
    const keyAt: number[] = [];
    const addNode = (d: number): number => {
      for (let s = 0; s < DENSE; s++) rows.push(-1);
      sparse.push(undefined);
      depth.push(d);
      keyAt.push(-1);
      return depth.length - 1;
    };
    addNode(0);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key[i]!;
        const d = denseIndex(c);
        let child = d >= 0 ? rows[node * DENSE + d]! : (sparse[node]?.get(c) ?? -1);
        if (child < 0) {
          child = addNode(i + 1);
          if (d >= 0) rows[node * DENSE + d] = child;
          else (sparse[node] ??= new Map()).set(c, child);
        }
        node = child;
      }
      keyAt[node] = k;
    }
    const count = depth.length;
    this.next = Int32Array.from(rows);
    this.sparse = sparse;
    this.depth = Int32Array.from(depth);
    this.keyAt = Int32Array.from(keyAt);
    this.fail = new Int32Array(count);
    const outputs: (readonly number[])[] = new Array<readonly number[]>(count);
    outputs[0] = [];
    // Breadth-first: a node's failure target is shallower, so it is complete before it is used.
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      const fail = this.fail[node]!;
      if (node !== 0) {
        const own = this.keyAt[node]!;
        const inherited = outputs[fail]!;
        outputs[node] = own >= 0 ? [own, ...inherited] : inherited;
      }
      for (let s = 0; s < DENSE; s++) {
        const child = this.next[node * DENSE + s]!;
        if (child >= 0 && this.depth[child] === this.depth[node]! + 1) {
          this.fail[child] = node === 0 ? 0 : this.next[fail * DENSE + s]!;
          queue.push(child);
        } else {
          this.next[node * DENSE + s] = node === 0 ? 0 : this.next[fail * DENSE + s]!;
        }
      }
      const children = sparse[node];
      if (children !== undefined) {
        for (const [c, child] of children) {
          this.fail[child] = node === 0 ? 0 : this.step(fail, c);
          queue.push(child);
        }
      }
    }
    this.outputs = outputs;
  }

  /** The automaton state after reading `c` in `state`. */
  step(state: number, c: number): number {
    const d = denseIndex(c);
    if (d >= 0) return this.next[state * DENSE + d]!;
    for (let node = state; ; node = this.fail[node]!) {
      const child = this.sparse[node]?.get(c);
      if (child !== undefined) return child;
      if (node === 0) return 0;
    }
  }

  /** The id of the key equal to `codes[start, end)`, or -1: a plain trie walk. */
  lookup(codes: Int32Array, start: number, end: number): number {
    let node = 0;
    for (let i = start; i < end && node >= 0; i++) node = this.child(node, codes[i]!);
    return node < 0 ? -1 : this.keyAt[node]!;
  }

  /** The trie child of `node` for `c`, or -1: one step of a trie walk, no failure links. */
  child(node: number, c: number): number {
    const d = denseIndex(c);
    if (d < 0) return this.sparse[node]?.get(c) ?? -1;
    const child = this.next[node * DENSE + d]!;
    // Completed DFA edges may lead back up; only a one-deeper node is a trie child.
    return this.depth[child] === this.depth[node]! + 1 ? child : -1;
  }
}
