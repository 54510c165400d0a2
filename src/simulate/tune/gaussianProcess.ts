import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * Hyperparameters of a {@link GaussianProcess} on standardised outputs (prior mean 0, signal
 * variance 1).
 *
 * @internal
 */
export interface GpHyperparameters {
  /** Length-scale of the Matérn 5/2 kernel, in the unit cube's coordinates (isotropic). */
  readonly lengthScale: number;
  /** Observation-noise variance relative to the signal variance 1 (a nugget). */
  readonly noise: number;
}

/**
 * The posterior at one point: mean and variance of the latent function (noise excluded).
 *
 * @internal
 */
export interface GpPrediction {
  readonly mean: number;
  readonly variance: number;
}

/** Added to the diagonal when the kernel matrix is numerically singular (duplicate points). */
const JITTER = 1e-10;
const SQRT5 = Math.sqrt(5);

/**
 * The Matérn 5/2 correlation at distance `r` (already divided by the length-scale):
 * `(1 + √5 r + 5r²/3) exp(−√5 r)` (Rasmussen & Williams 2006, eq. 4.17). Twice differentiable,
 * so smooth enough for response surfaces yet not as rigid as the squared exponential.
 *
 * @internal
 */
export function matern52(r: number): number {
  const s = SQRT5 * r;
  return (1 + s + (s * s) / 3) * Math.exp(-s);
}

/**
 * A Gaussian-process regression with a zero prior mean, unit signal variance and an isotropic
 * Matérn 5/2 kernel, conditioned on `(X, y)` by Cholesky factorisation (ml-matrix's
 * `CholeskyDecomposition`) as in Rasmussen & Williams 2006, algorithm 2.1. Outputs are expected
 * standardised; see `fitSurrogate` for the wrapper that does so and picks the hyperparameters.
 *
 * @internal
 */
export class GaussianProcess {
  readonly #x: readonly (readonly number[])[];
  readonly #lengthScale: number;
  /** Rows of the lower Cholesky factor L of K + noise·I, for the forward solves of `predict`. */
  readonly #lower: Float64Array[];
  /** α = (K + noise·I)⁻¹ y. */
  readonly #alpha: Float64Array;
  /** log p(y | X, θ). */
  readonly logMarginalLikelihood: number;

  /**
   * @param x - training inputs, one row per point
   * @param y - training outputs
   * @param hyper - length-scale and noise
   */
  constructor(x: readonly (readonly number[])[], y: readonly number[], hyper: GpHyperparameters) {
    const n = x.length;
    this.#x = x;
    this.#lengthScale = hyper.lengthScale;
    let jitter = 0;
    let chol: CholeskyDecomposition;
    for (;;) {
      const k = new Matrix(n, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) {
          const v = this.#kernel(x[i]!, x[j]!);
          k.set(i, j, v);
          k.set(j, i, v);
        }
        k.set(i, i, 1 + hyper.noise + jitter);
      }
      chol = new CholeskyDecomposition(k);
      if (chol.isPositiveDefinite()) break;
      jitter = jitter === 0 ? JITTER : jitter * 100;
    }
    const lower = chol.lowerTriangularMatrix;
    this.#lower = [];
    let logDet = 0;
    for (let i = 0; i < n; i++) {
      const row = new Float64Array(i + 1);
      for (let j = 0; j <= i; j++) row[j] = lower.get(i, j);
      this.#lower.push(row);
      logDet += 2 * Math.log(row[i]!);
    }
    const alpha = chol.solve(Matrix.columnVector([...y]));
    this.#alpha = Float64Array.from(alpha.getColumn(0));
    let fit = 0;
    for (let i = 0; i < n; i++) fit += y[i]! * this.#alpha[i]!;
    this.logMarginalLikelihood = -0.5 * fit - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
  }

  /** The posterior mean and variance of the latent function at `point`. */
  predict(point: readonly number[]): GpPrediction {
    const n = this.#x.length;
    const k = new Float64Array(n);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      k[i] = this.#kernel(point, this.#x[i]!);
      mean += k[i]! * this.#alpha[i]!;
    }
    // v = L⁻¹ k by forward substitution; the variance is k(x, x) − vᵀv.
    let explained = 0;
    for (let i = 0; i < n; i++) {
      const row = this.#lower[i]!;
      let s = k[i]!;
      for (let j = 0; j < i; j++) s -= row[j]! * k[j]!;
      const v = s / row[i]!;
      k[i] = v;
      explained += v * v;
    }
    return { mean, variance: Math.max(0, 1 - explained) };
  }

  #kernel(a: readonly number[], b: readonly number[]): number {
    let d2 = 0;
    for (let i = 0; i < a.length; i++) {
      const d = a[i]! - b[i]!;
      d2 += d * d;
    }
    return matern52(Math.sqrt(d2) / this.#lengthScale);
  }
}
