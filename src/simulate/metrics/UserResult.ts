import type { CohortName } from '../types.js';

/** Run lengths are counted exactly up to this length; longer runs share the last slot. @internal */
export const MAX_RUN_TRACKED = 512;

/**
 * Everything the metrics need from one simulated user: sufficient statistics (sums and counts,
 * never per-user ratios) so that cohort metrics, and their bootstrap resamples, are pooled the
 * same way whatever the split of users over workers. Plain data: it crosses `worker_threads`
 * by structured clone.
 *
 * @internal
 */
export interface UserResult {
  readonly cohort: CohortName;
  readonly impressions: number;
  readonly harmful: number;
  readonly watchMs: number;
  readonly harmfulWatchMs: number;
  readonly longestRun: number;
  /** `runCounts[k]`: maximal triggering runs of length k (the last slot: k or more). */
  readonly runCounts: Int32Array;
  /** Active time before the first triggering impression, or `null` if none was shown. */
  readonly firstHarmfulMs: number | null;
  /** Active time within the first 30 minutes, and triggering impressions shown in it. */
  readonly earlyMs: number;
  readonly earlyHarmful: number;
  /** Triggering items watched before the first page at least half triggering, or `null`. */
  readonly bubbleWatches: number | null;
  /** Whether the user had a sustained harmful run. */
  readonly sustainedRun: boolean;
  /** Impressions from the run's start to `sustained`, or `null` if not detected (or no run). */
  readonly detectionDelay: number | null;
  /** Rises of any group's level to `sustained`. */
  readonly alarms: number;
  /** Feed requests and the sum of their NDCG@10 retention. */
  readonly requests: number;
  readonly ndcgSum: number;
  readonly recoveryImpressions: number;
  readonly recoveryDwellMs: number;
  readonly organicImpressions: number;
  readonly organicDwellMs: number;
  /**
   * Sum over served organic items of |served position − position in the ranking the policy was
   * given| (the recommender's ranking, or the host's logged order in a replay).
   */
  readonly displacementSum: number;
  /** Latent wellbeing at the start and the end; `null` where it is not measured (a replay of logs). */
  readonly wellbeingStart: number | null;
  readonly wellbeingEnd: number | null;
  /** Per bucket of feed requests. */
  readonly bucketImpressions: Int32Array;
  readonly bucketHarmful: Int32Array;
  readonly bucketRecovery: Int32Array;
  readonly bucketWellbeing: Float64Array;
  readonly bucketActiveMs: Float64Array;
  /** Sessions started; `null` where sessions are not measured (a replay of logs). */
  readonly sessions: number | null;
  /** Finished sessions after which the user came back, and after which they left for good. */
  readonly returns: number;
  readonly leaves: number;
  /** A calibration protocol's measurements (see `Probe`), or `null`. */
  readonly probe: Float64Array | null;
}
