import { CONFUSABLE_CAPITALS, CONFUSABLE_LATIN } from './confusables.js';

/*
 * What each character of an input becomes in the evasive normal form. The normaliser works in
 * the order Chancellor et al. (CSCW 2016) and later moderation studies found to work against
 * deliberate misspellings: NFKC → drop invisible characters, variation selectors and emoji →
 * lower case → leetspeak digits and symbols → confusable skeleton (Unicode UTS #39) → strip
 * accents → drop separators and `#` → squeeze repeated letters. NFKC runs on the whole input
 * before this; squeezing and the context rules for digits and symbols run in EvasiveStream.
 */

/**
 * A letter (or a non-Latin digit) of the normal form; `code` is its code point.
 *
 * @internal
 */
export const LETTER = 1;
/**
 * An ASCII digit; leetspeak turns it into a letter inside a word that has letters.
 *
 * @internal
 */
export const DIGIT = 2;
/**
 * `_ - . *`, dashes and emoji: dropped between two word characters, a break elsewhere.
 *
 * @internal
 */
export const JOINER = 3;
/**
 * Whitespace: ends a word, but a phrase may continue across it.
 *
 * @internal
 */
export const SPACE = 4;
/**
 * Other punctuation and symbols: ends a word and a phrase.
 *
 * @internal
 */
export const BREAK = 5;
/**
 * `#`: starts a hashtag before a word, joins inside one.
 *
 * @internal
 */
export const HASH = 6;
/**
 * `@ $ € ¢`: a letter next to a word character (`$elfharm`, `mi@`), a break elsewhere.
 *
 * @internal
 */
export const LEET_LEAD = 7;
/**
 * `! | +`: a letter between two word characters (`th!nspo`), a break elsewhere.
 *
 * @internal
 */
export const LEET_INNER = 8;

/**
 * Leetspeak digits. 2 and 6 are left alone: they stand for words ("2day") or several letters
 * more often than for one.
 *
 * @internal
 */
export const DIGIT_LEET: Readonly<Record<number, number>> = {
  48: 111, // 0 → o
  49: 105, // 1 → i
  51: 101, // 3 → e
  52: 97, // 4 → a
  53: 115, // 5 → s
  55: 116, // 7 → t
  56: 98, // 8 → b
  57: 103, // 9 → g
};

/**
 * Per ASCII code: the kind in the low byte and the output code above it (`kind | code << 8`);
 * 0 drops the character (control characters).
 *
 * @internal
 */
export const ASCII_UNITS: Uint32Array = /* @__PURE__ */ (() => {
  const table = new Uint32Array(128);
  for (let c = 33; c < 127; c++) table[c] = BREAK | (c << 8);
  for (let c = 97; c <= 122; c++) table[c] = LETTER | (c << 8);
  for (let c = 65; c <= 90; c++) table[c] = LETTER | ((c + 32) << 8);
  for (let c = 48; c <= 57; c++) table[c] = DIGIT | (c << 8);
  for (const c of [9, 10, 11, 12, 13, 32]) table[c] = SPACE | (c << 8);
  for (const c of [42, 45, 46, 95]) table[c] = JOINER | (c << 8);
  table[35] = HASH | (35 << 8);
  table[64] = LEET_LEAD | (97 << 8); // @ → a
  table[36] = LEET_LEAD | (115 << 8); // $ → s
  table[33] = LEET_INNER | (105 << 8); // ! → i
  table[124] = LEET_INNER | (108 << 8); // | → l
  table[43] = LEET_INNER | (116 << 8); // + → t
  return table;
})();

/** Lookalike → ASCII letter code, from a generated UTS #39 table. */
function codeTable(table: Readonly<Record<string, string>>): ReadonlyMap<number, number> {
  const map = new Map<number, number>();
  for (const letter of Object.keys(table)) {
    for (const char of table[letter]!) map.set(char.codePointAt(0)!, letter.charCodeAt(0));
  }
  return map;
}

const CONFUSABLE = /* @__PURE__ */ codeTable(CONFUSABLE_LATIN);
const CAPITAL = /* @__PURE__ */ codeTable(CONFUSABLE_CAPITALS);

