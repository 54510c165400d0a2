/**
 * How a calibration protocol scripts its accounts and what it measures on each: plain data, so
 * that it travels to worker threads with the run.
 *
 * An audit's accounts are scripted: they scroll for a set time and never leave, so a protocol
 * replaces the sessions of the engagement model by one continuous session of
 * `scriptedMinutes` of time on the app.
 *
 * @internal
 */
export interface ProtocolSpec {
  /** Time on the app each account scrolls for, in minutes. */
  readonly scriptedMinutes: number;
  /**
   * Feed request from which the user stops responding to triggering content (interest and
   * susceptibility 0), as Hosseinmardi et al.'s bots stopped watching partisan videos; `null`
   * for none.
   */
  readonly switchAtRequest: number | null;
  /**
   * Topics the account engages with whatever the response model says — it watches each such item
   * to the end and again, as the audits' scripted accounts did (Amnesty's re-watching accounts,
   * the Molly Rose Foundation's accounts that watched, liked and saved) — with the dwell
   * `dwellMs`; `null` for none.
   */
  readonly engaged: ScriptedEngagement | null;
  /** What to measure. */
  readonly probe: ProbeSpec;
}

/**
 * What a protocol's accounts engage with, and how long they dwell on it.
 *
 * @internal
 */
export interface ScriptedEngagement {
  readonly topics: readonly string[];
  readonly dwellMs: number;
}

/**
 * The measurements of a protocol, each over a set of topic ids.
 *
 * @internal
 */
export interface ProbeSpec {
  /** Time on the app (ms) before the first impression of a topic in each set. */
  readonly firsts: readonly (readonly string[])[];
  /** Impressions of the set, and all impressions, between two times on the app (ms). */
  readonly windows: readonly ProbeWindow[];
  /** Impressions of the set, and of them those watched, over the whole run. */
  readonly watched: readonly (readonly string[])[];
  /** Per feed request from `fromRequest`, impressions of the set and all impressions. */
  readonly curve: ProbeCurve | null;
}

/** @internal */
export interface ProbeWindow {
  readonly topics: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
}

/** @internal */
export interface ProbeCurve {
  readonly topics: readonly string[];
  readonly fromRequest: number;
  readonly requests: number;
}
