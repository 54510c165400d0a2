import type { UserState } from '../../index.js';
import { ExposureTally } from '../metrics/ExposureTally.js';
import type { UserResult } from '../metrics/UserResult.js';
import { WATCH_THRESHOLD_MS } from '../users/respondInPlace.js';
import type { CohortName } from '../types.js';

/** Taxonomy groups whose rises to `sustained` count as alarms. */
const ALARM_GROUPS = 64;
/**
 * Series buckets a user keeps at most. A bucket starts as one request; when a user's requests
 * outgrow the buckets, neighbours merge and a bucket holds twice as many, so one user's record
 * stays small however long their history, and the report can bring every user to the coarsest
 * bucket size of the log (sizes are powers of two).
 *
 * @internal
 */
export const REPLAY_BUCKETS = 64;

/**
 * Accumulates one logged user's metrics under one policy into the simulator's {@link UserResult},
 * so that a replay is pooled, bootstrapped and drawn by the simulator's own code. What the log
 * cannot measure (wellbeing, sessions) is `null`. Per-impression flags for the detection delay
 * grow with the user's history and are dropped when the user is done.
 *
 * @internal
 */
export class ReplayTrace {
  /** Flags start at 256 impressions and double as a history grows. */
  private readonly tally = new ExposureTally(256, ALARM_GROUPS);
  private bucketSteps = 1;
  private readonly bucketImpressions = new Int32Array(REPLAY_BUCKETS);
  private readonly bucketHarmful = new Int32Array(REPLAY_BUCKETS);
  private readonly bucketRecovery = new Int32Array(REPLAY_BUCKETS);
  private readonly bucketActiveMs = new Float64Array(REPLAY_BUCKETS);
  private step = 0;
  private ndcgSum = 0;
  private displacementSum = 0;
  /** Served items whose dwell was imputed. */
  imputed = 0;

  constructor(private readonly cohort: CohortName) {}

  /** Starts a request: its NDCG retention and the served organic items' displacement. */
  request(ndcg: number, displacement: number): void {
    if (this.step >= REPLAY_BUCKETS * this.bucketSteps) this.coarsen();
    this.ndcgSum += ndcg;
    this.displacementSum += displacement;
  }

  /** Records one served item, with the state after `observe`. */
  impression(
    isHarmful: boolean,
    inserted: boolean,
    dwellMs: number,
    imputed: boolean,
    state: UserState,
  ): void {
    const bucket = Math.floor(this.step / this.bucketSteps);
    this.bucketImpressions[bucket]!++;
    if (isHarmful) this.bucketHarmful[bucket]!++;
    if (inserted) this.bucketRecovery[bucket]!++;
    if (imputed) this.imputed++;
    // A logged dwell counts as a watch as the simulator's users count one.
    this.tally.impression(isHarmful, inserted, dwellMs >= WATCH_THRESHOLD_MS, dwellMs, state);
  }

  /** Closes a request: the bucket's time axis and the bubble check. */
  endRequest(halfTriggering: boolean): void {
    this.bucketActiveMs[Math.floor(this.step / this.bucketSteps)] = this.tally.active;
    this.tally.endRequest(halfTriggering);
    this.step++;
  }

  /** The user's sufficient statistics, with the series at this user's bucket size. */
  result(): { readonly result: UserResult; readonly bucketSteps: number } {
    const buckets = Math.ceil(this.step / this.bucketSteps);
    const result: UserResult = {
      cohort: this.cohort,
      // Only run lengths up to the longest run are ever read: keep the record small.
      ...this.tally.fields(true),
      requests: this.step,
      ndcgSum: this.ndcgSum,
      displacementSum: this.displacementSum,
      wellbeingStart: null,
      wellbeingEnd: null,
      bucketImpressions: this.bucketImpressions.slice(0, buckets),
      bucketHarmful: this.bucketHarmful.slice(0, buckets),
      bucketRecovery: this.bucketRecovery.slice(0, buckets),
      bucketWellbeing: new Float64Array(buckets),
      bucketActiveMs: this.bucketActiveMs.slice(0, buckets),
      sessions: null,
      returns: 0,
      leaves: 0,
      probe: null,
    };
    return { result, bucketSteps: this.bucketSteps };
  }

  /** Merges neighbouring buckets: counts add up, the time axis keeps the later (larger) value. */
  private coarsen(): void {
    mergePairs(
      this.bucketImpressions,
      this.bucketHarmful,
      this.bucketRecovery,
      this.bucketActiveMs,
    );
    this.bucketSteps *= 2;
  }
}

/**
 * Merges bucket pairs in place (`b[i] = b[2i] ⊕ b[2i + 1]`), zeroing the freed upper half.
 *
 * @internal
 */
export function mergePairs(
  impressions: Int32Array,
  harmful: Int32Array,
  recovery: Int32Array,
  activeMs: Float64Array,
): void {
  const half = impressions.length >> 1;
  for (let i = 0; i < half; i++) {
    impressions[i] = impressions[2 * i]! + impressions[2 * i + 1]!;
    harmful[i] = harmful[2 * i]! + harmful[2 * i + 1]!;
    recovery[i] = recovery[2 * i]! + recovery[2 * i + 1]!;
    activeMs[i] = Math.max(activeMs[2 * i]!, activeMs[2 * i + 1]!);
  }
  impressions.fill(0, half);
  harmful.fill(0, half);
  recovery.fill(0, half);
  activeMs.fill(0, half);
}
