/**
 * The detection levels, lowest first.
 *
 * @example
 * ```ts
 * import type { Level } from 'feed-rebalancer';
 * const level: Level = 'sustained';
 * ```
 */
export type Level = 'none' | 'elevated' | 'sustained';

/**
 * The levels in order, lowest first: the one place that order is written down.
 *
 * @internal
 */
export const LEVELS: readonly Level[] = Object.freeze(['none', 'elevated', 'sustained']);

const RANK: Readonly<Record<Level, number>> = { none: 0, elevated: 1, sustained: 2 };

/**
 * A level's place in {@link LEVELS} (`none` 0, `elevated` 1, `sustained` 2), for comparing
 * levels. A lookup in a constant record: `observe` compares levels once per group and impression.
 *
 * @internal
 */
export function levelRank(level: Level): number {
  return RANK[level];
}
