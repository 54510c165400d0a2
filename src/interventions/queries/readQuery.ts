import { EvasiveStream } from '../../taxonomy/evasive/EvasiveStream.js';
import { normalizeEvasive, normalizeWith } from '../../taxonomy/evasive/normalizeEvasive.js';

/**
 * One word of a search query as the interceptor reads it.
 *
 * @internal
 */
export interface QueryWord {
  /** The word for the taxonomy's matcher: the query's token, or what reading made of it. */
  readonly raw: string;
  /** Its evasive normal form (never empty). */
  readonly norm: string;
  /** Written as a hashtag (`#ana`). */
  readonly tag: boolean;
  /** A number stands right before it ("5 kms", "10kms"). */
  readonly afterNumber: boolean;
}

/** Splits a run of letters into words; returns the run whole when it knows none. */
export type LetterSegmenter = (letters: string) => readonly string[];

/** A segmenter that never splits. */
const wholeWord: LetterSegmenter = (letters) => [letters];

/**
 * Contractions and texting forms as they are spelt, and the plain words the vocabulary is
 * written in. They are looked up by their evasive normal form, so "w4nna" and "WANNA" are
 * "wanna".
 */
const EXPANSIONS: readonly (readonly [string, readonly string[]])[] = [
  // English
  ['2', ['to']],
  ['wanna', ['want', 'to']],
  ['gonna', ['going', 'to']],
  ['gunna', ['going', 'to']],
  ['tryna', ['trying', 'to']],
  ['imma', ['i', 'am', 'going', 'to']],
  ['im', ['i', 'am']],
  ['dont', ['do', 'not']],
  ['cant', ['can', 'not']],
  ['cannot', ['can', 'not']],
  ['wont', ['will', 'not']],
  ['isnt', ['is', 'not']],
  ['doesnt', ['does', 'not']],
  ['didnt', ['did', 'not']],
  ['whats', ['what', 'is']],
  ['u', ['you']],
  ['ur', ['your']],
  ['urself', ['yourself']],
  ['rn', ['right', 'now']],
  // French
  ['jveux', ['je', 'veux']],
  ['jvais', ['je', 'vais']],
  ['jsuis', ['je', 'suis']],
  ['chui', ['je', 'suis']],
  ['veu', ['veux']],
  // Spanish and Portuguese: k and q for qu
  ['kiero', ['quiero']],
  ['kero', ['quero']],
  ['qro', ['quero']],
  ['qero', ['quero']],
  ['ke', ['que']],
  ['vc', ['voce']],
];

/** The spellings of {@link EXPANSIONS}, which a run of spaced letters may spell too. */
export const EXPANDED_SPELLINGS: readonly string[] = EXPANSIONS.map(([spelling]) => spelling);

/**
 * The words each contraction or texting form stands for, by its normal form: a frozen
 * null-prototype table built once at load (a few dozen entries), so any word is a safe key.
 */
const EXPANSIONS_BY_NORM: Readonly<Record<string, readonly QueryWord[]>> = /* @__PURE__ */ (() => {
  const byNorm = Object.create(null) as Record<string, readonly QueryWord[]>;
  for (const [spelling, words] of EXPANSIONS) {
    byNorm[normalizeEvasive(spelling)] = Object.freeze(
      words.map((raw) =>
        Object.freeze({ raw, norm: normalizeEvasive(raw), tag: false, afterNumber: false }),
      ),
    );
  }
  return Object.freeze(byNorm);
})();

/** The words a contraction or texting form stands for, by its normal form. */
function expansionOf(norm: string): readonly QueryWord[] | undefined {
  return EXPANSIONS_BY_NORM[norm];
}

/**
 * Combining accents and invisible characters (zero-width spaces and joiners, soft hyphens,
 * byte-order marks): the normal form drops them from words, so the steps that look at a token's
 * characters before it skip them too.
 */
const IGNORED = '[\\p{M}\\p{Cf}]';
/**
 * French elided articles and pronouns before a word ("j'ai", "m'automutiler", "qu'il"), with
 * {@link IGNORED} characters anywhere around the apostrophe ("j\u200b'ai").
 */