const NON_ASCII_LEET: ReadonlyMap<number, number> = new Map([
  [0x20ac, 101], // € → e
  [0x00a2, 99], // ¢ → c
]);

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const MARK = /^\p{M}$/u;
const EMOJI = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]$/u;
const WHITE = /^\s$/u;
const DASH = /^\p{Pd}$/u;
const WORD = /^[\p{L}\p{N}]$/u;

/**
 * Units of a non-ASCII code point: `[kind, code, kind, code, …]`; empty drops it.
 *
 * @internal
 */
export type Units = readonly number[];

const DROPPED: Units = Object.freeze([]);
const CACHE_LIMIT = 4096;

/**
 * The units a non-ASCII code point of NFKC-normalised text becomes. Classifying a code point
 * takes several regular expressions and normalisations; captions reuse few distinct characters,
 * so the caller keeps a bounded cache (each {@link EvasiveStream} has its own) that makes the
 * non-ASCII path cheap. Its contents are a pure function of the code point.
 *
 * @internal
 */
export function classifyCodePoint(cp: number, cache: Map<number, Units>): Units {
  let units = cache.get(cp);
  if (units === undefined) {
    units = classifyUncached(cp, cache);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cp, units);
  }
  return units;
}

function classifyUncached(cp: number, cache: Map<number, Units>): Units {
  const char = String.fromCodePoint(cp);
  if (IGNORABLE.test(char) || MARK.test(char)) return DROPPED;
  if (EMOJI.test(char)) return Object.freeze([JOINER, cp]);
  if (WHITE.test(char)) return Object.freeze([SPACE, cp]);
  const leet = NON_ASCII_LEET.get(cp);
  if (leet !== undefined) return Object.freeze([LEET_LEAD, leet]);
  if (DASH.test(char)) return Object.freeze([JOINER, cp]);
  // A few capitals look like another Latin letter than their lower case does (Greek Ν is N, ν
  // is v); they are read before case folding would lose that.
  const capital = CAPITAL.get(cp);
  if (capital !== undefined) return Object.freeze([LETTER, capital]);
  // Upper then lower case approximates full case folding (ß → ss, ς → σ), as normalizeTerm does.
  const folded = char.toUpperCase().toLowerCase();
  const out: number[] = [];
  for (const piece of folded) {
    const code = piece.codePointAt(0)!;
    if (code < 128) {
      const unit = ASCII_UNITS[code]!;
      if ((unit & 0xff) === LETTER) out.push(LETTER, unit >>> 8);
      continue;
    }
    const latin = CONFUSABLE.get(code);
    if (latin !== undefined) {
      out.push(LETTER, latin);
      continue;
    }
    // Strip accents: decompose and keep the base characters (é → e, ṡ → s), which may be
    // lookalikes in turn (Greek ά → α → a).
    for (const base of piece.normalize('NFD')) {
      const baseCode = base.codePointAt(0)!;
      const baseLatin = baseCode < 128 ? undefined : CONFUSABLE.get(baseCode);
      if (baseLatin !== undefined) out.push(LETTER, baseLatin);
      else if (WORD.test(base))
        out.push(LETTER, baseCode < 128 ? base.toLowerCase().charCodeAt(0) : baseCode);
    }
  }
  if (out.length > 0) return Object.freeze(settle(out, cp, cache));
  return WORD.test(char) ? DROPPED : Object.freeze([BREAK, cp]);
}

/**
 * Classifies again every non-ASCII letter a code point became, so the result is a fixed point
 * and normalising twice changes nothing: `ẞ` folds to `ß`, which folds to `ss` in turn.
 */
function settle(units: number[], cp: number, cache: Map<number, Units>): number[] {
  const out: number[] = [];
  for (let k = 0; k < units.length; k += 2) {
    const code = units[k + 1]!;
    if (code < 128 || code === cp) {
      out.push(units[k]!, code);
      continue;
    }
    const again = classifyCodePoint(code, cache);
    if (again.length === 0) out.push(units[k]!, code);
    else for (let j = 0; j < again.length; j++) out.push(again[j]!);
  }
  return out;
}

/**
 * Whether a normal-form code point is a Latin consonant (y counts as a vowel, as in spelling
 * edits): a doubled consonant can make another word ("ana", "anna"), a doubled vowel rarely does.
 *
 * @internal
 */
export function isConsonant(c: number): boolean {
  return c >= 98 && c <= 122 && c !== 101 && c !== 105 && c !== 111 && c !== 117 && c !== 121;
}
