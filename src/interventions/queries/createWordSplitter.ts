import type { LetterSegmenter } from './readQuery.js';

/** A node of the known words' trie: its children by character code, and whether a word ends. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
  end: boolean;
}

/**
 * Builds the splitter of tokens that run words together ("iwanttodie", "#iwanttodie",
 * "i-want-to-die"): a token is read as its words only when all of them are `words` (or the
 * pronoun "i") and there are at least `minPieces`; otherwise it comes back whole. Among the
 * splits it takes one with the fewest words.
 *
 * Unlike a run of spaced letters, a token is most often one ordinary word, so no unknown letter
 * is allowed, and every token of a query is looked at: the known words sit in a trie, so a
 * word that starts no known word costs a step or two, with no string built.
 *
 * @param words - known words, lower case, accents stripped, letters not squeezed
 * @param minPieces - fewest words a split must have
 * @returns the splitter
 *
 * @internal
 */
export function createWordSplitter(words: Iterable<string>, minPieces: number): LetterSegmenter {
  const root: TrieNode = { next: new Map(), end: false };
  for (const word of words) {
    if (word.length < 2) continue;
    let node = root;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = { next: new Map(), end: false }));
      node = child;
    }
    node.end = true;
  }
  const I = 'i'.charCodeAt(0);
  // pieces[e]: fewest known words covering letters[0, e) (Infinity: none); from[e]: where the
  // last of them starts. Reused from token to token, grown for a longer one.
  let pieces = new Float64Array(32);
  let from = new Int32Array(32);
  return (letters) => {
    const n = letters.length;
    // Most tokens are one ordinary word that starts no known word: no table is filled for them.
    if (letters.charCodeAt(0) !== I && !root.next.has(letters.charCodeAt(0))) return [letters];
    if (pieces.length <= n) {
      pieces = new Float64Array(2 * n + 2);
      from = new Int32Array(2 * n + 2);
    }
    pieces.fill(Infinity, 0, n + 1);
    pieces[0] = 0;
    for (let i = 0; i < n; i++) {
      const base = pieces[i]!;
      if (base === Infinity) continue;
      if (letters.charCodeAt(i) === I && base + 1 < pieces[i + 1]!) {
        pieces[i + 1] = base + 1;
        from[i + 1] = i;
      }
      let node: TrieNode | undefined = root;
      for (let k = i; k < n; k++) {
        node = node.next.get(letters.charCodeAt(k));
        if (node === undefined) break;
        if (node.end && base + 1 < pieces[k + 1]!) {
          pieces[k + 1] = base + 1;
          from[k + 1] = i;
        }
      }
    }
    if (pieces[n]! < minPieces || pieces[n] === Infinity) return [letters];
    const out: string[] = [];
    for (let end = n; end > 0; end = from[end]!) out.push(letters.slice(from[end], end));
    return out.reverse();
  };
}
