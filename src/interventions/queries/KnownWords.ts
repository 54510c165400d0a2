/** A node of the known words' trie: its children by character code, and whether a word ends. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
  end: boolean;
}

/**
 * What a single letter costs as a piece of its own, by its character code (`Infinity`: it may
 * not be one). A known word costs 1.
 */
export type LoneLetterCost = (code: number) => number;

/**
 * Known words in a trie, and the cheapest split of a run of letters into them: the splitting
 * that runs of spaced letters ("i w a n t t o d i e") and tokens of words run together
 * ("iwanttodie") share. Words of one letter are left out ("i", "a", "y" would cut other words
 * apart); a caller lets single letters in through `LoneLetterCost`. Walking the trie builds no
 * string, and the tables are reused from run to run.
 *
 * @internal
 */
export class KnownWords {
  private readonly root: TrieNode = { next: new Map(), end: false };
  /** cost[e]: cheapest split of letters[0, e) (Infinity: none); from[e]: where its last piece starts. */
  private cost = new Float64Array(32);
  private from = new Int32Array(32);

  /** @param words - lower case, accents stripped, letters not squeezed */
  constructor(words: Iterable<string>) {
    for (const word of words) {
      if (word.length < 2) continue;
      let node = this.root;
      for (let k = 0; k < word.length; k++) {
        const c = word.charCodeAt(k);
        let child = node.next.get(c);
        if (child === undefined) node.next.set(c, (child = { next: new Map(), end: false }));
        node = child;
      }
      node.end = true;
    }
  }

  /** Whether a known word starts with the character `code`. */
  starts(code: number): boolean {
    return this.root.next.has(code);
  }

  /**
   * The cheapest split of `letters` into known words and single letters, or `null` when there is
   * none (a letter that is no word's and may not stand alone).
   */
  split(letters: string, lone: LoneLetterCost): string[] | null {
    const n = letters.length;
    if (this.cost.length <= n) {
      this.cost = new Float64Array(2 * n + 2);
      this.from = new Int32Array(2 * n + 2);
    }
    const { cost, from } = this;
    cost.fill(Infinity, 0, n + 1);
    cost[0] = 0;
    for (let i = 0; i < n; i++) {
      const base = cost[i]!;
      if (base === Infinity) continue;
      let node: TrieNode | undefined = this.root;
      for (let k = i; k < n; k++) {
        node = node.next.get(letters.charCodeAt(k));
        if (node === undefined) break;
        if (node.end && base + 1 < cost[k + 1]!) {
          cost[k + 1] = base + 1;
          from[k + 1] = i;
        }
      }
      const single = base + lone(letters.charCodeAt(i));
      if (single < cost[i + 1]!) {
        cost[i + 1] = single;
        from[i + 1] = i;
      }
    }
    if (cost[n] === Infinity) return null;
    const pieces: string[] = [];
    for (let end = n; end > 0; end = from[end]!) pieces.push(letters.slice(from[end], end));
    return pieces.reverse();
  }
}
