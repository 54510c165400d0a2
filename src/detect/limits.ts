import { LIMITS } from '../validate/limits.js';

/**
 * Bounds on the work of the ARL helpers, so that a design call can never hang a service. Each
 * is documented in docs/detection.md; beyond them the helpers throw code `argument`.
 *
 * @example
 * ```ts
 * import { ARL_LIMITS } from './limits.js';
 * ARL_LIMITS.windowStates; // 100000
 * ```
 *
 * @internal
 */
export const ARL_LIMITS = {
  /** Entries of the banded matrix of the γ = 1/m CUSUM chain (m·h·m); beyond it the renewal sum is used. */
  cusumBand: 4_000_000,
  /** Probability-mass updates one CUSUM renewal sum may make (well under a second of work). */
  work: 20_000_000,
  /** Probability-mass updates one window or EWMA chain may make (about a second of work). */
  chainWork: 100_000_000,
  /** Largest CUSUM threshold h (the policy's bound too). */
  cusumH: LIMITS.cusumThreshold,
  /** Markov-chain states of `windowArl`. */
  windowStates: 100_000,
  /** Largest window of `windowArl` (the policy's largest window). */
  window: LIMITS.detectorWindow,
  /** Grid points of `ewmaArl`. */
  ewmaCells: 100_000,
} as const;
