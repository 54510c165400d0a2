import type { UserState } from '../../index.js';
import { Probe } from '../calibration/Probe.js';
import type { UserResult } from '../metrics/UserResult.js';
import { UserTrace } from '../metrics/UserTrace.js';
import { deriveSeed, STREAM } from '../random/deriveSeed.js';
import { Rng } from '../random/Rng.js';
import type { UserRecommender } from '../recommender/types.js';
import { drawUser, type SimUser } from '../users/drawUser.js';
import { Engagement } from '../users/Engagement.js';
import { respondInPlace, restInPlace, WATCH_THRESHOLD_MS } from '../users/respondInPlace.js';
import { drawRecoveryPool } from './drawRecoveryPool.js';
import type { PreparedRun } from './prepareRun.js';
import { cohortOf, SCROLL_MS } from './RunSpec.js';
import { servePage } from './servePage.js';

/** Start of every user's clock (ms since the epoch, 2024-01-01); any fixed origin would do. */
export const EPOCH_MS = 1_704_067_200_000;

/**
 * One simulated user, one feed request at a time. Who the user is comes from the traits stream
 * derived from `(seed, index)`, everything that happens from the dynamics stream. Per feed
 * request: the recommender ranks candidates → the policy rebalances them → the page is served →
 * the user watches or skips each item → `observe` → the recommender learns from each dwell →
 * the session's temper decides whether the user scrolls on. The user is done when `steps`
 * requests are made, the calendar horizon has passed, or they left for good.
 *
 * A per-user recommender lets a thread run each user to the end before the next; a population
 * recommender steps every user once per round.
 *
 * @internal
 */
export class UserRun {
  private readonly user: SimUser;
  private readonly rng: Rng;
  private readonly random: () => number;
  private readonly trace: UserTrace;
  private readonly engagement: Engagement;
  private readonly probe: Probe | null;
  private readonly dwell: Float64Array;
  /** Per topic, 1 if a calibration protocol scripts the user to engage with it. */
  private readonly engaged: Uint8Array | null;
  private state: UserState;
  private at = EPOCH_MS;
  private step = 0;
  private inSession = false;
  private over = false;

  constructor(
    private readonly run: PreparedRun,
    private readonly recommender: UserRecommender,
    readonly index: number,
  ) {
    const { spec, catalogue } = run;
    const cohort = cohortOf(spec.scenario, index);
    const profile = spec.scenario.cohorts[cohort]!;
    this.user = drawUser(
      new Rng(deriveSeed(spec.seed, STREAM.traits, index)),
      cohort,
      profile,
      catalogue,
    );
    this.rng = new Rng(deriveSeed(spec.seed, STREAM.dynamics, index));
    this.random = this.rng.source;
    this.trace = new UserTrace(spec, catalogue, this.user);
    this.engagement = new Engagement(spec.response);
    this.probe = spec.protocol === null ? null : new Probe(spec.protocol.probe, catalogue);
    this.dwell = new Float64Array(spec.pageSize);
    const engaged = spec.protocol?.engaged ?? null;
    this.engaged =
      engaged === null
        ? null
        : Uint8Array.from(catalogue.topicIds, (id) => (engaged.topics.includes(id) ? 1 : 0));
    this.state = run.policy.emptyState();
  }

  /** Whether the user has stopped. */
  get done(): boolean {
    return this.over;
  }

  /** Makes one feed request (starting a session first if needed). */
  next(): void {
    if (this.over) return;
    const { spec, catalogue, policy } = this.run;
    if (!this.inSession) this.startSession();
    if (spec.protocol?.switchAtRequest === this.step) this.stopResponding();
    const ranked = this.recommender.candidates({ request: this.step, random: this.random });
    const pool = drawRecoveryPool(catalogue, this.rng);
    const page = servePage(policy, catalogue, ranked, pool, this.state, this.at, spec.pageSize);
    this.trace.request(ranked, page, this.recommender);
    let triggering = 0;
    for (let k = 0; k < page.items.length; k++) {
      const item = page.items[k]!;
      let dwellMs = respondInPlace(this.user, item, catalogue, this.rng, spec.response);
      // A scripted account watches what its protocol engages with to the end, and again.
      if (this.engaged?.[catalogue.topicOf[item]!] === 1)
        dwellMs = Math.max(dwellMs, spec.protocol!.engaged!.dwellMs);
      const watched = dwellMs >= WATCH_THRESHOLD_MS;
      this.dwell[k] = dwellMs;
      this.probe?.impression(catalogue.topicOf[item]!, watched, this.trace.active, this.step);
      this.state = policy.observe(this.state, {
        item: catalogue.items[item]!,
        at: this.at,
        dwellMs,
      });
      this.trace.impression(item, page.recovery[k] === 1, watched, dwellMs, this.state);
      this.recommender.learn({ item, dwellMs, request: this.step });
      triggering += catalogue.harmful[item]!;
      this.at += dwellMs + SCROLL_MS;
    }
    this.trace.endRequest(this.step, 2 * triggering >= spec.pageSize);
    this.step++;
    this.afterPage(Engagement.satisfaction(this.dwell, page.items.length));
  }

  /** The user's sufficient statistics (call once, when done). */
  result(): UserResult {
    if (this.probe !== null) this.trace.attachProbe(this.probe.result());
    return this.trace.result();
  }

  private startSession(): void {
    this.inSession = true;
    this.trace.startSession();
    this.engagement.startSession();
  }

  private afterPage(satisfaction: number): void {
    const { spec } = this.run;
    if (this.step >= spec.steps) {
      this.over = true;
      return;
    }
    const protocol = spec.protocol;
    if (protocol !== null) {
      // An audit's scripted account scrolls on, whatever it is shown, until its time is up.
      this.over = this.trace.active >= protocol.scriptedMinutes * 60_000;
      return;
    }
    if (this.engagement.afterPage(satisfaction, this.rng)) return;
    this.inSession = false;
    const end = this.engagement.endSession(this.rng);
    this.trace.endSession(end.leave);
    if (end.leave) {
      this.over = true;
      return;
    }
    this.at += end.gapMs;
    restInPlace(this.user, end.gapMs, spec.response);
    if (spec.horizonMs !== null && this.at - EPOCH_MS >= spec.horizonMs) this.over = true;
  }

  /** From now on the user ignores triggering content, as Hosseinmardi et al.'s bots did. */
  private stopResponding(): void {
    const topics = this.run.catalogue.topics;
    for (let t = 0; t < topics.length; t++)
      if (topics[t]!.kind === 'triggering') this.user.interest[t] = 0;
    this.user.susceptibility = 0;
  }
}
