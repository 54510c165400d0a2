import type { Rng } from '../random/Rng.js';
import type { ResponseConstants } from '../response/ResponseConstants.js';
import { REFERENCE_DWELL_MS } from './respondInPlace.js';

/** Shortest gap between two sessions (ms). */
const MIN_GAP_MS = 35 * 60_000;
/** Cross-session satisfaction moves the session constants by at most e^±3 times. */
const MAX_RELATIVE = 3;

/**
 * What a user does after a session: leave for good, or come back after `gapMs`.
 *
 * @internal
 */
export interface SessionEnd {
  readonly leave: boolean;
  readonly gapMs: number;
}

/**
 * When a user stops scrolling, comes back and leaves, after KuaiSim's leave model (Zhao et al.,
 * "KuaiSim", NeurIPS 2023 datasets and benchmarks track): a temper that decays at three levels.
 *
 * - Request: each page costs temper — one unit, plus `temperDiscount` per unit of satisfaction
 *   below `satisfactionThreshold` — times an exponential draw; the session ends when the temper
 *   runs out. Satisfaction is the page's mean watch time per item in 10-second units (at most 2
 *   per item), the immediate reward KuaiSim drains temper with.
 * - Session: the session's mean satisfaction updates a cross-session satisfaction (an
 *   exponential moving average with weight `sessionMemory`).
 * - Cross-session: relative to the threshold, that satisfaction sets the next session's temper
 *   (longer sessions when satisfied), the chance to leave for good and the gap before returning
 *   (sooner when satisfied), each by a factor exp(± `satisfactionSensitivity` × relative
 *   satisfaction); besides, a break of one to seven days comes with chance `breakChance` per day.
 *
 * KuaiSim fits its leave and return models to KuaiRand logs; these constants are set by hand
 * (docs/simulation.md), since no audit of harmful recommendation measured leaving.
 *
 * @internal
 */
export class Engagement {
  private temper = 0;
  private sessionSum = 0;
  private sessionPages = 0;
  private longTerm: number;

  constructor(private readonly c: ResponseConstants) {
    this.longTerm = c.satisfactionThreshold;
  }

  /** Satisfaction of one page from its dwells (ms). */
  static satisfaction(dwellMs: ArrayLike<number>, n: number): number {
    if (n === 0) return 0;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.min(dwellMs[k]! / REFERENCE_DWELL_MS, 2);
    return sum / n;
  }

  /** Starts a session: its temper comes from the cross-session satisfaction. */
  startSession(): void {
    this.temper = Math.max(0, this.c.sessionTemper * Math.exp(this.pull()) - 1);
    this.sessionSum = 0;
    this.sessionPages = 0;
  }

  /** Spends a page's temper; returns whether the session goes on. */
  afterPage(satisfaction: number, rng: Rng): boolean {
    this.sessionSum += satisfaction;
    this.sessionPages++;
    const shortfall = Math.max(0, this.c.satisfactionThreshold - satisfaction);
    this.temper -= (1 + this.c.temperDiscount * shortfall) * rng.exponential(1);
    return this.temper > 0;
  }

  /** Ends a session: updates the cross-session satisfaction and decides what comes next. */
  endSession(rng: Rng): SessionEnd {
    if (this.sessionPages > 0) {
      const mean = this.sessionSum / this.sessionPages;
      this.longTerm += this.c.sessionMemory * (mean - this.longTerm);
    }
    const pull = this.pull();
    // Three draws whatever the outcome, so that one decision never shifts the stream of another.
    const leaveDraw = rng.uniform();
    const breakDraw = rng.uniform();
    const gapDraw = rng.uniform();
    const leave = leaveDraw < Math.min(1, this.c.leaveChance * Math.exp(-pull));
    const gapMs =
      MIN_GAP_MS - this.c.returnGapHours * 3_600_000 * Math.exp(-pull) * Math.log(1 - gapDraw);
    // Breaks come with the calendar, not with the number of sessions: a gap of g days holds one
    // with chance 1 − (1 − breakChance)^g, whatever the feed.
    const away = 1 - Math.pow(1 - this.c.breakChance, gapMs / 86_400_000);
    return {
      leave,
      gapMs: breakDraw < away ? gapMs + (1 + (6 * breakDraw) / away) * 86_400_000 : gapMs,
    };
  }

  /** sensitivity × (satisfaction − threshold) / threshold, bounded. */
  private pull(): number {
    const relative = (this.longTerm - this.c.satisfactionThreshold) / this.c.satisfactionThreshold;
    const x = this.c.satisfactionSensitivity * relative;
    return x > MAX_RELATIVE ? MAX_RELATIVE : x < -MAX_RELATIVE ? -MAX_RELATIVE : x;
  }
}
