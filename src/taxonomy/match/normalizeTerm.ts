/**
 * Characters a term drops wherever they occur: `#`, whitespace, `_`, `-`, `.`, the dashes
 * U+2010–U+2015, and invisible characters (soft hyphen, combining grapheme joiner, Mongolian vowel
 * separator, zero-width space/joiners, direction marks, word joiner, invisible operators, BOM).
 * Spammers insert exactly these to split a moderated tag without changing how it looks.
 */
// U+034F is a combining mark, so it stands outside the class (a class would attach it to its neighbour).
const SEPARATORS = /[#\s_\-.\u00ad\u180e\u200b-\u200f\u2010-\u2015\u2060-\u2064\ufeff]|\u034f/gu;

/** Per ASCII code: 0 keep, 1 upper-case letter, 2 separator. */
const ASCII_CLASS = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (let c = 65; c <= 90; c++) table[c] = 1;
  for (const c of [9, 10, 11, 12, 13, 32, 35, 45, 46, 95]) table[c] = 2;
  return table;
})();

/**
 * Normalises a hashtag or term for exact comparison: Unicode compatibility composition (NFKC, so
 * full-width `＃ＴＨＩＮＳＰＯ` reads as `#THINSPO`), case folding, and removal of `#` and of the
 * separators users insert to dodge moderated tags (spaces, `_`, `-`, `.`, zero-width characters).
 * This is the first stage of the normalisation order the evasive-spelling literature recommends
 * (NFKC, drop invisible characters, lower case; Chancellor et al., CSCW 2016, on how pro-ED tags
 * mutate after moderation). ASCII input, the common case, skips NFKC: it cannot change ASCII.
 *
 * The result is idempotent (`normalizeTerm(normalizeTerm(s)) === normalizeTerm(s)`) and the
 * same for any casing or separators of the input.
 *
 * @param term - a hashtag or term, with or without `#`
 * @returns the normalised term; empty when the input holds only `#` and separators
 *
 * @example
 * ```ts
 * import { normalizeTerm } from 'feed-rebalancer';
 * normalizeTerm('#Thin_Spo'); // 'thinspo'
 * normalizeTerm('＃ＴＨＩＮＳＰＯ'); // 'thinspo'
 * ```
 */
export function normalizeTerm(term: string): string {
  const length = term.length;
  let upper = false;
  let separators = false;
  for (let i = 0; i < length; i++) {
    const code = term.charCodeAt(i);
    if (code >= 128) return normalizeUnicode(term);
    const kind = ASCII_CLASS[code];
    if (kind === 1) upper = true;
    else if (kind === 2) separators = true;
  }
  // Most hashtags are already lower case; skip the allocations when nothing changes.
  const lower = upper ? term.toLowerCase() : term;
  return separators ? dropAsciiSeparators(lower) : lower;
}

/** Copies the runs between separators; cheaper than a regular expression on short strings. */
function dropAsciiSeparators(term: string): string {
  let out = '';
  let start = 0;
  const length = term.length;
  for (let i = 0; i < length; i++) {
    if (ASCII_CLASS[term.charCodeAt(i)] === 2) {
      if (i > start) out += term.slice(start, i);
      start = i + 1;
    }
  }
  return start < length ? out + term.slice(start) : out;
}

/**
 * The full path. Separators go before case mapping (so `ΑΣ-Α` and `ΑΣΑ` fold alike) and a second
 * NFKC recomposes what removing an invisible character or case mapping left decomposed
 * (`e`, zero-width space, combining acute → `é`). Lower, upper, then lower case approximates
 * Unicode full case folding (`ẞ` → `ß` → `ss`), and final sigma folds to σ as case folding does.
 */
function normalizeUnicode(term: string): string {
  const compatible = term.normalize('NFKC').replace(SEPARATORS, '');
  const folded = compatible.toLowerCase().toUpperCase().toLowerCase().replace(/ς/g, 'σ');
  return folded.normalize('NFKC');
}
