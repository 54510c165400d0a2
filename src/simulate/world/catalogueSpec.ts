/**
 * One topic of a simulated catalogue: an ordinary interest, a triggering topic of a taxonomy
 * group, or a group's recovery content. Items are generated per topic from the world seed.
 * Triggering and recovery topic ids are those of the taxonomy the policy uses
 * (`presets.taxonomies.default` for the built-in catalogue), so that the library recognises the
 * items as a host would send them; a topic the taxonomy does not know is invisible to the policy.
 *
 * @example
 * ```ts
 * import type { CatalogueTopic } from 'feed-rebalancer/simulate';
 * const dance: CatalogueTopic = { id: 'dance', kind: 'ordinary', items: 300, hashtags: ['dance'] };
 * ```
 */
export interface CatalogueTopic {
  /** Topic id: a non-empty string of at most 64 characters, unique in the catalogue. */
  readonly id: string;
  /** What the topic is. */
  readonly kind: 'ordinary' | 'triggering' | 'recovery';
  /** The taxonomy group of a triggering or recovery topic; omitted (or `null`) for ordinary ones. */
  readonly group?: string | null;
  /** Items of the topic, an integer in [1, 100000]. */
  readonly items: number;
  /** Hashtags written on the topic's items (one per item, drawn from this list). */
  readonly hashtags: readonly string[];
  /** Evasive spellings written instead when labels are evasive. @defaultValue the `hashtags` */
  readonly evasive?: readonly string[];
  /** Topics the recommenders' "more like this" step reaches from this one. @defaultValue [] */
  readonly near?: readonly string[];
  /**
   * Popularity of each item of the topic relative to an ordinary item (what exploration and a new
   * account's popular feed draw on): triggering content is niche.
   * @defaultValue 1, and for triggering topics the calibration's fitted popularity of their
   * group's content (`eatingDisorder` for the `eating-disorder` group, `selfHarmAndSuicide` for
   * any other group); `DEFAULT_CATALOGUE`'s `mental-health` topic carries the fitted
   * `mentalHealth`
   */
  readonly popularity?: number;
  /**
   * Share of its reach the topic keeps in the popular feed a new account starts on, in [0, 1].
   * Platforms review content as it gains reach and keep what is unfit for a broad audience out of
   * what they recommend to everyone, so triggering content keeps only what slips through.
   * @defaultValue 1, and for triggering topics the calibration's fitted `popularFeedShare`
   */
  readonly popularFeedShare?: number;
}

/**
 * A simulated catalogue: its topics. `simulate` and `compare` build the items from it with the
 * world seed; the default is `DEFAULT_CATALOGUE`.
 *
 * @example
 * ```ts
 * import { DEFAULT_CATALOGUE, simulate, type CatalogueSpec } from 'feed-rebalancer/simulate';
 * const moreDance: CatalogueSpec = {
 *   topics: [...DEFAULT_CATALOGUE.topics, { id: 'dance', kind: 'ordinary', items: 400, hashtags: ['dance'] }],
 * };
 * const report = await simulate({ scenario: 'mixed', policy: 'balanced', seed: 1, users: 20, steps: 40, catalogue: moreDance });
 * ```
 */
export interface CatalogueSpec {
  /** The topics, at most 256, at least one of them ordinary; at most 200,000 items in all. */
  readonly topics: readonly CatalogueTopic[];
}
