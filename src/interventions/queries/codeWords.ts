/**
 * When a short code word counts in a search query. Short code words are also names, units and
 * abbreviations ("Ana de Armas", "5 kms", `.sh` files), so a query word of three letters or
 * fewer that the taxonomy or the crisis vocabulary matches counts only when written as a
 * hashtag (`#ana`) — unless a rule for it says when else it counts:
 *
 * - never when a number stands right before it ("5 kms", "10kms") or a word of `unless` is
 *   anywhere in the query ("kms to miles");
 * - otherwise, when `with` is given, only beside one of its words ("ana tips", "pro mia");
 *   without `with`, always ("how to kms", "kms").
 *
 * A rule adds no term: it decides when a word that a term matches counts. Words are compared in
 * the evasive normal form after the query's reading.
 *
 * @example
 * ```ts
 * import type { CodeWordRule } from 'feed-rebalancer';
 * const sue: CodeWordRule = { word: 'sue', with: ['pro', 'tips'] };
 * ```
 */
export interface CodeWordRule {
  /** The code word as a query writes it. */
  readonly word: string;
  /**
   * Words that make it count beside them, anywhere in the query.
   *
   * @defaultValue none: the word counts without a companion
   */
  readonly with?: readonly string[];
  /**
   * Words that keep it benign, anywhere in the query.
   *
   * @defaultValue `[]`
   */
  readonly unless?: readonly string[];
}

/** Words that, beside "ana" or "mia", mean the pro-eating-disorder code name and not a person. */
const EATING_DISORDER_COMPANIONS: readonly string[] = Object.freeze([
  'pro',
  'tips',
  'tip',
  'coach',
  'coaches',
  'buddy',
  'buddies',
  'bff',
  'rules',
  'motivation',
  'inspo',
  'thinspo',
  'meanspo',
  'lifestyle',
  'mindset',
  'twt',
  'tok',
  'creed',
  'psalm',
  'commandments',
  'letter',
  'bracelet',
  'consejos',
  'princesa',
  'princesas',
  'dicas',
  'conseils',
]);

/**
 * The default code-word rules:
 *
 * - `ana`, `mia` (anorexia, bulimia): only beside a pro-eating-disorder companion word ("pro",
 *   "tips", "coach", "buddy", "creed", "princesas" …) or each other ("ana y mia"), so a bare
 *   "ana", "Ana de Armas" and "Mia Khalifa" stay searches for people;
 * - `kms` ("kill myself"): counts alone and in phrases ("how to kms"), but not after a number or
 *   beside a word of distance, travel or running ("5 kms run", "kms to miles");
 * - `sh` (self-harm): only beside a self-harm companion word ("sh scars", "sh relapse", "sh
 *   urges"), and never beside shell-script words ("run .sh file");
 * - `svv` (German "selbstverletzendes Verhalten"): always.
 *
 * Reported code names that are mostly ordinary names or verbs ("sue", "deb") are not in the
 * default taxonomy; added there, they count only as hashtags until a rule here says otherwise.
 *
 * @example
 * ```ts
 * import { DEFAULT_CODE_WORDS, createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({
 *   taxonomy: presets.taxonomies.default,
 *   codeWords: DEFAULT_CODE_WORDS.filter((rule) => rule.word !== 'kms'),
 * });
 * rb.interceptQuery('kms', { locale: 'en' }); // null: kms now counts only as #kms
 * ```
 */
export const DEFAULT_CODE_WORDS: readonly CodeWordRule[] = /* @__PURE__ */ Object.freeze([
  Object.freeze({ word: 'ana', with: Object.freeze([...EATING_DISORDER_COMPANIONS, 'mia']) }),
  Object.freeze({ word: 'mia', with: Object.freeze([...EATING_DISORDER_COMPANIONS, 'ana']) }),
  Object.freeze({
    word: 'kms',
    unless: Object.freeze([
      'km',
      'kilometre',
      'kilometres',
      'kilometer',
      'kilometers',
      'mile',
      'miles',
      'meters',
      'metres',
      'run',
      'runs',
      'running',
      'ran',
      'walk',
      'walking',
      'drive',
      'driving',
      'ride',
      'bike',
      'cycling',
      'hike',
      'hiking',
      'marathon',
      'race',
      'pace',
      'per',
      'hour',
      'speed',
      'distance',
      'far',
      'away',
      'from',
      'convert',
      'many',
      'long',
      'car',
      'road',
    ]),
  }),
  Object.freeze({
    word: 'sh',
    with: Object.freeze([
      'scars',
      'scar',
      'cuts',
      'cutting',
      'relapse',
      'relapsed',
      'clean',
      'urges',
      'urge',
      'wounds',
      'marks',
      'streak',
      'vent',
      'tw',
      'twt',
      'tok',
    ]),
    unless: Object.freeze([
      'file',
      'files',
      'script',
      'scripts',
      'bash',
      'shell',
      'command',
      'linux',
      'unix',
      'terminal',
      'zsh',
      'chmod',
    ]),
  }),
  Object.freeze({ word: 'svv' }),
]);
