import type { UserState } from '../../index.js';
import type { Catalogue } from '../world/buildCatalogue.js';
import type { SimUser } from '../users/drawUser.js';
import type { UserRecommender } from '../recommender/types.js';
import type { ServedPage } from '../run/servePage.js';
import type { RunSpec } from '../run/RunSpec.js';
import type { UserResult } from './UserResult.js';
import { ExposureTally } from './ExposureTally.js';

/** Taxonomy groups whose rises to `sustained` count as alarms (more than any preset has). */
const ALARM_GROUPS = 16;
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
  private readonly tally: ExposureTally;
  private readonly buckets: number;
  private readonly bucketImpressions: Int32Array;
  private readonly bucketHarmful: Int32Array;
  private readonly bucketRecovery: Int32Array;
  private readonly bucketWellbeing: Float64Array;
  private readonly bucketActiveMs: Float64Array;
  private readonly wellbeingStart: number;
  private step = 0;
  private requests = 0;
  private ndcgSum = 0;
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
    // Sized for the whole run, so the flags never grow.
    this.tally = new ExposureTally(spec.steps * spec.pageSize, ALARM_GROUPS);
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
    if (isHarmful) this.bucketHarmful[bucket]!++;
    if (inserted) this.bucketRecovery[bucket]!++;
    this.tally.impression(isHarmful, inserted, watched, dwellMs, state);
  }

  /** Closes a feed request: series bucket values and the bubble check. */
  endRequest(step: number, halfTriggering: boolean): void {
    const bucket = Math.floor(step / this.spec.bucketSteps);
    this.bucketWellbeing[bucket] = this.user.wellbeing;
    this.bucketActiveMs[bucket] = this.tally.active;
    this.tally.endRequest(halfTriggering);
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
    return this.tally.active;
  }

  /** The user's sufficient statistics. */
  result(): UserResult {
    return {
      cohort: this.user.cohort,
      ...this.tally.fields(false),
      requests: this.requests,
      ndcgSum: this.ndcgSum,
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
}
