/**
 * Acquisition functions of the constrained Bayesian optimisation: expected improvement (Jones,
 * Schonlau & Welch 1998) weighted by the probability that every constraint holds (Gardner et
 * al. 2014; Gelbart, Snoek & Adams 2014).
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * The standard normal density.
 *
 * @internal
 */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/**
 * The standard normal distribution function, from the Chebyshev-fitted approximation of erfc in
 * Numerical Recipes in C (2nd ed., §6.2, `erfcc`), fractional error below 1.2e-7 everywhere — far
 * below what an acquisition needs.
 *
 * @internal
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  // y = erfc(|z|/√2); Φ(z) = erfc(−z/√2)/2.
  return z >= 0 ? 1 - 0.5 * y : 0.5 * y;
}

/**
 * Expected improvement below `best` of a normal prediction (minimisation):
 * `(best − μ)Φ(u) + σφ(u)` with `u = (best − μ)/σ`; `max(0, best − μ)` when σ is 0.
 *
 * @internal
 */
export function expectedImprovement(mean: number, variance: number, best: number): number {
  const sd = Math.sqrt(variance);
  const gain = best - mean;
  if (!(sd > 1e-12)) return Math.max(0, gain);
  const u = gain / sd;
  return gain * normalCdf(u) + sd * normalPdf(u);
}

/**
 * The probability that a normal prediction is at most 0 (the constraint holds); 1 or 0 when the
 * variance is 0.
 *
 * @internal
 */
export function probabilityAtMostZero(mean: number, variance: number): number {
  const sd = Math.sqrt(variance);
  if (!(sd > 1e-12)) return mean <= 0 ? 1 : 0;
  return normalCdf(-mean / sd);
}
