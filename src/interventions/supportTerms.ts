/**
 * The group of supportive mental-health searches and banners. It is not a taxonomy group: its
 * content is not capped, but people searching for it may want support, so a search gets a banner
 * above its results and the directory may list resources for it.
 *
 * @example
 * ```ts
 * import { SUPPORT_GROUP } from 'feed-rebalancer';
 * console.log(SUPPORT_GROUP); // 'mental-health'
 * ```
 */
export const SUPPORT_GROUP = 'mental-health';

/**
 * Mental-health search terms that get a support banner above the results (not instead of them),
 * in English, Spanish, French, German and Portuguese. Matched with the evasive matcher, so
 * misspellings count: "#mentalheath" has had over a billion views on TikTok. Short
 * abbreviations (`bpd`, `ocd`, `ptsd`) match only as a whole query word.
 *
 * @example
 * ```ts
 * import { DEFAULT_SUPPORT_TERMS } from 'feed-rebalancer';
 * DEFAULT_SUPPORT_TERMS.includes('mentalhealth'); // true
 * ```
 */
export const DEFAULT_SUPPORT_TERMS: readonly string[] = Object.freeze([
  'mentalhealth',
  'mentalhealthmatters',
  'mentalhealthawareness',
  'mentalillness',
  'depression',
  'depressed',
  'depressiontok',
  'anxiety',
  'panicattack',
  'bipolar',
  'loneliness',
  'sadtok',
  'ptsd',
  'bpd',
  'ocd',
  // The same searches in Spanish, French, German and Portuguese (accents do not matter).
  'saludmental',
  'ansiedad',
  'depresión',
  'ataquedepánico',
  'santémentale',
  'anxiété',
  'crisedangoisse',
  'psychischegesundheit',
  'angststörung',
  'panikattacke',
  'saúdemental',
  'ansiedade',
  'depressão',
  'crisedeansiedade',
]);

/**
 * A rule that puts a banner on served items: items whose hashtags or text match one of `terms`,
 * or that carry one of `topics`, get `{ group, resources }`.
 *
 * @example
 * ```ts
 * import type { BannerRule } from 'feed-rebalancer';
 * const rule: BannerRule = { group: 'eating-disorder', terms: ['whatieatinaday'] };
 * ```
 */
export interface BannerRule {
  /** The group whose resources the banner shows. */
  readonly group: string;
  /** Hashtags or phrases, matched like taxonomy terms, misspellings included. @defaultValue [] */
  readonly terms?: readonly string[];
  /** Topic ids an item may carry. @defaultValue [] */
  readonly topics?: readonly string[];
}

/**
 * Banner rules used when none are configured: TikTok puts a permanent notice on common but
 * risky hashtags such as #WhatIEatInADay (the full list is unpublished), and on mental-health
 * hashtags; these rules do the same for full-day-of-eating and calorie-counting tags and for
 * {@link DEFAULT_SUPPORT_TERMS}.
 *
 * @example
 * ```ts
 * import { DEFAULT_BANNER_RULES } from 'feed-rebalancer';
 * DEFAULT_BANNER_RULES[0]?.group; // 'eating-disorder'
 * ```
 */
export const DEFAULT_BANNER_RULES: readonly BannerRule[] = Object.freeze([
  Object.freeze({
    group: 'eating-disorder',
    terms: Object.freeze(['whatieatinaday', 'wieiad', 'fulldayofeating', 'caloriecounting']),
  }),
  Object.freeze({ group: SUPPORT_GROUP, terms: DEFAULT_SUPPORT_TERMS }),
]);
