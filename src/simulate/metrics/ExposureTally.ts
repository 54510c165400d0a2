import type { UserState } from '../../exposure/types.js';
import { SCROLL_MS } from '../run/RunSpec.js';
import { detectionDelay } from './detectionDelay.js';
import { MAX_RUN_TRACKED, type UserResult } from './UserResult.js';

/** CCDH timed their first 30 minutes on each account. */
const EARLY_MS = 30 * 60_000;

/** The fields of a {@link UserResult} that a tally of impressions gives. @internal */
export type TalliedFields = Pick<
  UserResult,
  | 'impressions'
  | 'harmful'
  | 'watchMs'
  | 'harmfulWatchMs'
  | 'longestRun'
  | 'runCounts'
  | 'firstHarmfulMs'
  | 'earlyMs'
  | 'earlyHarmful'
  | 'bubbleWatches'
  | 'sustainedRun'
  | 'detectionDelay'
  | 'alarms'
  | 'recoveryImpressions'
  | 'recoveryDwellMs'
  | 'organicImpressions'
  | 'organicDwellMs'
>;

/**
 * The impression-by-impression accounting a simulated user and a replayed one share: harm,
 * watch time, runs, the first harmful item and the first 30 minutes, recovery against organic
 * items, alarms, the bubble, and the per-impression flags the detection delay is read from. Typed
 * arrays throughout: this runs once per impression. The flags start at `capacity` and double when
 * a history outgrows them.
 *
 * @internal
 */
export class ExposureTally {
  private harmfulFlags: Uint8Array;
  private sustainedFlags: Uint8Array;
  private readonly previousSustained: Uint8Array;
  private readonly runCounts = new Int32Array(MAX_RUN_TRACKED + 1);
  private n = 0;
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
  private recoveryImpressions = 0;
  private recoveryDwellMs = 0;
  private organicImpressions = 0;
  private organicDwellMs = 0;

  /**
   * @param capacity - impressions the flags hold before they grow
   * @param groups - taxonomy groups whose rises to `sustained` are counted as alarms
   */
  constructor(capacity: number, groups: number) {
    this.harmfulFlags = new Uint8Array(Math.max(1, capacity));
    this.sustainedFlags = new Uint8Array(this.harmfulFlags.length + 1);
    this.previousSustained = new Uint8Array(groups);
  }

  /** Time on the app so far (ms): dwell plus scrolling. */
  get active(): number {
    return this.activeMs;
  }

  /**
   * Records one impression, with the state after `observe`.
   *
   * @param isHarmful - whether the item is triggering
   * @param inserted - whether it is a recovery item the policy inserted
   * @param watched - whether the user watched it (for the bubble's count of watches)
   * @param dwellMs - its dwell
   * @param state - the user's state after observing it
   */
  impression(
    isHarmful: boolean,
    inserted: boolean,
    watched: boolean,
    dwellMs: number,
    state: UserState,
  ): void {
    if (this.n >= this.harmfulFlags.length) this.grow();
    this.watchMs += dwellMs;
    if (isHarmful) {
      this.harmful++;
      this.harmfulWatchMs += dwellMs;
      this.harmfulFlags[this.n] = 1;
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
    } else {
      this.organicImpressions++;
      this.organicDwellMs += dwellMs;
    }
    let sustained = 0;
    const groups = state.groups;
    const previous = this.previousSustained;
    for (let g = 0; g < groups.length; g++) {
      const now = groups[g]!.level === 'sustained' ? 1 : 0;
      // Alarms are counted for the first `groups` groups the tally was made for.
      if (g < previous.length) {
        if (now === 1 && previous[g] === 0) this.alarms++;
        previous[g] = now;
      }
      sustained |= now;
    }
    // sustainedFlags[k + 1]: some group was sustained after impression k; [0] is the empty state.
    this.sustainedFlags[this.n + 1] = sustained;
    const before = this.activeMs;
    this.activeMs += dwellMs + SCROLL_MS;
    if (before < EARLY_MS) this.earlyMs += Math.min(this.activeMs, EARLY_MS) - before;
    this.n++;
  }

  /** Closes a feed request: the bubble is the first page at least half triggering. */
  endRequest(halfTriggering: boolean): void {
    if (halfTriggering && this.bubbleWatches === null) this.bubbleWatches = this.triggeringWatched;
  }

  /**
   * The tallied fields of the user's result (the open run closed first).
   *
   * @param trimRuns - keep run counts only up to the longest run (all that is ever read), for a
   *   record that stays small
   */
  fields(trimRuns: boolean): TalliedFields {
    this.endRun();
    const detection = detectionDelay(this.harmfulFlags, this.sustainedFlags, this.n);
    const top = Math.min(this.longestRun, MAX_RUN_TRACKED);
    return {
      impressions: this.n,
      harmful: this.harmful,
      watchMs: this.watchMs,
      harmfulWatchMs: this.harmfulWatchMs,
      longestRun: this.longestRun,
      runCounts: trimRuns ? this.runCounts.slice(0, top + 1) : this.runCounts,
      firstHarmfulMs: this.firstHarmfulMs,
      earlyMs: this.earlyMs,
      earlyHarmful: this.earlyHarmful,
      bubbleWatches: this.bubbleWatches,
      sustainedRun: detection.sustainedRun,
      detectionDelay: detection.delay,
      alarms: this.alarms,
      recoveryImpressions: this.recoveryImpressions,
      recoveryDwellMs: this.recoveryDwellMs,
      organicImpressions: this.organicImpressions,
      organicDwellMs: this.organicDwellMs,
    };
  }

  private endRun(): void {
    if (this.run > 0) this.runCounts[Math.min(this.run, MAX_RUN_TRACKED)]!++;
    this.run = 0;
  }

  /** Doubles the per-impression flag arrays. */
  private grow(): void {
    const harmful = new Uint8Array(this.harmfulFlags.length * 2);
    harmful.set(this.harmfulFlags);
    this.harmfulFlags = harmful;
    const sustained = new Uint8Array(harmful.length + 1);
    sustained.set(this.sustainedFlags);
    this.sustainedFlags = sustained;
  }
}
