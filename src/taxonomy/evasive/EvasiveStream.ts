// Over 250 lines on purpose: one class whose buffers (codes, flags, kinds, units) share invariants
// that every method keeps; split across files, a reader would lose the one place they are stated.

import {
  ASCII_UNITS,
  BREAK,
  DIGIT,
  DIGIT_LEET,
  HASH,
  JOINER,
  LEET_INNER,
  LEET_LEAD,
  LETTER,
  SPACE,
  classifyCodePoint,
  type Units,
  isConsonant,
} from './classifyChar.js';

/**
 * Flag of a normal-form character that starts a word.
 *
 * @internal
 */
export const WORD_START = 1;
/**
 * Flag of a character after punctuation or emoji: a phrase cannot run across it.
 *
 * @internal
 */
export const PHRASE_BREAK = 2;
/**
 * Flag of the first character of a hashtag written in text (`#ana`).
 *
 * @internal
 */
export const HASHTAG = 4;
/**
 * Flag of a normal-form character that stands for a consonant written twice or more in a row
 * (text mode; tag mode keeps the same in `doubledMask`).
 *
 * @internal
 */
export const DOUBLED = 8;

/**
 * The evasive normal form of one input, written into buffers that are reused from call to call
 * so the hot path allocates nothing. Two modes:
 *
 * - tag mode: the whole input is one hashtag; every separator, space and `#` is dropped and
 *   repeated letters are squeezed throughout (`#Thin_Spooo` → `thinspo`).
 * - text mode: words, phrases and hashtags are kept apart by per-character flags, so a matcher
 *   can insist that a term starts and ends on word boundaries ("ana" never inside "banana") and
 *   that short code words appear only as `#tags`. Separators between two word characters join
 *   them (`thin_spo`, `thin\u200bspo` are one word), as the exact matcher's tokenizer does.
 *
 * Leetspeak applies only inside a token (a run without whitespace) that has a letter, so `2024`
 * and `$5` stay what they are while `th1nspo` and `$elfharm` are read as words.
 *
 * @internal
 */
export class EvasiveStream {
  /** Normal-form code points; the first `length` are valid. */
  codes = new Int32Array(64);
  /** Per normal-form character: `WORD_START`, `PHRASE_BREAK`, `HASHTAG` bits (text mode only). */
  flags = new Uint8Array(64);
  /** Number of normal-form characters. */
  length = 0;
  /**
   * Tag mode: bit `p` is set when normal-form character `p` (of the first 31) stands for a
   * doubled consonant. Short code words use it: "anna" squeezes to "ana", but is a name.
   */
  doubledMask = 0;

  /**
   * Which characters of `codes[start, end)` stand for a doubled consonant, one bit each from
   * `start` (ranges of at most 31 characters; in tag mode within the first 31).
   */
  doubledIn(start: number, end: number): number {
    const span = end - start;
    if (!this.text) return (this.doubledMask >>> start) & ((1 << span) - 1);
    let bits = 0;
    for (let i = start; i < end; i++)
      if ((this.flags[i]! & DOUBLED) !== 0) bits |= 1 << (i - start);
    return bits;
  }

  private text = false;
  private kinds = new Uint8Array(64);
  private units = new Int32Array(64);
  private count = 0;
  /** Units of the non-ASCII code points met so far (bounded; see `classifyCodePoint`). */
  private readonly codePoints = new Map<number, Units>();

  /** Normalises `input` into `codes` (and `flags` in text mode). */
  load(input: string, text: boolean): void {
    this.text = text;
    this.decode(input);
    if (this.codes.length < this.count) {
      this.codes = new Int32Array(this.count * 2);
      this.flags = new Uint8Array(this.count * 2);
    }
    if (text) this.emitText();
    else this.emitTag();
  }

  /** NFKC, then one unit (kind and code) per character that survives classification. */
  private decode(input: string): void {
    const n = input.length;
    this.reserve(n);
    let count = 0;
    let i = 0;
    // ASCII fast path: NFKC cannot change ASCII, and a table lookup classifies each character.
    for (; i < n; i++) {
      const c = input.charCodeAt(i);
      if (c >= 128) break;
      const unit = ASCII_UNITS[c]!;
      if (unit === 0) continue;
      this.kinds[count] = unit & 0xff;
      this.units[count] = unit >>> 8;
      count++;
    }
    if (i < n) {
      const text = input.normalize('NFKC');
      count = 0;
      for (let j = 0; j < text.length;) {
        const cp = text.codePointAt(j)!;
        j += cp > 0xffff ? 2 : 1;
        if (cp < 128) {
          const unit = ASCII_UNITS[cp]!;
          if (unit === 0) continue;
          this.reserve(count + 1);
          this.kinds[count] = unit & 0xff;
          this.units[count] = unit >>> 8;
          count++;
          continue;
        }
        const pieces = classifyCodePoint(cp, this.codePoints);
        this.reserve(count + (pieces.length >> 1));
        for (let k = 0; k < pieces.length; k += 2) {
          this.kinds[count] = pieces[k]!;
          this.units[count] = pieces[k + 1]!;
          count++;
        }
      }
    }
    this.count = count;
  }

