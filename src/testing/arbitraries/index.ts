import fc from 'fast-check';
import { presets } from '../../index.js';
import type { Rebalancer } from '../../facade/types.js';
import type { ObserveEvent } from '../../exposure/types.js';
import type { UserState } from '../../exposure/types.js';
import type { Item } from '../../item/types.js';
import type { PolicyInput } from '../../policy/types.js';
import type { TaxonomyInput } from '../../taxonomy/types.js';
import type { RebalanceCase } from '../types.js';
import { FEED_MIX, POOL_MIX } from './content.js';
import { impressionsArbitrary } from './impressions.js';
import { draftArbitrary, itemListArbitrary, toItem } from './items.js';
import type { ItemArbitraryOptions } from './options.js';
import { policyArbitrary, type PolicyArbitraryOptions } from './policy.js';
import {
  observableBy,
  observedState,
  rebalanceCaseArbitrary,
  type RebalanceCaseOptions,
} from './rebalanceCase.js';
import { vocabularyOf, type Vocabulary } from './vocabulary.js';

/**
 * The words of a taxonomy's generated items. Read once per arbitrary built, not per value
 * generated, so it is cheap enough not to be remembered.
 */
function vocabulary(taxonomy: TaxonomyInput | undefined): Vocabulary {
  return vocabularyOf(taxonomy ?? presets.taxonomies.default);
}

/**
 * Options of `arbitraries.impressions` and `arbitraries.userState`.
 *
 * @example
 * ```ts
 * import type { ImpressionArbitraryOptions } from 'feed-rebalancer/testing';
 * const options: ImpressionArbitraryOptions = { maxLength: 4, pool: [{ id: 'r1', topics: ['ed-recovery'] }] };
 * ```
 */
export interface ImpressionArbitraryOptions extends ItemArbitraryOptions {
  /** Recovery items that may be seen again in the stream, so that cooldowns matter. @defaultValue [] */
  readonly pool?: readonly Item[];
}

/**
 * fast-check arbitraries for everything a rebalancer sees, shaped like real feeds: mostly
 * everyday topics, runs of triggering items, items of two groups at once, confidences at the
 * threshold, evasive hashtags, recovery items (some co-opted by a triggering topic), duplicate
 * ids, embeddings of a fixed dimension in every accepted form, impression streams with session
 * gaps, dwell times and "see less" feedback, user states reached by observing such streams with
 * the engine itself (never hand-made), and valid policies.
 *
 * - `item(options?)`: one item.
 * - `candidates(options?)`: a ranked candidate list (ids `c0`, `c1`, …; occasionally repeated).
 * - `recoveryPool(options?)`: a recovery pool (ids `r0`, `r1`, …).
 * - `impressions(options?)`: a stream of impressions and "see less" feedback, in time order.
 * - `userState(rebalancer, options?)`: a state reached by `rebalancer.observe` over a stream.
 * - `policy(options?)`: a `PolicyInput` that `resolvePolicy` accepts.
 * - `rebalanceCase(rebalancer, options?)`: a whole request with the stream behind its state.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { arbitraries } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * fc.assert(
 *   fc.property(arbitraries.rebalanceCase(rb), ({ request }) => {
 *     return rb.rebalance(request).items.length <= request.candidates.length + (request.recovery?.length ?? 0);
 *   }),
 * );
 * ```
 */
export const arbitraries = Object.freeze({
  /**
   * One item with id `i<n>`.
   *
   * @param options - taxonomy, embedding dimension and content mix
   * @returns an arbitrary of items
   */
  item(options: ItemArbitraryOptions = {}): fc.Arbitrary<Item> {
    return fc
      .tuple(
        draftArbitrary(
          vocabulary(options.taxonomy),
          options.mix ?? FEED_MIX,
          options.dimension ?? 4,
        ),
        fc.nat(),
      )
      .map(([draft, n]) => toItem(draft, `i${n}`));
  },
  /**
   * A ranked candidate list.
   *
   * @param options - taxonomy, embedding dimension, longest list (24) and content mix
   * @returns an arbitrary of candidate lists
   */
  candidates(options: ItemArbitraryOptions = {}): fc.Arbitrary<Item[]> {
    return itemListArbitrary(
      vocabulary(options.taxonomy),
      options.mix ?? FEED_MIX,
      options.dimension ?? 4,
      'c',
      options.maxLength ?? 24,
    );
  },
  /**
   * A recovery pool, mostly recovery items, some co-opted by a triggering topic.
   *
   * @param options - taxonomy, embedding dimension, largest pool (8) and content mix
   * @returns an arbitrary of pools
   */
  recoveryPool(options: ItemArbitraryOptions = {}): fc.Arbitrary<Item[]> {
    return itemListArbitrary(
      vocabulary(options.taxonomy),
      options.mix ?? POOL_MIX,
      options.dimension ?? 4,
      'r',
      options.maxLength ?? 8,
    );
  },
  /**
   * A stream of what `observe` takes, in time order, in blocks: triggering runs, calm
   * stretches, mixed feed, pool items seen again, and "see less" feedback events
   * (`{ seeLess: { target }, at }`, the target a group id or a triggering topic id), with
   * occasional new sessions and a rare absence of 14 days.
   *
   * @param options - taxonomy, embedding dimension, most blocks (8) and a pool to revisit
   * @returns an arbitrary of event lists, ready for `observe`
   */
  impressions(options: ImpressionArbitraryOptions = {}): fc.Arbitrary<ObserveEvent[]> {
    return impressionsArbitrary(
      vocabulary(options.taxonomy),
      options.dimension ?? 4,
      options.pool ?? [],
      options.maxLength ?? 8,
    );
  },
  /**
   * A user state reached by observing a generated stream with `rebalancer.observe`.
   *
   * @param rebalancer - the engine that observes the stream
   * @param options - as for `impressions`
   * @returns an arbitrary of states
   */
  userState(
    rebalancer: Rebalancer,
    options: ImpressionArbitraryOptions = {},
  ): fc.Arbitrary<UserState> {
    return arbitraries
      .impressions(options)
      .map((events) => observedState(rebalancer, observableBy(rebalancer, events)));
  },
  /**
   * A valid policy.
   *
   * @param options - whether levels may diversify (off by default), and the taxonomy's group ids
   *   some policies give blocks of their own
   * @returns an arbitrary of policies
   */
  policy(options: PolicyArbitraryOptions = {}): fc.Arbitrary<PolicyInput> {
    return policyArbitrary(options);
  },
  /**
   * A whole request together with the impressions and feedback its state was reached through.
   *
   * @param rebalancer - the engine that observes the stream
   * @param options - taxonomy, embedding dimension and list sizes
   * @returns an arbitrary of cases
   */
  rebalanceCase(
    rebalancer: Rebalancer,
    options: RebalanceCaseOptions = {},
  ): fc.Arbitrary<RebalanceCase> {
    return rebalanceCaseArbitrary(rebalancer, vocabulary(options.taxonomy), options);
  },
});

export type { PolicyArbitraryOptions, RebalanceCaseOptions };
