/**
 * The constants the offline calibration fitted (scripts/calibrate.ts writes this file; rerun the
 * fit rather than editing it by hand). docs/simulation.md describes the procedure and the targets.
 *
 * @internal
 * @packageDocumentation
 */

/** @internal */
export const FITTED = {
  response: {
    watchSlope: 8,
    watchMidpoint: 0.445,
    lingerFloor: 0.3868,
    lingerMs: 9334,
    damage: 0.003116,
    recoveryGain: 0.01,
    interestGrowth: 0.04797,
    baselinePull: 0.002,
    restHours: 48,
    sessionTemper: 5,
    temperDiscount: 2,
    satisfactionThreshold: 0.5,
    sessionMemory: 0.3,
    leaveChance: 0.005,
    satisfactionSensitivity: 1,
    returnGapHours: 3,
    breakChance: 0.05,
  },
  /**
   * Popularity of an item of the default catalogue's eating-disorder topics, of its self-harm and
   * suicide topics, and of its mental-health topic (content that is not harmful), relative to an
   * ordinary item.
   */
  popularity: {
    eatingDisorder: 0.04556,
    selfHarmAndSuicide: 0.151,
    mentalHealth: 0.5516,
  },
  /** Share of its reach triggering content keeps in a new account's popular feed. */
  popularFeedShare: 0.3874,
  /** Learning rate of the built-in recommenders' per-topic watch-time profile. */
  learningRate: 0.5079,
  /** Watch time (in 10-second watches) a new account gives before its feed is personalised. */
  coldStartWatches: 24.98,
  /** How the fit ran. */
  fit: {
    loss: 0.01733,
    evaluations: 165,
    seeds: [1, 2, 3, 4],
    usersPerSeed: 50,
    fitted: [
      'eatingDisorderPopularity',
      'selfHarmPopularity',
      'mentalHealthPopularity',
      'popularFeedShare',
      'coldStartWatches',
      'learningRate',
      'lingerMs',
      'lingerFloor',
      'watchMidpoint',
      'interestGrowth',
      'damage',
    ],
    /** The targets within their band at 50 accounts per arm and seed (calibrate()'s default). */
    reached: [
      'ccdh-eating-disorder',
      'ccdh-suicide',
      'ccdh-interval',
      'tomlein-bubble',
      'amnesty-2023',
      'amnesty-france-2025',
      'molly-rose-2025',
      'griffiths-2024',
      'hosseinmardi-2024',
    ],
  },
} as const;