  private reserve(size: number): void {
    if (this.kinds.length >= size) return;
    const kinds = new Uint8Array(size * 2);
    const units = new Int32Array(size * 2);
    kinds.set(this.kinds);
    units.set(this.units);
    this.kinds = kinds;
    this.units = units;
  }

  private isWord(j: number): boolean {
    if (j < 0 || j >= this.count) return false;
    const kind = this.kinds[j]!;
    return kind === LETTER || kind === DIGIT;
  }

  /**
   * Whether the nearest unit in direction `step` from `j` is a word character. Joiners and emoji
   * are skipped (`$🦴elfharm` is `$elfharm`), and so are `$ @ € ¢` when `throughLead` (`$@icide`);
   * in tag mode spaces and punctuation vanish too, so they are skipped as well.
   */
  private wordBeside(j: number, step: number, tag: boolean, throughLead: boolean): boolean {
    let k = j + step;
    while (k >= 0 && k < this.count) {
      const kind = this.kinds[k]!;
      const skip =
        kind === JOINER ||
        (throughLead && kind === LEET_LEAD) ||
        (tag && (kind === SPACE || kind === BREAK || kind === HASH));
      if (!skip) break;
      k += step;
    }
    return this.isWord(k);
  }

  /** Whether the first unit after a run of joiners and `#` from `j` on is a word character. */
  private joinsWord(j: number): boolean {
    while (j < this.count && (this.kinds[j] === JOINER || this.kinds[j] === HASH)) j++;
    return this.isWord(j);
  }

  /** The letter a unit stands for in a token with or without letters, or -1 if it is none. */
  private letterOf(j: number, hasLetter: boolean, tag: boolean): number {
    const code = this.units[j]!;
    switch (this.kinds[j]) {
      case LETTER:
        return code;
      case DIGIT:
        return hasLetter ? (DIGIT_LEET[code] ?? code) : code;
      case LEET_LEAD:
        return hasLetter && (this.wordBeside(j, 1, tag, true) || this.wordBeside(j, -1, tag, true))
          ? code
          : -1;
      case LEET_INNER:
        return hasLetter && this.wordBeside(j, -1, tag, false) && this.wordBeside(j, 1, tag, false)
          ? code
          : -1;
      default:
        return -1;
    }
  }

  private emitTag(): void {
    const kinds = this.kinds;
    const units = this.units;
    const codes = this.codes;
    const count = this.count;
    let hasLetter = false;
    let plain = true;
    for (let j = 0; j < count; j++) {
      const kind = kinds[j]!;
      if (kind === LETTER) hasLetter = true;
      else if (kind !== HASH && kind !== JOINER && kind !== SPACE && kind !== BREAK) plain = false;
    }
    let length = 0;
    let previous = -1;
    let doubled = 0;
    if (plain) {
      // Most hashtags are letters and separators only: no context rule applies, so copy the
      // letters and squeeze without per-unit dispatch.
      for (let j = 0; j < count; j++) {
        if (kinds[j] !== LETTER) continue;
        const c = units[j]!;
        if (c === previous) {
          if (isConsonant(c) && length <= 31) doubled |= 1 << (length - 1);
          continue;
        }
        codes[length++] = c;
        previous = c;
      }
    } else {
      for (let j = 0; j < count; j++) {
        const c = this.letterOf(j, hasLetter, true);
        if (c < 0) continue;
        if (c === previous) {
          if (isConsonant(c) && length <= 31) doubled |= 1 << (length - 1);
          continue;
        }
        codes[length++] = c;
        previous = c;
      }
    }
    this.length = length;
    this.doubledMask = doubled;
  }

  private emitText(): void {
    const codes = this.codes;
    const flags = this.flags;
    let length = 0;
    let previous = -1;
    let inWord = false;
    let inHashtag = false;
    let pending = 0;
    let tokenEnd = 0;
    let hasLetter = false;
    for (let j = 0; j < this.count; j++) {
      const kind = this.kinds[j]!;
      if (kind === SPACE) {
        if (inWord && inHashtag) pending |= PHRASE_BREAK; // a hashtag stands alone
        inWord = inHashtag = false;
        continue;
      }
      if (j >= tokenEnd) {
        // A new token: find where it ends and whether leetspeak applies in it.
        hasLetter = false;
        tokenEnd = j;
        while (tokenEnd < this.count && this.kinds[tokenEnd] !== SPACE) {
          if (this.kinds[tokenEnd] === LETTER) hasLetter = true;
          tokenEnd++;
        }
      }
      const c = this.letterOf(j, hasLetter, false);
      if (c < 0) {
        if ((kind === JOINER || kind === HASH) && inWord && this.joinsWord(j + 1)) continue;
        if (inWord && inHashtag) pending |= PHRASE_BREAK;
        inWord = inHashtag = false;
        pending |= PHRASE_BREAK;
        if (kind === HASH && this.joinsWord(j + 1)) pending |= HASHTAG;
        continue;
      }
      let flag = 0;
      if (!inWord) {
        flag = WORD_START | pending;
        inHashtag = (pending & HASHTAG) !== 0;
        inWord = true;
        pending = 0;
        previous = -1;
      }
      if (c === previous) {
        if (isConsonant(c)) flags[length - 1]! |= DOUBLED;
        continue;
      }
      codes[length] = c;
      flags[length] = flag;
      length++;
      previous = c;
    }
    this.length = length;
  }
}