const ELISION = new RegExp(
  `^(q${IGNORED}*u|[cdjlmnst])${IGNORED}*['’]${IGNORED}*(\\p{L}.*)$`,
  'iu',
);
/** What an elided word's letters are read without. */
const MARKS_AND_INVISIBLE = new RegExp(IGNORED, 'gu');
const ELIDED: Readonly<Record<string, string>> = {
  c: 'ce',
  d: 'de',
  j: 'je',
  l: 'le',
  m: 'me',
  n: 'ne',
  s: 'se',
  t: 'te',
  qu: 'que',
};
/** A number written against its unit ("10kms", "5km"). */
const NUMBER_UNIT = /^(\d+(?:[.,]\d+)?)(\p{L}+)$/u;
const NUMBER = /^\d+(?:[.,]\d+)?$/u;
/**
 * The whitespace that ends a word of a query. U+FEFF counts as whitespace for `\s`, but it is an
 * invisible character that evaders put inside words ("kill\ufeffmyself"), so it does not end one.
 */
const WHITESPACE =
  '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** A run without whitespace. */
const TOKEN = new RegExp(`[^${WHITESPACE}]+`, 'gu');
/**
 * Whitespace between the words of a query, for splitting it as {@link readQuery} reads it: with
 * `\s`, "depres\ufeffsa" was two words, "depres" and "sa".
 *
 * @internal
 */
export const QUERY_SPACES = new RegExp(`[${WHITESPACE}]+`, 'u');

/** Shortest run of single spaced letters that is read as one word ("k i l l", "u m"). */
const MIN_LETTER_RUN = 2;

interface Token {
  raw: string;
  norm: string;
  tag: boolean;
  afterNumber: boolean;
}

/**
 * Reads the first `maxWords` words of a search query: each token in the evasive normal form, a
 * French elision split off ("j'ai" → "je ai"), a number split from its unit ("10kms"), a run of
 * two or more single spaced letters joined and split into known words ("i w a n t t o d i e"
 * → "i want to die"), contractions and texting forms expanded ("wanna" → "want to"). Tokens
 * without letters or digits (emoji, punctuation) are dropped.
 *
 * @param text - the query, already capped in length
 * @param maxWords - most tokens kept (those with letters or digits)
 * @param segment - splits a joined run of letters into words
 * @param splitWord - splits one token of six letters or more into the words run together in it
 *   (by default, never)
 * @returns the words, at most a few per token read
 *
 * @internal
 */
export function readQuery(
  text: string,
  maxWords: number,
  segment: LetterSegmenter,
  splitWord: LetterSegmenter = wholeWord,
  stream: EvasiveStream = new EvasiveStream(),
): QueryWord[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let afterNumber = false;
  // Tokens without a normal form (a lone "." between spaced letters) do not count as words; the
  // caller's cap on the text's length bounds how many are looked at.
  for (let m = TOKEN.exec(text); m !== null && tokens.length < maxWords; m = TOKEN.exec(text)) {
    let raw = m[0];
    const tag = raw.startsWith('#') || raw.startsWith('＃');
    const elision = ELISION.exec(raw);
    if (elision !== null) {
      const elided = elision[1]!.replace(MARKS_AND_INVISIBLE, '').toLowerCase();
      push(tokens, ELIDED[elided]!, tag, afterNumber, stream);
      raw = elision[2]!;
      afterNumber = false;
    }
    const unit = NUMBER_UNIT.exec(raw);
    if (unit !== null) {
      push(tokens, unit[1]!, tag, afterNumber, stream);
      push(tokens, unit[2]!, false, true, stream);
      afterNumber = false;
      continue;
    }
    afterNumber = push(tokens, raw, tag, afterNumber, stream) && NUMBER.test(raw);
  }
  const words: QueryWord[] = [];
  for (let i = 0; i < tokens.length;) {
    let end = i;
    while (end < tokens.length && isLetter(tokens[end]!.norm)) end++;
    if (end - i >= MIN_LETTER_RUN) {
      let letters = '';
      for (let j = i; j < end; j++) letters += tokens[j]!.norm;
      appendPieces(words, segment(letters), tokens[i]!.tag, false, stream);
      i = end;
      continue;
    }
    splitJoined(words, tokens[i]!, splitWord, stream);
    i++;
  }
  return words;
}

