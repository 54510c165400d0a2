import type { LetterSegmenter } from './readQuery.js';

/** Cost of a letter no known word covers: far above any number of known words. */
const UNKNOWN_LETTER = 1_000;

/**
 * Builds the splitter for runs of spaced letters: "i w a n t t o d i e" is typed to dodge a
 * filter, and joined it is one word, "iwanttodie", that no phrase matches on word boundaries.
 * The run is split into known words by dynamic programming — as many letters covered by known
 * words as possible, then as few words as possible. Only a split into known words and lone
 * letters is kept ("i", "want", "to", "die"); otherwise the run stays one word
 * ("s c a r i f i e" → "scarifie", which a spelling edit can still read as "scarifier").
 *
 * @param words - known words, lower case, accents stripped, letters not squeezed; words of one
 *   letter are ignored
 * @returns the splitter; a run it cannot split into known words comes back whole
 *
 * @internal
 */
export function createLetterSegmenter(words: Iterable<string>): LetterSegmenter {
  const known = new Set<string>();
  let longest = 0;
  for (const word of words) {
    // One-letter words ("i", "a", "y") would cut unknown words apart; a lone unknown letter
    // comes out as a word of its own anyway.
    if (word.length < 2) continue;
    known.add(word);
    if (word.length > longest) longest = word.length;
  }
  return (letters) => {
    const n = letters.length;
    // cost[i]: cheapest split of letters[0, i); from[i]: where its last word starts; unknown[i]:
    // whether that word is unknown letters.
    const cost = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1);
    const unknown = new Uint8Array(n + 1);
    cost[0] = 0;
    for (let i = 0; i < n; i++) {
      const base = cost[i]!;
      if (base === Infinity) continue;
      for (let end = i + 1; end <= n && end - i <= longest; end++) {
        if (!known.has(letters.slice(i, end))) continue;
        if (base + 1 < cost[end]!) {
          cost[end] = base + 1;
          from[end] = i;
          unknown[end] = 0;
        }
      }
      // Unknown letters, one at a time; a later pass merges neighbours into one word.
      if (base + UNKNOWN_LETTER < cost[i + 1]!) {
        cost[i + 1] = base + UNKNOWN_LETTER;
        from[i + 1] = i;
        unknown[i + 1] = 1;
      }
    }
    const pieces: { text: string; unknown: boolean }[] = [];
    for (let end = n; end > 0; end = from[end]!) {
      const piece = { text: letters.slice(from[end], end), unknown: unknown[end] === 1 };
      const next = pieces[pieces.length - 1];
      if (piece.unknown && next?.unknown === true) next.text = piece.text + next.text;
      else pieces.push(piece);
    }
    // Only a split into known words (and lone letters, such as "i") is trusted; anything else
    // is one misspelt word more likely than known words around unknown ones ("scar" + "ifie"
    // for "scarifie"), and whole it can still be corrected.
    if (pieces.some((piece) => piece.unknown && piece.text.length > 1)) return [letters];
    return pieces.reverse().map((piece) => piece.text);
  };
}
