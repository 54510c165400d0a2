import type { UserState } from '../../index.js';
import type { Catalogue } from '../world/buildCatalogue.js';
import type { SimUser } from '../users/drawUser.js';
import type { UserRecommender } from '../recommender/types.js';
import type { ServedPage } from '../run/servePage.js';
import { SCROLL_MS, type RunSpec } from '../run/RunSpec.js';
import { MAX_RUN_TRACKED, type UserResult } from './UserResult.js';
import { detectionDelay } from './detectionDelay.js';

/** CCDH timed their first 30 minutes on each account. */
const EARLY_MS = 30 * 60_000;
/** NDCG cut-off. */
const NDCG_AT = 10;

/**
 * Accumulates one user's metrics as the loop runs: one call per feed request and per
 * impression, then {@link UserTrace.result}. Typed arrays throughout: this runs once per
 * impression.
 *
 * @internal
 */
export class UserTrace {
  private readonly harmfulFlags: Uint8Array;
  private readonly sustainedFlags: Uint8Array;
  private readonly previousSustained: Uint8Array;
  private readonly runCounts = new Int32Array(MAX_RUN_TRACKED + 1);
  private readonly buckets: number;
  private readonly bucketImpressions: Int32Array;
  private readonly bucketHarmful: Int32Array;
  private readonly bucketRecovery: Int32Array;
  private readonly bucketWellbeing: Float64Array;
  private readonly bucketActiveMs: Float64Array;
  private readonly wellbeingStart: number;
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
  private requests = 0;
  private ndcgSum = 0;
  private recoveryImpressions = 0;
  private recoveryDwellMs = 0;
  private organicImpressions = 0;
  private organicDwellMs = 0;
  private displacementSum = 0;
  private sessions = 0;
  private returns = 0;
  private leaves = 0;
  private probe: Float64Array | null = null;

  constructor(
    private readonly spec: RunSpec,
    private readonly catalogue: Catalogue,
    private readonly user: SimUser,
  ) {
    const capacity = spec.steps * spec.pageSize;
    this.harmfulFlags = new Uint8Array(capacity);
    this.sustainedFlags = new Uint8Array(capacity + 1);
    this.previousSustained = new Uint8Array(16);
    this.buckets = Math.ceil(spec.steps / spec.bucketSteps);
    this.bucketImpressions = new Int32Array(this.buckets);
    this.bucketHarmful = new Int32Array(this.buckets);
    this.bucketRecovery = new Int32Array(this.buckets);
    this.bucketWellbeing = new Float64Array(this.buckets);
    this.bucketActiveMs = new Float64Array(this.buckets);
    this.wellbeingStart = user.wellbeing;
  }

  /**
   * Records a feed request: NDCG@10 of the served page against the recommender's own top 10, by
   * the recommender's scores (inserted recovery items by its current estimate), and how far each
   * served organic item moved from its place in the recommender's ranking.
   */
  request(ranked: ArrayLike<number>, served: ServedPage, recommender: UserRecommender): void {
    for (let k = 0; k < served.items.length; k++) {
      if (served.recovery[k] === 1) continue;
      // A page holds a few items of a few dozen candidates: a linear search costs less than a map.
      let from = 0;
      while (from < ranked.length && ranked[from] !== served.items[k]) from++;
      this.displacementSum += Math.abs(k - from);
    }
    let ideal = 0;
    let got = 0;
    for (let k = 0; k < NDCG_AT; k++) {
      const discount = 1 / Math.log2(k + 2);
      // Gains are predicted watch times, never negative (a factor model's score can be).
      if (k < ranked.length) ideal += Math.max(0, recommender.score(ranked[k]!)) * discount;
      if (k < served.items.length)
        got += Math.max(0, recommender.score(served.items[k]!)) * discount;
    }
    this.ndcgSum += ideal > 0 ? got / ideal : 1;
    this.requests++;
  }