/**
 * Shortest token, in letters, that is split into known words when it is several run together:
 * "iwanttodie", "#iwanttodie" and "i-want-to-die" (separators are dropped) hold a phrase that
 * does not start where the token does, so no phrase matched them whole.
 */
const MIN_JOINED = 6;

/**
 * Appends a token, or the words `splitWord` finds it is made of when it is several run together
 * ("iwanttodie" → "i want to die"). A token of digits or of leetspeak stays whole: only letters
 * are split.
 */
function splitJoined(
  words: QueryWord[],
  token: Token,
  splitWord: LetterSegmenter,
  stream: EvasiveStream,
): void {
  const letters = token.norm.length >= MIN_JOINED ? joinedLetters(token.raw, stream) : null;
  const pieces = letters === null ? null : splitWord(letters);
  // The pieces of a hashtag are read as words: "#iwanttodie" is the phrase, not four tags.
  if (pieces !== null && pieces.length > 1)
    appendPieces(words, pieces, false, token.afterNumber, stream);
  else expand(words, token);
}

/** Appends the words a run of letters was split into. */
function appendPieces(
  words: QueryWord[],
  pieces: readonly string[],
  tag: boolean,
  afterNumber: boolean,
  stream: EvasiveStream,
): void {
  for (const raw of pieces) {
    const norm = normalizeWith(stream, raw);
    if (norm !== '') expand(words, { raw, norm, tag, afterNumber });
  }
}

/** What may join the words of one token: hyphens, underscores, dots, a leading `#`. */
const SEPARATORS = /[-_.#＃]/gu;

/** A token's {@link letterForm} without its separators, or `null` when it has other than letters. */
function joinedLetters(raw: string, stream: EvasiveStream): string | null {
  const plain = raw.replace(SEPARATORS, '');
  const lower = plain.toLowerCase();
  // An ASCII letter's normal form is the letter in lower case: the common case costs no more.
  if (ASCII_LETTERS.test(lower)) return lower;
  return LETTERS.test(plain) ? letterForm(plain, stream) : null;
}

const ASCII_LETTERS = /^[a-z]+$/;
/** Letters, with the {@link IGNORED} characters the normal form drops from between them. */
const LETTERS = new RegExp(`^(?:\\p{L}|${IGNORED})+$`, 'u');

/**
 * A word's letters as the segmenters read them, and as a run of spaced letters joins them: each
 * character in its evasive normal form (lower case, accents stripped, lookalikes read), the
 * letters not squeezed ("kill" stays "kill", so that "killmyself" still holds "kill").
 *
 * @internal
 */
export function letterForm(word: string, stream: EvasiveStream = new EvasiveStream()): string {
  let out = '';
  for (const ch of word) out += normalizeWith(stream, ch);
  return out;
}

/** Appends a word, or the words its contraction stands for. */
function expand(words: QueryWord[], word: QueryWord): void {
  const expansion = expansionOf(word.norm);
  if (expansion === undefined) words.push(word);
  else for (const w of expansion) words.push(word.tag ? { ...w, tag: true } : w);
}

/** Appends the token if it has a normal form; returns whether it did. */
function push(
  tokens: Token[],
  raw: string,
  tag: boolean,
  afterNumber: boolean,
  stream: EvasiveStream,
): boolean {
  const norm = normalizeWith(stream, raw);
  if (norm === '') return false;
  tokens.push({ raw, norm, tag, afterNumber });
  return true;
}

/** A single letter (not a digit) of the normal form. */
function isLetter(norm: string): boolean {
  if (norm.length !== 1) return false;
  const c = norm.charCodeAt(0);
  return c < 48 || c > 57;
}
