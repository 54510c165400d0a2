import type { PolicyInput } from '../policy/types.js';
import type { TaxonomyInput } from '../taxonomy/types.js';
import type { TermMatcherFactory } from '../taxonomy/match/types.js';
import type { InterventionSettings } from '../interventions/interventionSettings.js';
import type { BannerRule } from '../interventions/supportTerms.js';
import type { QueryVocabularyOptions } from '../interventions/queries/queryVocabulary.js';
import type { ResourceInput } from '../interventions/types.js';

/**
 * Options of `createRebalancer`.
 *
 * @example
 * ```ts
 * import { presets, type RebalancerOptions } from 'feed-rebalancer';
 * const options: RebalancerOptions = { taxonomy: presets.taxonomies.default, policy: presets.policies.balanced };
 * ```
 */
export interface RebalancerOptions extends QueryVocabularyOptions {
  /** The groups and topics to track. */
  readonly taxonomy: TaxonomyInput;
  /** The policy; omitted fields take their defaults. @defaultValue `{}` (the `off` behaviour) */
  readonly policy?: PolicyInput;
  /**
   * Builds the term matcher from the taxonomy's terms. The default recognises evasive spellings
   * (`th1nsp0`, `thynspiration`, `pr0ana`), compounds (`#thinspogoals`) and recovery compounds
   * (`#anarecovery`); pass `createExactMatcher` to match only the terms as written (case and
   * separators aside).
   *
   * @defaultValue `createEvasiveMatcher`
   */
  readonly matcher?: TermMatcherFactory;
  /**
   * The host's directory of support resources (helplines, text services, websites), each for
   * taxonomy groups or `mental-health`. The library ships none.
   *
   * @defaultValue `[]`
   */
  readonly resources?: readonly ResourceInput[];
  /**
   * Banner rules for served items: `true` uses `DEFAULT_BANNER_RULES`, an array its own rules,
   * `false` none (slots are then exactly as without this feature).
   *
   * @defaultValue `true` when `resources` is given (#WhatIEatInADay gets its notice), else `false`
   */
  readonly banners?: readonly BannerRule[] | boolean;
  /**
   * Supportive search terms `interceptQuery` answers with a banner.
   *
   * @defaultValue `DEFAULT_SUPPORT_TERMS`
   */
  readonly supportTerms?: readonly string[];
  /**
   * When `assess` suggests nudges, resources and breaks.
   *
   * @defaultValue see `resolveInterventionSettings`
   */
  readonly interventions?: InterventionSettings;
}
