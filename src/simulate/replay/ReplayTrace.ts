import type { UserState } from '../../index.js';
import { detectionDelay } from '../metrics/detectionDelay.js';
import { MAX_RUN_TRACKED, type UserResult } from '../metrics/UserResult.js';
import { SCROLL_MS } from '../run/RunSpec.js';
import { WATCH_THRESHOLD_MS } from '../users/respondInPlace.js';
import type { CohortName } from '../types.js';

/** CCDH timed their first 30 minutes on each account (as the simulator's trace). */
const EARLY_MS = 30 * 60_000;
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
  private harmfulFlags = new Uint8Array(256);
  private sustainedFlags = new Uint8Array(257);
  private readonly previousSustained = new Uint8Array(64);
  private readonly runCounts = new Int32Array(MAX_RUN_TRACKED + 1);
  private bucketSteps = 1;
  private readonly bucketImpressions = new Int32Array(REPLAY_BUCKETS);
  private readonly bucketHarmful = new Int32Array(REPLAY_BUCKETS);
  private readonly bucketRecovery = new Int32Array(REPLAY_BUCKETS);
  private readonly bucketActiveMs = new Float64Array(REPLAY_BUCKETS);
  private n = 0;
  private step = 0;
  private harmful = 0;
  private watchMs = 0;
  private harmfulWatchMs = 0;
  private activeMs = 0;
  private run = 0;
  private longestRun = 0;
  private firstHarmfulMs: number | null = null;
  private earlyMs = 0;
  private earlyHarmful = 0;
  private triggeringWatched = 0;
  private bubbleWatches: number | null = null;
  private alarms = 0;
  private ndcgSum = 0;
  private recoveryImpressions = 0;
  private recoveryDwellMs = 0;
  private organicImpressions = 0;
  private organicDwellMs = 0;
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
    this.grow();
    this.bucketImpressions[bucket]!++;
    this.watchMs += dwellMs;
    if (imputed) this.imputed++;
    if (isHarmful) {
      this.harmful++;
      this.harmfulWatchMs += dwellMs;
      this.harmfulFlags[this.n] = 1;
      this.bucketHarmful[bucket]!++;
      if (this.firstHarmfulMs === null) this.firstHarmfulMs = this.activeMs;
      if (this.activeMs < EARLY_MS) this.earlyHarmful++;
      if (dwellMs >= WATCH_THRESHOLD_MS) this.triggeringWatched++;
      this.run++;
      if (this.run > this.longestRun) this.longestRun = this.run;
    } else this.endRun();
    if (inserted) {
      this.recoveryImpressions++;
      this.recoveryDwellMs += dwellMs;
      this.bucketRecovery[bucket]!++;
    } else {
      this.organicImpressions++;
      this.organicDwellMs += dwellMs;
    }
    let sustained = 0;
    const groups = state.groups;
    for (let g = 0; g < groups.length && g < this.previousSustained.length; g++) {
      const now = groups[g]!.level === 'sustained' ? 1 : 0;
      if (now === 1 && this.previousSustained[g] === 0) this.alarms++;
      this.previousSustained[g] = now;
      sustained |= now;
    }
    this.sustainedFlags[this.n + 1] = sustained;
    const before = this.activeMs;
    this.activeMs += dwellMs + SCROLL_MS;
    if (before < EARLY_MS) this.earlyMs += Math.min(this.activeMs, EARLY_MS) - before;
    this.n++;
  }

  /** Closes a request: the bucket's time axis and the bubble check. */
  endRequest(halfTriggering: boolean): void {
    this.bucketActiveMs[Math.floor(this.step / this.bucketSteps)] = this.activeMs;
    if (halfTriggering && this.bubbleWatches === null) this.bubbleWatches = this.triggeringWatched;
    this.step++;
  }

  /** The user's sufficient statistics, with the series at this user's bucket size. */
  result(): { readonly result: UserResult; readonly bucketSteps: number } {
    this.endRun();
    const detection = detectionDelay(this.harmfulFlags, this.sustainedFlags, this.n);
    const buckets = Math.ceil(this.step / this.bucketSteps);
    const top = Math.min(this.longestRun, MAX_RUN_TRACKED);
    const result: UserResult = {
      cohort: this.cohort,
      impressions: this.n,
      harmful: this.harmful,
      watchMs: this.watchMs,
      harmfulWatchMs: this.harmfulWatchMs,
      longestRun: this.longestRun,
      // Only lengths up to the longest run are ever read: keep the record small.
      runCounts: this.runCounts.slice(0, top + 1),
      firstHarmfulMs: this.firstHarmfulMs,
      earlyMs: this.earlyMs,
      earlyHarmful: this.earlyHarmful,
      bubbleWatches: this.bubbleWatches,
      sustainedRun: detection.sustainedRun,
      detectionDelay: detection.delay,
      alarms: this.alarms,
      requests: this.step,
      ndcgSum: this.ndcgSum,
      recoveryImpressions: this.recoveryImpressions,
      recoveryDwellMs: this.recoveryDwellMs,
      organicImpressions: this.organicImpressions,
      organicDwellMs: this.organicDwellMs,
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

  private endRun(): void {
    if (this.run > 0) this.runCounts[Math.min(this.run, MAX_RUN_TRACKED)]!++;
    this.run = 0;
  }

  /** Doubles the per-impression flag arrays when they are full. */
  private grow(): void {
    if (this.n < this.harmfulFlags.length) return;
    const harmful = new Uint8Array(this.harmfulFlags.length * 2);
    harmful.set(this.harmfulFlags);
    this.harmfulFlags = harmful;
    const sustained = new Uint8Array(harmful.length + 1);
    sustained.set(this.sustainedFlags);
    this.sustainedFlags = sustained;
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
