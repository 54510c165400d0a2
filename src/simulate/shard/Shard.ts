import { RebalanceError } from '../../index.js';
import { describeValue } from '../../errors/describe.js';

/** Most shards a sweep may be split into. @internal */
export const MAX_SHARDS = 100_000;

/**
 * One shard of a sweep split over machines: shard `index` of `count`, numbered from 0 (as a
 * Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` is). For `simulate` and `compare`, shard `i` gets
 * the contiguous block of users from `floor(i·N/count)` to `floor((i+1)·N/count)`; for `replay`
 * the users `k` (in order of first appearance in the log) with `k mod count = i`, and for `tune`
 * the restarts `r` with `r mod count = i`.
 *
 * @example
 * ```ts
 * import type { Shard } from 'feed-rebalancer/simulate';
 * const shard: Shard = { index: Number(process.env['JOB_COMPLETION_INDEX'] ?? 0), count: 4 };
 * ```
 */
export interface Shard {
  /** Which shard, from 0 to `count − 1`. */
  readonly index: number;
  /** How many shards the sweep is split into, from 1. */
  readonly count: number;
}

/**
 * Checks a {@link Shard} given by a caller.
 *
 * @param api - the public API, for messages
 * @param value - the shard
 * @param path - its JSON path
 * @returns the shard, copied
 * @throws RebalanceError with code `argument` and the path of the offending field
 * @internal
 */
export function checkShard(api: string, value: unknown, path: string): Shard {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be an object { index, count } (got ${describeValue(value)})`,
      path,
    );
  const { index, count } = value as { index?: unknown; count?: unknown };
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SHARDS)
    throw new RebalanceError(
      'argument',
      `${api}: ${path}.count must be an integer in [1, ${MAX_SHARDS}] (got ${describeValue(count)})`,
      `${path}.count`,
    );
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count)
    throw new RebalanceError(
      'argument',
      `${api}: ${path}.index must be an integer in [0, ${count - 1}] — shards are numbered from 0 (got ${describeValue(index)})`,
      `${path}.index`,
    );
  return { index, count };
}

/**
 * The units (users) of one shard: a contiguous block, the blocks of all shards covering
 * `0 … total − 1` in order, sizes differing by at most one. Contiguous rather than round-robin:
 * at-risk users are spread evenly through the indices (see `cohortOf`), so blocks are alike in
 * cost, a shard's worker threads keep their guided self-scheduling over one range, and the
 * merge concatenates shards in order.
 *
 * @param total - units in the whole sweep
 * @param shard - the shard
 * @returns `from` (inclusive) and `to` (exclusive)
 * @internal
 */
export function shardRange(total: number, shard: Shard): { from: number; to: number } {
  // Exact for total · count < 2^53: total ≤ 10^6 and count ≤ 10^5.
  return {
    from: Math.floor((shard.index * total) / shard.count),
    to: Math.floor(((shard.index + 1) * total) / shard.count),
  };
}

/**
 * How a kind deals its units to shards: `blocks` as {@link shardRange} does (the unit count must
 * be known before the run), or `round-robin`, unit `k` to shard `k mod count` — for units
 * numbered as they are met (replay's users in order of first appearance in a log) or few and
 * unequal (tuning restarts).
 *
 * @internal
 */
export type ShardAssignment = 'blocks' | 'round-robin';

/**
 * The units of one shard, in index order: how many, and the index of its `u`-th.
 *
 * @param total - units in the whole sweep
 * @param shard - the shard
 * @param assignment - how units are dealt to shards
 * @returns the shard's unit count and the whole sweep's index of each
 * @internal
 */
export function shardUnits(
  total: number,
  shard: Shard,
  assignment: ShardAssignment,
): { readonly count: number; readonly indexAt: (u: number) => number } {
  if (assignment === 'blocks') {
    const { from, to } = shardRange(total, shard);
    return { count: to - from, indexAt: (u) => from + u };
  }
  const count = total > shard.index ? Math.ceil((total - shard.index) / shard.count) : 0;
  return { count, indexAt: (u) => shard.index + u * shard.count };
}
