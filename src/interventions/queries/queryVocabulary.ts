import type { RebalanceErrorCode } from '../../errors/RebalanceError.js';
import type { TermEntry } from '../../taxonomy/match/types.js';
import { InputReader } from '../../validate/reader.js';
import { DEFAULT_BENIGN_PHRASES } from './benignPhrases.js';
import { DEFAULT_CODE_WORDS, type CodeWordRule } from './codeWords.js';
import { DEFAULT_CRISIS_TERMS } from './crisisTerms.js';
import { LIMITS } from '../../validate/limits.js';

/** Most entries of each list, and longest string, so building stays bounded on hostile input. */

/**
 * The vocabulary search interception reads queries with, beside the taxonomy's terms: options of
 * `createQueryInterceptor` and `createRebalancer`. Each list replaces its default; spread the
 * default to extend it (`[...DEFAULT_CRISIS_TERMS, { term: 'quiero desaparecer', topic: 'suicide' }]`).
 * The defaults are compiled once and shared; other lists are compiled for each interceptor, which
 * takes tens of milliseconds, so build interceptors and rebalancers once.
 *
 * @example
 * ```ts
 * import { DEFAULT_CODE_WORDS, type QueryVocabularyOptions } from 'feed-rebalancer';
 * const options: QueryVocabularyOptions = {
 *   codeWords: [...DEFAULT_CODE_WORDS, { word: 'sue', with: ['pro', 'tips'] }],
 * };
 * ```
 */
export interface QueryVocabularyOptions {
  /**
   * Phrases of suicidal intent and self-harm, each with the topic it signals; the group
   * answered is the taxonomy's group of that topic, or the topic's own name when the taxonomy
   * has no such topic — a crisis search is answered even under a taxonomy without it.
   *
   * @defaultValue {@link DEFAULT_CRISIS_TERMS}
   */
  readonly crisisTerms?: readonly TermEntry[];
  /**
   * Phrases whose words never count as a crisis search or as a taxonomy term of the query
   * ("suicide squad", "cortarme el pelo").
   *
   * @defaultValue {@link DEFAULT_BENIGN_PHRASES}
   */
  readonly benignPhrases?: readonly string[];
  /**
   * When short code words ("ana", "kms", "sh") count in a query besides as `#tags`.
   *
   * @defaultValue {@link DEFAULT_CODE_WORDS}
   */
  readonly codeWords?: readonly CodeWordRule[];
}

/**
 * Query vocabulary options, validated and copied, with defaults filled in.
 *
 * @internal
 */
export interface ResolvedQueryVocabulary {
  readonly crisisTerms: readonly TermEntry[];
  readonly benignPhrases: readonly string[];
  readonly codeWords: readonly CodeWordRule[];
}

/**
 * Validates the query vocabulary fields of `options` and fills in the defaults.
 *
 * @param options - an object that may carry `crisisTerms`, `benignPhrases` and `codeWords`
 * @param api - the public API named in error messages
 * @param code - the error code of a malformed field
 * @returns the resolved vocabulary
 * @throws RebalanceError with `code` and the JSON path of the first malformed entry
 *
 * @internal
 */
export function resolveQueryVocabulary(
  options: QueryVocabularyOptions,
  api: string,
  code: RebalanceErrorCode,
): ResolvedQueryVocabulary {
  const r = new InputReader(api, code, '');
  const { crisisTerms, benignPhrases, codeWords } = pick(options, r);
  return {
    // The frozen defaults pass by identity, so the compiled default vocabulary can be shared.
    crisisTerms:
      crisisTerms === undefined || crisisTerms === DEFAULT_CRISIS_TERMS
        ? DEFAULT_CRISIS_TERMS
        : r.array(crisisTerms, 'crisisTerms', LIMITS.vocabularyEntries).map((entry, i) => {
            const path = `crisisTerms[${i}]`;
            const e = r.object(entry, path, ['term', 'topic', 'tagOnly']);
            const term = r.string(e.term, `${path}.term`, LIMITS.vocabularyEntryLength);
            const topic = r.string(e.topic, `${path}.topic`, LIMITS.vocabularyEntryLength);
            if (e.tagOnly !== undefined && typeof e.tagOnly !== 'boolean')
              r.fail(`${path}.tagOnly`, 'must be a boolean', e.tagOnly);
            return e.tagOnly === true ? { term, topic, tagOnly: true } : { term, topic };
          }),
    benignPhrases:
      benignPhrases === undefined || benignPhrases === DEFAULT_BENIGN_PHRASES
        ? DEFAULT_BENIGN_PHRASES
        : strings(r, benignPhrases, 'benignPhrases'),
    codeWords:
      codeWords === undefined || codeWords === DEFAULT_CODE_WORDS
        ? DEFAULT_CODE_WORDS
        : r.array(codeWords, 'codeWords', LIMITS.vocabularyEntries).map((rule, i) => {
            const path = `codeWords[${i}]`;
            const e = r.object(rule, path, ['word', 'with', 'unless']);
            const word = r.string(e.word, `${path}.word`, LIMITS.vocabularyEntryLength);
            const unless = e.unless === undefined ? [] : strings(r, e.unless, `${path}.unless`);
            return e.with === undefined
              ? { word, unless }
              : { word, with: strings(r, e.with, `${path}.with`), unless };
          }),
  };
}

/** The three fields of `options`, read once each (a throwing getter becomes an error). */
function pick(options: QueryVocabularyOptions, r: InputReader): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of ['crisisTerms', 'benignPhrases', 'codeWords'] as const) {
    let value: unknown;
    try {
      value = options[key];
    } catch {
      r.fail(key, 'could not be read (its getter threw)', undefined);
    }
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function strings(r: InputReader, value: unknown, path: string): string[] {
  return r
    .array(value, path, LIMITS.vocabularyEntries)
    .map((item, i) => r.string(item, `${path}[${i}]`, LIMITS.vocabularyEntryLength));
}
