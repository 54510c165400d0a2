import fc from 'fast-check';
import type { RebalanceRequest, Rebalancer } from '../../facade/types.js';
import type { ObserveEvent } from '../../exposure/types.js';
import type { Item } from '../../item/types.js';
import type { UserState } from '../../exposure/types.js';
import type { RebalanceCase } from '../types.js';
import { isSeeLessTarget } from '../guarantees/seeLess.js';
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
  /** Most blocks of impressions and feedback observed to reach the state. @defaultValue 6 */
  readonly maxBlocks?: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function stripEmbeddings(items: readonly Item[]): Item[] {
  return items.map((item) => {
    if (item.embedding === undefined) return item;
    const rest: Record<string, unknown> = {};
    for (const key of Object.keys(item))
      if (key !== 'embedding') rest[key] = item[key as keyof Item];
    return rest as unknown as Item;
  });
}

/**
 * The events the engine accepts: a stream generated from another taxonomy than the engine's
 * (say, the default one for an engine built on a taxonomy of its own) may ask to see less of a
 * target the engine does not know, which `observe` refuses; such feedback is left out.
 *
 * @internal
 */
export function observableBy(
  rebalancer: Rebalancer,
  events: readonly ObserveEvent[],
): ObserveEvent[] {
  return events.filter((e) => !('seeLess' in e) || isSeeLessTarget(rebalancer, e.seeLess.target));
}

/** Folds impressions and feedback into a fresh state with the engine itself: states are never hand-made. @internal */
export function observedState(
  rebalancer: Rebalancer,
  impressions: readonly ObserveEvent[],
): UserState {
  const empty = rebalancer.emptyState();
  return impressions.length === 0 ? empty : rebalancer.observe(empty, impressions);
}

/**
 * Whole requests: a candidate list, a recovery pool, and a state reached by observing a stream of
 * impressions (which may show pool items again) and "see less" feedback, at a time right after
 * the stream, a little later, after a new session's gap, or about 14 days later — 1 ms before the
 * removal period of "see less" feedback given at the stream's end runs out, exactly when it does,
 * or a day after — with or without a `size`.
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
        events: impressionsArbitrary(v, dimension, recovery, options.maxBlocks ?? 6),
        embeddings: fc.boolean(),
        after: fc.option(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(0, 5_000, 2 * HOUR) },
            { weight: 1, arbitrary: fc.constantFrom(14 * DAY - 1, 14 * DAY, 15 * DAY) },
          ),
          { freq: 4 },
        ),
        size: fc.oneof(
          { weight: 3, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: maxCandidates + 4 }) },
        ),
        omitPool: fc.boolean(),
      })
      .map(({ candidates, events, embeddings, after, size, omitPool }): RebalanceCase => {
        const impressions = observableBy(rebalancer, events);
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
