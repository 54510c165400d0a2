import { KnownWords } from './KnownWords.js';
import type { LetterSegmenter } from './readQuery.js';

/** Cost of a letter no known word covers: far above any number of known words. */
const UNKNOWN_LETTER = 1_000;
const anyLetter = (): number => UNKNOWN_LETTER;

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
  const known = new KnownWords(words);
  return (letters) => {
    // Every letter may stand alone, so a split always exists.
    const pieces = known.split(letters, anyLetter)!;
    // Only a split into known words and lone letters ("i", "want", "to", "die") is trusted; two
    // letters no word covers side by side are one misspelt word more likely than known words
    // around unknown ones ("scar" + "ifie" for "scarifie"), and whole it can still be corrected.
    // Known words have two letters or more, so a piece of one letter is a lone letter.
    for (let k = 1; k < pieces.length; k++)
      if (pieces[k]!.length === 1 && pieces[k - 1]!.length === 1) return [letters];
    return pieces;
  };
}
