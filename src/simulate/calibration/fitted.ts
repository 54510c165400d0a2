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
    watchMidpoint: 0.35,
    lingerFloor: 0.3,
    lingerMs: 4000,
    damage: 0.003,
    recoveryGain: 0.01,
    interestGrowth: 0.03,
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
  /** Popularity weight of triggering topics relative to their share of the catalogue. */
  triggeringPopularity: 0.7,
  /** Learning rate of the built-in recommenders' per-topic watch-time profile. */
  learningRate: 0.15,
  /** How the fit ran. */
  fit: {
    loss: null,
    evaluations: 0,
    seeds: [] as readonly number[],
    usersPerSeed: 0,
    fitted: [] as readonly string[],
    /** The targets within their band at 50 accounts per arm and seed (calibrate()'s default). */
    reached: [] as readonly string[],
  },
} as const;
