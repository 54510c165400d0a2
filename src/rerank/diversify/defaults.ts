/**
 * Defaults and tolerances of the diversification building blocks, in one place.
 *
 * @internal
 */
export const DIVERSIFY_DEFAULTS = {
  /** MMR weight of relevance when none is given: relevance and novelty count alike. */
  mmrLambda: 0.5,
  /** Stop threshold on the DPP marginal gain d²; the reference implementation's default. */
  dppEpsilon: 1e-10,
  /**
   * Largest accepted asymmetry of a kernel, relative to the larger of the two entries and the
   * largest diagonal entry: products such as r_i·S_ij·r_j differ from r_j·S_ji·r_i by rounding.
   */
  symmetryTolerance: 1e-9,
} as const;
