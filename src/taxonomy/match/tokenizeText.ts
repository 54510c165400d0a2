import { normalizeTerm } from './normalizeTerm.js';

/** A plain word that follows the word before it across whitespace only, so may join a phrase. @internal */
export const WORD_CONTINUES = 0;
/** A plain word after punctuation or at the start: a phrase starts here. @internal */
export const WORD_STARTS = 1;
/** A hashtag written in the text (`#word`): matched alone, never joined into a phrase. @internal */
export const TAG = 2;

/**
 * The words of a text, normalised as {@link normalizeTerm} does, with what separates each from
 * the one before.
 *
 * @internal
 */
export interface TextTokens {
  /** Normalised words and hashtags, in text order. */
  readonly words: readonly string[];
  /** Per word: `WORD_CONTINUES`, `WORD_STARTS` or `TAG`. */
  readonly kinds: readonly number[];
}

/** Per ASCII code: 0 other, 1 word character, 2 joiner, 3 whitespace, 4 `#`. */
const ASCII_KIND = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) table[c] = 1;
  for (let c = 65; c <= 90; c++) table[c] = 1;
  for (let c = 97; c <= 122; c++) table[c] = 1;
  for (const c of [45, 46, 95]) table[c] = 2;
  for (const c of [9, 10, 11, 12, 13, 32]) table[c] = 3;
  table[35] = 4;
  return table;
})();

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// The invisible characters and dashes `normalizeTerm` drops; BOM counts as one here, not as space.
const JOINER = /^(?:[\u00ad\u180e\u200b-\u200f\u2010-\u2015\u2060-\u2064\ufeff]|\u034f)$/u;
const SPACE = /\s/u;

function kindOf(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_KIND[code]!;
  const char = String.fromCodePoint(text.codePointAt(i)!);
  if (WORD_CHAR.test(char)) return 1;
  if (JOINER.test(char)) return 2;
  return SPACE.test(char) ? 3 : 0;
}

/**
 * Splits free text into whole words and hashtags. A word is a run of letters, digits and marks;
 * `_`, `-`, `.`, dashes, `#` and invisible characters between two word characters join them
 * (`thin_spo`, `pro-ana`, `thin\u200bspo` are one word), so a term hidden by separators is still
 * one word. `#` before a word makes it a hashtag. Whitespace separates words of one phrase; any
 * other character (punctuation, emoji, a separator not between word characters) ends the phrase.
 * Non-ASCII text is NFKC-composed first, so a full-width `＃` is a `#`.
 *
 * @param input - free text (a caption, a title)
 * @returns its words and hashtags, normalised, in text order
 * @internal
 */
export function tokenizeText(input: string): TextTokens {
  const ascii = isAscii(input);
  const text = ascii ? input : input.normalize('NFKC');
  const length = text.length;
  const words: string[] = [];
  const kinds: number[] = [];
  let raw = ''; // the current word's characters before `piece`, joiners left out
  let piece = -1; // start of the current run of word characters, or -1 outside a word
  let upper = false; // whether the current (ASCII) word has a capital to fold
  let tag = false;
  let startsPhrase = true;
  for (let i = 0; i <= length;) {
    const code = text.charCodeAt(i);
    // Indexed ASCII lookups first: this loop runs for every character of every caption.
    const kind = code < 128 ? ASCII_KIND[code]! : i < length ? kindOf(text, i) : 0;
    const width = code >= 0xd800 && code < 0xdc00 ? 2 : 1;
    if (kind === 1) {
      if (piece < 0) piece = i;
      if (code <= 90 && code >= 65) upper = true;
      i += width;
      continue;
    }
    const inWord = piece >= 0 || raw !== '';
    let next = 0;
    if (kind === 2 || kind === 4) {
      const after = text.charCodeAt(i + width);
      next = after < 128 ? ASCII_KIND[after]! : kindOf(text, i + width);
    }
    if (inWord && (kind === 2 || kind === 4) && (next === 1 || next === 2 || next === 4)) {
      // A separator inside a word: drop it and keep the word going.
      if (piece >= 0) raw += text.slice(piece, i);
      piece = -1;
    } else if (!inWord && kind === 4 && next === 1) {
      tag = true;
    } else {
      if (inWord) {
        const word =
          piece < 0 ? raw : raw === '' ? text.slice(piece, i) : raw + text.slice(piece, i);
        words.push(!ascii ? normalizeTerm(word) : upper ? word.toLowerCase() : word);
        kinds.push(tag ? TAG : startsPhrase ? WORD_STARTS : WORD_CONTINUES);
        raw = '';
        piece = -1;
        upper = false;
        // A hashtag is matched alone, so the word after it cannot join a phrase through it.
        startsPhrase = tag;
        tag = false;
      }
      if (kind !== 3) startsPhrase = true;
    }
    i += width;
  }
  return { words, kinds };
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}
