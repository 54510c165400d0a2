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

const NONE: readonly string[] = Object.freeze([]);

/** Topics of one normalised term: as a hashtag, and as a word or phrase of text. */
interface Targets {
  tag: string[];
  text: string[];
}

/**
 * Whether a term may only match a whole hashtag: flagged so, or short.
 *
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
      addOnce(targets.text, entry.topic);
      if (normalized.length > longest) longest = normalized.length;
    }
  }
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
      return frozen.get(normalizeTerm(tag))?.tag ?? NONE;
    },
    scanText(text: string): readonly string[] {
      if (frozen.size === 0 || text === '') return NONE;
      const { words, kinds } = tokenizeText(text);
      let found: string[] | null = null;
      for (let i = 0; i < words.length;) {
        if (kinds[i] === TAG) {
          found = addAll(found, frozen.get(words[i]!)?.tag);
          i += 1;
          continue;
        }
        // Longest phrase first, so a recovery phrase is not read as its triggering head.
        let phrase = words[i]!;
        let span = 1;
        while (
          span < MAX_PHRASE_WORDS &&
          kinds[i + span] === WORD_CONTINUES &&
          phrase.length + words[i + span]!.length <= longest
        ) {
          phrase += words[i + span]!;
          span += 1;
        }
        let matched = 1;
        for (; span >= 1; span--) {
          const topics = frozen.get(phrase)?.text;
          if (topics !== undefined && topics.length > 0) {
            found = addAll(found, topics);
            matched = span;
            break;
          }
          phrase = phrase.slice(0, phrase.length - words[i + span - 1]!.length);
        }
        i += matched;
      }
      return found === null ? NONE : Object.freeze(found);
    },
  });
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
