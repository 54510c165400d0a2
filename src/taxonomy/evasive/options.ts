import { failInput } from '../../validate/fail.js';
import {
  DEFAULT_COMPOUND_AFFIXES,
  readCompoundAffixes,
  type CompoundAffixes,
} from './compoundAffixes.js';

/**
 * Options of {@link createEvasiveMatcher}.
 *
 * @example
 * ```ts
 * import type { EvasiveMatcherOptions } from 'feed-rebalancer';
 * const strict: EvasiveMatcherOptions = { maxEditCost: 0 }; // normalisation only, no spelling edits
 * ```
 */
export interface EvasiveMatcherOptions {
  /**
   * Shortest term, in letters of its normal form, that spelling edits may match. Shorter terms
   * match only exactly: one edit on a five-letter stem already turns "proed" into "proud".
   *
   * @defaultValue 7
   */
  readonly fuzzyMinLength?: number;
  /**
   * Largest weighted edit cost of a match: a vowel inserted, deleted or swapped for another
   * costs 0.5, any other edit (or swapping two neighbours) costs 1. Multiples of 0.5 in [0, 2].
   *
   * @defaultValue 1
   */
  readonly maxEditCost?: number;
  /**
   * Words that spelling edits and compounds never turn into a term (a whole hashtag, or the
   * stem of a compound), on top of the terms themselves. Replaces the default list; pass
   * `[...DEFAULT_FUZZY_GUARD, 'more']` to extend it.
   *
   * @defaultValue {@link DEFAULT_FUZZY_GUARD}
   */
  readonly guard?: readonly string[];
  /**
   * Suffixes that make compounds of a term (`#thinspogoals`, `#anatips`) and recovery compounds
   * (`#anarecovery`, `#selfharmfree`); `false` turns compounds off.
   *
   * @defaultValue {@link DEFAULT_COMPOUND_AFFIXES}
   */
  readonly compounds?: CompoundAffixes | false;
  /**
   * How many distinct hashtags (of up to 64 characters) `matchTag` remembers with their result. Hashtag use is heavily
   * skewed (a few tags make up most of a feed), so repeated tags cost one map lookup. The memo
   * is cleared whenever it fills; 0 turns it off.
   *
   * @defaultValue 4096
   */
  readonly cacheSize?: number;
}

/**
 * Ordinary words within one weighted edit of a term of the default taxonomy or of common
 * search terms; spelling edits never match them. Edit distance 2 is what pulls "inspiration" in
 * for "thinspiration", so the default allows one edit only — these are the words that one edit
 * still reaches. Seven-letter terms that are themselves compounds (mean + spo, thin + spo,
 * skinny + tok) reach everyday tags of the same shape: #mealspo (meal inspiration), #menspo,
 * #myinspo, #theinspo, #skintok (skincare), #skiingtok. Checked against word lists of English,
 * Spanish, French, German and Portuguese: of their 1.2 million words, the others one edit reaches
 * are forms of the terms themselves ("suicidal", "suicidio", "anorexia").
 *
 * @example
 * ```ts
 * import { DEFAULT_FUZZY_GUARD, createEvasiveMatcher } from 'feed-rebalancer';
 * const matcher = createEvasiveMatcher([{ term: 'selfharm', topic: 'self-harm' }], {
 *   guard: [...DEFAULT_FUZZY_GUARD, 'selfhard'],
 * });
 * matcher.matchTag('#selfcharm'); // []: in the default guard
 * matcher.matchTag('#selfhard'); // []: added here
 * ```
 */
export const DEFAULT_FUZZY_GUARD: readonly string[] = Object.freeze([
  'inspiration',
  'perspiration',
  'respiration',
  'aspiration',
  'thinking',
  'unalike',
  'selfcare',
  'mentalhealthy',
  'mealspo',
  'menspo',
  'myinspo',
  'theinspo',
  'skintok',
  'skiingtok',
  // "sucede" (Spanish and Portuguese: it happens) and "succède" (French: succeeds) are one
  // edit from "suicide": without them "qué sucede" would be a suicide search.
  'sucede',
  'succede',
  // Two ordinary words read as one hashtag, one edit from a term: a search for "thin spot"
  // (a lawn, a scalp) or "self charm" is read whole as #thinspot and #selfcharm.
  'thinspot',
  'thinspoon',
  'thinaspiration',
  'selfcharm',
  'selffarm',
  'selfieharm',
  'shelfharm',
  'sewerslider',
  // One edit from a support search term: "deprisa" and "depressa" (quickly), "sentimentale",
  // "anbiete" (I offer), "loveliness", "degression".
  'deprisa',
  'déprisai',
  'depressa',
  'depreensão',
  'sentimentale',
  'anbiete',
  'anmiete',
  'loveliness',
  'degression',
  'bitolar',
]);

/**
 * Options with every field filled in.
 *
 * @internal
 */
export interface ResolvedEvasiveOptions {
  readonly fuzzyMinLength: number;
  /** In half-units. */
  readonly maxCost: number;
  readonly guard: readonly string[];
  readonly cacheSize: number;
  /** `null` when compounds are off. */
  readonly compounds: CompoundAffixes | null;
}

const API = 'createEvasiveMatcher';

/**
 * Validates and fills in the options.
 *
 * @internal
 */
export function resolveEvasiveOptions(
  options: EvasiveMatcherOptions | undefined,
): ResolvedEvasiveOptions {
  if (options === undefined) {
    return {
      fuzzyMinLength: 7,
      maxCost: 2,
      guard: DEFAULT_FUZZY_GUARD,
      cacheSize: 4096,
      compounds: DEFAULT_COMPOUND_AFFIXES,
    };
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    failInput('argument', API, '', 'must be an object', options, 'options');
  }
  const {
    fuzzyMinLength = 7,
    maxEditCost = 1,
    guard = DEFAULT_FUZZY_GUARD,
    cacheSize = 4096,
    compounds = DEFAULT_COMPOUND_AFFIXES,
  } = options;
  if (!Number.isInteger(cacheSize) || cacheSize < 0 || cacheSize > 1_000_000) {
    failInput(
      'argument',
      API,
      'cacheSize',
      'must be an integer in [0, 1000000]',
      cacheSize,
      'options.cacheSize',
    );
  }
  if (!Number.isInteger(fuzzyMinLength) || fuzzyMinLength < 4 || fuzzyMinLength > 64) {
    failInput(
      'argument',
      API,
      'fuzzyMinLength',
      'must be an integer in [4, 64]',
      fuzzyMinLength,
      'options.fuzzyMinLength',
    );
  }
  if (
    typeof maxEditCost !== 'number' ||
    !(maxEditCost >= 0 && maxEditCost <= 2) ||
    (maxEditCost * 2) % 1 !== 0
  ) {
    failInput(
      'argument',
      API,
      'maxEditCost',
      'must be a multiple of 0.5 in [0, 2]',
      maxEditCost,
      'options.maxEditCost',
    );
  }
  if (!Array.isArray(guard)) {
    failInput('argument', API, 'guard', 'must be an array of strings', guard, 'options.guard');
  }
  const words: string[] = [];
  for (let i = 0; i < guard.length; i++) {
    const word: unknown = guard[i];
    if (typeof word !== 'string') {
      failInput('argument', API, `guard[${i}]`, 'must be a string', word, `options.guard[${i}]`);
    }
    words.push(word);
  }
  return {
    fuzzyMinLength,
    maxCost: maxEditCost * 2,
    guard: words,
    cacheSize,
    compounds: readCompoundAffixes(compounds, API),
  };
}
