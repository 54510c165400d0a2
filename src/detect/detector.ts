import type { Level } from './levels.js';

// What a detector is: the configuration it runs (policy/ produces values of it), and what one
// step of it reads and writes.

/**
 * A detector statistic after one impression.
 *
 * @example
 * ```ts
 * import type { DetectorStep } from './detector.js';
 * const step: DetectorStep = { statistic: 2, window: '0101' };
 * ```
 *
 * @internal
 */
export interface DetectorStep {
  /** The statistic (run length, window sum, CUSUM S or EWMA z); finite and ≥ 0. */
  readonly statistic: number;
  /**
   * The last `window` impressions' evidence, oldest first, one symbol each (`0`/`1` for labels;
   * see `windowSymbol`); `''` unless the detector is `window`.
   */
  readonly window: string;
}
/**
 * A level with its hysteresis counter.
 *
 * @example
 * ```ts
 * import type { HeldLevel } from './detector.js';
 * const held: HeldLevel = { level: 'sustained', hold: 10 };
 * ```
 *
 * @internal
 */
export interface HeldLevel {
  /** The level in force. */
  readonly level: Level;
  /** Impressions the level is still kept while the raw level stays below it. */
  readonly hold: number;
}
/**
 * What a detector counts per impression: `labels` (the default) counts 1 for an impression that
 * counts for the group (a triggering topic at `minConfidence` or more) and 0 otherwise;
 * `confidence` counts the group confidence c in [0, 1] — the highest confidence of the group's
 * triggering topics on the item, 1 for a hashtag or text match, 0 when none — so that 0.51 and
 * 0.99 no longer weigh the same and 0.49 is no longer nothing. See docs/detection.md.
 *
 * @example
 * ```ts
 * import type { Evidence } from 'feed-rebalancer';
 * const evidence: Evidence = 'confidence';
 * ```
 */
export type Evidence = 'labels' | 'confidence';
/**
 * A detector with every field filled in, `hold` and `evidence` included.
 *
 * @example
 * ```ts
 * import { resolvePolicy } from 'feed-rebalancer';
 * const detection = resolvePolicy({ detection: { kind: 'run', length: 6 } }).detection;
 * // { kind: 'run', length: 6, hold: 10, evidence: 'labels' }
 * ```
 */
export type ResolvedDetection =
  | {
      readonly kind: 'run';
      readonly length: number;
      readonly hold: number;
      readonly evidence: Evidence;
    }
  | {
      readonly kind: 'window';
      readonly count: number;
      readonly window: number;
      readonly hold: number;
      readonly evidence: Evidence;
    }
  | {
      readonly kind: 'cusum';
      readonly p0: number;
      readonly p1: number;
      readonly h: number;
      /** Reference value γ of the Bernoulli CUSUM, derived from p0 and p1. */
      readonly gamma: number;
      readonly hold: number;
      readonly evidence: Evidence;
    }
  | {
      readonly kind: 'ewma';
      readonly lambda: number;
      readonly limit: number;
      readonly hold: number;
      readonly evidence: Evidence;
    };
