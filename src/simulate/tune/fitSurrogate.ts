import { GaussianProcess, type GpPrediction } from './gaussianProcess.js';

/**
 * Length-scales tried, in unit-cube coordinates: from a tenth of the cube (a rough response) to
 * its diagonal's scale (an almost linear one).
 */
const LENGTH_SCALES: readonly number[] = [0.1, 0.2, 0.35, 0.6, 1];
/**
 * Noise variances tried, relative to the standardised outputs. Common random numbers make an
 * evaluation a deterministic function of the policy, but a rough one (one more capped slot moves
 * every later draw), so a small nugget usually fits better than none.
 */
const NOISES: readonly number[] = [1e-4, 1e-2, 0.1];

/**
 * A Gaussian-process surrogate in the data's own units: predictions of the mean and variance.
 *
 * @internal
 */
export interface Surrogate {
  readonly predict: (point: readonly number[]) => GpPrediction;
  /** The hyperparameters chosen. */
  readonly lengthScale: number;
  readonly noise: number;
}

/**
 * Fits a {@link GaussianProcess} to `(x, y)`: standardises `y` (mean 0, standard deviation 1),
 * picks the length-scale and noise on a small grid by the largest log marginal likelihood
 * (type-II maximum likelihood, Rasmussen & Williams 2006 §5.4, on a grid rather than by gradient
 * so that the fit is cheap and deterministic), and maps predictions back to `y`'s units.
 *
 * @param x - inputs in the unit cube
 * @param y - outputs, at least one
 * @returns the surrogate
 * @internal
 */
export function fitSurrogate(x: readonly (readonly number[])[], y: readonly number[]): Surrogate {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - mean) ** 2;
  const sd = n > 1 && ss > 0 ? Math.sqrt(ss / (n - 1)) : 1;
  const z = y.map((v) => (v - mean) / sd);
  let best: GaussianProcess | null = null;
  let bestHyper = { lengthScale: LENGTH_SCALES[0]!, noise: NOISES[0]! };
  for (const lengthScale of LENGTH_SCALES) {
    for (const noise of NOISES) {
      const gp = new GaussianProcess(x, z, { lengthScale, noise });
      if (best === null || gp.logMarginalLikelihood > best.logMarginalLikelihood) {
        best = gp;
        bestHyper = { lengthScale, noise };
      }
    }
  }
  const gp = best!;
  return {
    predict: (point) => {
      const p = gp.predict(point);
      return { mean: mean + sd * p.mean, variance: sd * sd * p.variance };
    },
    ...bestHyper,
  };
}
