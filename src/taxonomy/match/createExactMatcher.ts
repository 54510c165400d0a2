import { normalizeTerm } from './normalizeTerm.js';
import { TAG, WORD_CONTINUES, tokenizeText } from './tokenizeText.js';
import type { TermEntry, TermMatcher } from './types.js';

/**
 * Terms of at most this many characters (after normalisation) match only whole hashtags: short
 * code names such as "ana", "mia", "sh" and "kms" are also ordinary names and words, so as plain
 * words of text they would mostly label unrelated posts.
 *
 * @internal
 */
export const SHORT_TERM_LENGTH = 3;

/** Most words of text joined into one phrase: "eating disorder recovery". */
const MAX_PHRASE_WORDS = 3;

/** Raw hashtags whose answers `matchTag` remembers, and the longest tag worth remembering. */
const MEMO_SIZE = 4_096;
const MEMO_TAG_LENGTH = 64;

/** Largest total length of text terms for which every prefix is kept in a set (~1M entries). */
const MAX_PREFIX_CHARACTERS = 1_000_000;

const NONE: readonly string[] = Object.freeze([]);

/** Topics of one normalised term: as a hashtag, and as a word or phrase of text. */
interface Targets {
  tag: string[];
  text: string[];
}

/**
 * Whether a term may only match a whole hashtag: flagged so, or short.
 *
 * @param entry - the term as the taxonomy gives it
 * @param normalized - the term after `normalizeTerm`
 * @returns true when the term must not match plain words of text
 * @internal
 */
export function isTagOnly(entry: TermEntry, normalized: string): boolean {
  return entry.tagOnly === true || normalized.length <= SHORT_TERM_LENGTH;
}

/**
 * Builds the default {@link TermMatcher}: a hashtag, a word or a short phrase matches a term when
 * both are equal after {@link normalizeTerm}. Free text is matched by whole words only — "ana" is
 * never found inside "banana" or "Montana" — and, scanning left to right, the longest phrase of up
 * to three words that is a term wins, so "self harm recovery" counts as recovery, not as "self
 * harm". Short terms (three characters or fewer) and entries flagged `tagOnly` match only whole
 * hashtags: an item's hashtag, or a `#word` in its text. Spelling variants beyond case and
 * separators are not recognised; the taxonomy lists the documented ones.
 *
 * @param entries - every term with the topic it labels
 * @returns a matcher whose results are frozen arrays of unique topic ids
 *
 * @example
 * ```ts
 * import { createExactMatcher } from 'feed-rebalancer';
 * const matcher = createExactMatcher([
 *   { term: 'thinspo', topic: 'thinspiration' },
 *   { term: 'ana', topic: 'pro-ana' },
 * ]);
 * matcher.matchTag('#Thin_Spo'); // ['thinspiration']
 * matcher.scanText('Banana bread in Montana'); // []
 * matcher.scanText('new #ana post'); // ['pro-ana']
 * ```
 */
export function createExactMatcher(entries: readonly TermEntry[]): TermMatcher {
  const table = new Map<string, Targets>();
  const textTerms: string[] = [];
  let longest = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const normalized = normalizeTerm(entry.term);
    if (normalized === '') continue;
    let targets = table.get(normalized);
    if (targets === undefined) {
      targets = { tag: [], text: [] };
      table.set(normalized, targets);
    }
    addOnce(targets.tag, entry.topic);
    if (!isTagOnly(entry, normalized)) {
      if (targets.text.length === 0) textTerms.push(normalized);
      addOnce(targets.text, entry.topic);
      if (normalized.length > longest) longest = normalized.length;
    }
  }
  const prefixes = termPrefixes(textTerms);
  const recent = new Map<string, readonly string[]>();
  // Freeze once so results can be shared between calls without copying.
  const frozen = new Map<string, { tag: readonly string[]; text: readonly string[] }>();
  for (const [term, targets] of table) {
    frozen.set(term, {
      tag: targets.tag.length === 0 ? NONE : Object.freeze(targets.tag),
      text: targets.text.length === 0 ? NONE : Object.freeze(targets.text),
    });
  }
  return Object.freeze({
    matchTag(tag: string): readonly string[] {
      // Feeds repeat a few hashtags (#fyp, #foryou) across most candidates: remember recent
      // answers by the raw tag so a repeat costs one lookup and no normalisation.
      const known = recent.get(tag);
      if (known !== undefined) return known;
      const topics = frozen.get(normalizeTerm(tag))?.tag ?? NONE;
      if (tag.length <= MEMO_TAG_LENGTH) {
        if (recent.size >= MEMO_SIZE) recent.clear();
        recent.set(tag, topics);
      }
      return topics;
    },
    scanText(text: string): readonly string[] {
      if (frozen.size === 0 || text === '') return NONE;
      const { words, kinds } = tokenizeText(text);
      let found: string[] | null = null;
      for (let i = 0; i < words.length;) {
        const word = words[i]!;
        if (kinds[i] === TAG) {
          found = addAll(found, frozen.get(word)?.tag);
          i += 1;
          continue;
        }
        // Most words start no term: one Set lookup, no phrase built.
        if (prefixes !== null && !prefixes.has(word)) {
          i += 1;
          continue;
        }
        // Longest phrase wins, so a recovery phrase is not read as its triggering head.
        let best = frozen.get(word)?.text ?? NONE;
        let matched = best.length > 0 ? 1 : 0;
        let phrase = word;
        for (let span = 1; span < MAX_PHRASE_WORDS && kinds[i + span] === WORD_CONTINUES; span++) {
          phrase += words[i + span]!;
          if (phrase.length > longest || (prefixes !== null && !prefixes.has(phrase))) break;
          const topics = frozen.get(phrase)?.text;
          if (topics !== undefined && topics.length > 0) {
            best = topics;
            matched = span + 1;
          }
        }
        if (matched > 0) found = addAll(found, best);
        i += Math.max(matched, 1);
      }
      return found === null ? NONE : Object.freeze(found);
    },
  });
}

/**
 * Every prefix of every term matched in text, so the scanner can stop building a phrase as soon
 * as no term starts with it. `null` (build phrases blindly) when the terms are too long in total
 * for the set to be worth its memory.
 */
function termPrefixes(terms: readonly string[]): Set<string> | null {
  let total = 0;
  for (const term of terms) total += term.length;
  if (total > MAX_PREFIX_CHARACTERS) return null;
  const prefixes = new Set<string>();
  for (const term of terms)
    for (let end = 1; end <= term.length; end++) prefixes.add(term.slice(0, end));
  return prefixes;
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function addAll(found: string[] | null, topics: readonly string[] | undefined): string[] | null {
  if (topics === undefined || topics.length === 0) return found;
  const out = found ?? [];
  for (let i = 0; i < topics.length; i++) addOnce(out, topics[i]!);
  return out;
}
