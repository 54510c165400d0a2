import { RebalanceError } from '../errors/RebalanceError.js';
import { ARL_LIMITS } from './limits.js';

/**
 * A Markov chain driven by the binary impression stream: from state i a non-triggering
 * impression leads to `next0[i]`, a triggering one to `next1[i]`; −1 means the detector alarms.
 *
 * @example
 * ```ts
 * import type { BinaryChain } from './absorbingChainArl.js';
 * // One triggering impression alarms: a single state that stays put until then.
 * const chain: BinaryChain = { next0: Int32Array.of(0), next1: Int32Array.of(-1), start: 0, memory: 1 };
 * ```
 *
 * @internal
 */
export interface BinaryChain {
  readonly next0: Int32Array;
  readonly next1: Int32Array;
  /** The state before the first impression. */
  readonly start: number;
  /**
   * Impressions after which the chain has mostly forgotten its start (the window length, or a
   * few 1/λ for the EWMA); the decay rate is trusted once it is stable over this lag.
   */
  readonly memory: number;
}

/** Relative change of the alarm hazard over `memory` impressions at which it counts as settled. */
const SETTLED = 1e-11;

/**
 * Average run length of a detector given as a {@link BinaryChain}, when each impression is
 * triggering with probability p: E[T] = Σ_{n≥0} P(T > n), i.e. the entry of (I − Q)⁻¹·1 at the
 * start state, summed as a Neumann series by stepping the distribution of surviving states
 * forward (two sparse updates per state, no matrix fill-in).
 *
 * Once the chain has run long enough to forget its start, P(T > n) decays geometrically at the
 * rate ρ = 1 − η of Q's leading eigenvalue (the quasi-stationary regime, with a constant
 * per-impression alarm probability η among survivors), and the rest of the series is
 * P(T > n)·(1 − η)/η. The sum switches to that closed tail when the observed η changes by less
 * than a relative 1e-11 over `memory` impressions, so the tail's relative error is about 1e-11
 * — the result is exact for the chain up to rounding.
 *
 * @param chain - the detector's chain
 * @param p - probability of a triggering impression, in (0, 1)
 * @param api - the helper's name, for errors
 * @param path - the argument to name in the error when the series does not settle
 * @returns expected impressions until the alarm, from the start state
 * @throws {@link RebalanceError} code `argument` when the series has not settled within
 *   `ARL_LIMITS.chainWork` updates
 *
 * @example
 * ```ts
 * import { absorbingChainArl } from './absorbingChainArl.js';
 * // Two triggering impressions in a row: state 0 = last was 0, state 1 = last was 1.
 * const chain = { next0: Int32Array.of(0, 0), next1: Int32Array.of(1, -1), start: 0, memory: 2 };
 * absorbingChainArl(chain, 0.5, 'runArl', 'length'); // 6
 * ```
 *
 * @internal
 */
export function absorbingChainArl(
  chain: BinaryChain,
  p: number,
  api: string,
  path: string,
): number {
  const { next0, next1, start } = chain;
  const states = next0.length;
  const q = 1 - p;
  let current = new Float64Array(states);
  let following = new Float64Array(states);
  current[start] = 1;
  const lag = Math.max(2, Math.ceil(chain.memory));
  const hazards = new Float64Array(lag + 1); // ring of the latest per-step alarm probabilities
  let total = 1; // P(T > 0)
  let survival = 1;
  // The work bound holds whatever the lag: a chain that cannot settle in time throws below.
  const maxSteps = Math.floor(ARL_LIMITS.chainWork / states);
  for (let n = 1; n <= maxSteps; n++) {
    following.fill(0);
    let next = 0;
    let absorbed = 0;
    for (let i = 0; i < states; i++) {
      const v = current[i]!;
      if (v === 0) continue;
      const zero = next0[i]!;
      const one = next1[i]!;
      if (zero >= 0) {
        following[zero]! += q * v;
        next += q * v;
      } else absorbed += q * v;
      if (one >= 0) {
        following[one]! += p * v;
        next += p * v;
      } else absorbed += p * v;
    }
    if (next === 0) return total;
    // The hazard P(T = n | T ≥ n) is summed directly rather than taken as 1 − next/survival,
    // which would cancel digits when the ARL is large.
    const hazard = absorbed / survival;
    survival = next;
    total += survival;
    // Once P(T > n) is negligible beside the sum there is nothing left to extrapolate.
    if (survival <= 1e-17 * total) return total;
    hazards[n % (lag + 1)] = hazard;
    if (n > 2 * lag && hazard > 0 && settled(hazards, hazard)) {
      return total + (survival * (1 - hazard)) / hazard;
    }
    const swap = current;
    current = following;
    following = swap;
  }
  throw new RebalanceError(
    'argument',
    `${api}: the Markov chain (${states} states) did not settle within ${ARL_LIMITS.chainWork} updates; use a smaller detector`,
    path,
  );
}

/**
 * Whether every hazard of the last `memory` + 1 steps lies within a relative `SETTLED` of the
 * current one. Comparing only with the hazard `memory` steps back is not enough: a chain whose
 * hazard oscillates with that period (a window of w impressions at high p) would look settled
 * while it is not.
 */
function settled(hazards: Float64Array, hazard: number): boolean {
  for (let k = 0; k < hazards.length; k++) {
    if (Math.abs(hazards[k]! - hazard) > SETTLED * hazard) return false;
  }
  return true;
}
