import { EvasiveStream } from './EvasiveStream.js';

/**
 * Normalises a hashtag or term to its evasive normal form, the key under which spelling
 * variants of one term coincide. The steps, in the order that holds up against deliberate
 * misspellings (Chancellor et al., CSCW 2016; Unicode UTS #39 for the confusable skeleton):
 *
 * 1. NFKC (full-width `ｔｈｉｎ`, mathematical `𝐭𝐡𝐢𝐧`, ligatures → plain letters);
 * 2. drop invisible characters, variation selectors, combining marks left over, and emoji;
 * 3. lower case (full case folding: `ß` → `ss`);
 * 4. leetspeak: `0 1 3 4 5 7 8 9` → `o i e a s t b g`, `@ $ € ¢` → `a s e c`, and `! | +` →
 *    `i l t` between letters — only in inputs that contain a letter, so `2024` stays a number;
 * 5. confusable skeleton: Cyrillic, Greek, Armenian, Cherokee, Coptic, Lisu and Latin-extension
 *    lookalikes → the Latin letter they imitate (`thіnspо` with Cyrillic і and о → `thinspo`);
 * 6. strip accents (`ø` → `o`, `é` → `e`);
 * 7. drop separators, punctuation, spaces and `#`;
 * 8. squeeze repeated letters (`thinspooo` → `thinspo`).
 *
 * The result is idempotent: normalising it again returns it unchanged.
 *
 * @param input - a hashtag, term or short phrase
 * @returns the normal form; empty when the input has no letters or digits
 *
 * @example
 * ```ts
 * import { normalizeEvasive } from 'feed-rebalancer';
 * normalizeEvasive('#Th1n_Sp000'); // 'thinspo'
 * normalizeEvasive('#thinsrpø'); // 'thinsrpo'
 * normalizeEvasive('#ѕеlfhаrm'); // 'selfharm' (Cyrillic ѕ е а)
 * ```
 */
export function normalizeEvasive(input: string): string {
  return normalizeWith(new EvasiveStream(), input);
}

/**
 * {@link normalizeEvasive} with the caller's stream, for callers that normalise many words (the
 * query reader, the crisis vocabulary): the stream's buffers and code-point cache are reused.
 *
 * @internal
 */
export function normalizeWith(stream: EvasiveStream, input: string): string {
  stream.load(input, false);
  let out = '';
  for (let i = 0; i < stream.length; i++) out += String.fromCodePoint(stream.codes[i]!);
  return out;
}