  /** Records one impression, with the state after `observe`. */
  impression(
    item: number,
    inserted: boolean,
    watched: boolean,
    dwellMs: number,
    state: UserState,
  ): void {
    const bucket = Math.floor(this.step / this.spec.bucketSteps);
    const isHarmful = this.catalogue.harmful[item] === 1;
    this.bucketImpressions[bucket]!++;
    this.watchMs += dwellMs;
    if (isHarmful) {
      this.harmful++;
      this.harmfulWatchMs += dwellMs;
      this.harmfulFlags[this.n] = 1;
      this.bucketHarmful[bucket]!++;
      if (this.firstHarmfulMs === null) this.firstHarmfulMs = this.activeMs;
      if (this.activeMs < EARLY_MS) this.earlyHarmful++;
      if (watched) this.triggeringWatched++;
      this.run++;
      if (this.run > this.longestRun) this.longestRun = this.run;
    } else {
      this.endRun();
    }
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
    for (let g = 0; g < groups.length; g++) {
      const now = groups[g]!.level === 'sustained' ? 1 : 0;
      if (now === 1 && this.previousSustained[g] === 0) this.alarms++;
      this.previousSustained[g] = now;
      sustained |= now;
    }
    // sustainedFlags[k + 1]: some group was sustained after impression k; [0] is the empty state.
    this.sustainedFlags[this.n + 1] = sustained;
    const before = this.activeMs;
    this.activeMs += dwellMs + SCROLL_MS;
    if (before < EARLY_MS) this.earlyMs += Math.min(this.activeMs, EARLY_MS) - before;
    this.n++;
  }

  /** Closes a feed request: series bucket values and the bubble check. */
  endRequest(step: number, halfTriggering: boolean): void {
    const bucket = Math.floor(step / this.spec.bucketSteps);
    this.bucketWellbeing[bucket] = this.user.wellbeing;
    this.bucketActiveMs[bucket] = this.activeMs;
    if (halfTriggering && this.bubbleWatches === null) this.bubbleWatches = this.triggeringWatched;
    this.step = step + 1;
  }

  /** Records a session's start. */
  startSession(): void {
    this.sessions++;
  }

  /** Records how a finished session ended. */
  endSession(leave: boolean): void {
    if (leave) this.leaves++;
    else this.returns++;
  }

  /** Attaches a calibration protocol's measurements. */
  attachProbe(probe: Float64Array): void {
    this.probe = probe;
  }

  /** Time on the app so far (ms). */
  get active(): number {
    return this.activeMs;
  }

  /** The user's sufficient statistics. */
  result(): UserResult {
    this.endRun();
    const detection = detectionDelay(this.harmfulFlags, this.sustainedFlags, this.n);
    return {
      cohort: this.user.cohort,
      impressions: this.n,
      harmful: this.harmful,
      watchMs: this.watchMs,
      harmfulWatchMs: this.harmfulWatchMs,
      longestRun: this.longestRun,
      runCounts: this.runCounts,
      firstHarmfulMs: this.firstHarmfulMs,
      earlyMs: this.earlyMs,
      earlyHarmful: this.earlyHarmful,
      bubbleWatches: this.bubbleWatches,
      sustainedRun: detection.sustainedRun,
      detectionDelay: detection.delay,
      alarms: this.alarms,
      requests: this.requests,
      ndcgSum: this.ndcgSum,
      recoveryImpressions: this.recoveryImpressions,
      recoveryDwellMs: this.recoveryDwellMs,
      organicImpressions: this.organicImpressions,
      organicDwellMs: this.organicDwellMs,
      displacementSum: this.displacementSum,
      wellbeingStart: this.wellbeingStart,
      wellbeingEnd: this.user.wellbeing,
      bucketImpressions: this.bucketImpressions,
      bucketHarmful: this.bucketHarmful,
      bucketRecovery: this.bucketRecovery,
      bucketWellbeing: this.bucketWellbeing,
      bucketActiveMs: this.bucketActiveMs,
      sessions: this.sessions,
      returns: this.returns,
      leaves: this.leaves,
      probe: this.probe,
    };
  }

  private endRun(): void {
    if (this.run > 0) this.runCounts[Math.min(this.run, MAX_RUN_TRACKED)]!++;
    this.run = 0;
  }
}
