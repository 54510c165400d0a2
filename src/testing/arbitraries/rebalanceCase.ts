import fc from 'fast-check';
import type { RebalanceRequest, Rebalancer } from '../../facade/types.js';
import type { Impression, Item } from '../../item/types.js';
import type { UserState } from '../../exposure/types.js';
import type { RebalanceCase } from '../types.js';
import { FEED_MIX, POOL_MIX } from './content.js';
import { impressionsArbitrary, STREAM_START } from './impressions.js';
import { itemListArbitrary } from './items.js';
import type { ItemArbitraryOptions } from './options.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Options of `arbitraries.rebalanceCase`.
 *
 * @example
 * ```ts
 * import type { RebalanceCaseOptions } from 'feed-rebalancer/testing';
 * const small: RebalanceCaseOptions = { maxCandidates: 7, maxPool: 3, dimension: 0 };
 * ```
 */
export interface RebalanceCaseOptions extends Omit<ItemArbitraryOptions, 'maxLength' | 'mix'> {
  /** Longest candidate list. @defaultValue 24 */
  readonly maxCandidates?: number;
  /** Largest recovery pool. @defaultValue 8 */
  readonly maxPool?: number;
  /** Most blocks of impressions observed to reach the state. @defaultValue 6 */
  readonly maxBlocks?: number;
}

const HOUR = 60 * 60 * 1000;

function stripEmbeddings(items: readonly Item[]): Item[] {
  return items.map((item) => {
    if (item.embedding === undefined) return item;
    const rest: Record<string, unknown> = {};
    for (const key of Object.keys(item))
      if (key !== 'embedding') rest[key] = item[key as keyof Item];
    return rest as unknown as Item;
  });
}

/** Folds impressions into a fresh state with the engine itself: states are never hand-made. @internal */
export function observedState(
  rebalancer: Rebalancer,
  impressions: readonly Impression[],
): UserState {
  const empty = rebalancer.emptyState();
  return impressions.length === 0 ? empty : rebalancer.observe(empty, impressions);
}

/**
 * Whole requests: a candidate list, a recovery pool, and a state reached by observing an
 * impression stream (which may show pool items again), at a time right after the stream, a
 * little later, or after a long absence, with or without a `size`.
 *
 * @internal
 */
export function rebalanceCaseArbitrary(
  rebalancer: Rebalancer,
  v: Vocabulary,
  options: RebalanceCaseOptions,
): fc.Arbitrary<RebalanceCase> {
  const dimension = options.dimension ?? 4;
  const maxCandidates = options.maxCandidates ?? 24;
  const pool = itemListArbitrary(v, POOL_MIX, dimension, 'r', options.maxPool ?? 8);
  return pool.chain((recovery) =>
    fc
      .record({
        candidates: itemListArbitrary(v, FEED_MIX, dimension, 'c', maxCandidates),
        impressions: impressionsArbitrary(v, dimension, recovery, options.maxBlocks ?? 6),
        embeddings: fc.boolean(),
        after: fc.option(fc.constantFrom(0, 5_000, 2 * HOUR), { freq: 4 }),
        size: fc.oneof(
          { weight: 3, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: maxCandidates + 4 }) },
        ),
        omitPool: fc.boolean(),
      })
      .map(({ candidates, impressions, embeddings, after, size, omitPool }): RebalanceCase => {
        const state = observedState(rebalancer, impressions);
        const last =
          impressions.length > 0 ? impressions[impressions.length - 1]!.at : STREAM_START;
        const request: { -readonly [K in keyof RebalanceRequest]: RebalanceRequest[K] } = {
          candidates: embeddings ? candidates : stripEmbeddings(candidates),
          state,
        };
        if (!(omitPool && recovery.length === 0))
          request.recovery = embeddings ? recovery : stripEmbeddings(recovery);
        if (after !== null) request.at = last + after;
        if (size !== undefined) request.size = size;
        return { impressions, request };
      }),
  );
}
