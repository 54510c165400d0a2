import { KnownWords } from './KnownWords.js';
import type { LetterSegmenter } from './readQuery.js';

const I = 'i'.charCodeAt(0);
/** Only the pronoun "i" stands alone in a token of words run together. */
const onlyI = (code: number): number => (code === I ? 1 : Infinity);

/**
 * Builds the splitter of tokens that run words together ("iwanttodie", "#iwanttodie",
 * "i-want-to-die"): a token is read as its words only when all of them are `words` (or the
 * pronoun "i") and there are at least `minPieces`; otherwise it comes back whole. Among the
 * splits it takes one with the fewest words.
 *
 * Unlike a run of spaced letters, a token is most often one ordinary word, so no unknown letter
 * is allowed, and every token of a query is looked at: a word that starts no known word comes
 * back at once.
 *
 * @param words - known words, lower case, accents stripped, letters not squeezed
 * @param minPieces - fewest words a split must have
 * @returns the splitter
 *
 * @internal
 */
export function createWordSplitter(words: Iterable<string>, minPieces: number): LetterSegmenter {
  const known = new KnownWords(words);
  return (letters) => {
    const first = letters.charCodeAt(0);
    if (first !== I && !known.starts(first)) return [letters];
    const pieces = known.split(letters, onlyI);
    return pieces !== null && pieces.length >= minPieces ? pieces : [letters];
  };
}
