import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { deriveSeed, STREAM } from '../../random/deriveSeed.js';
import { Rng } from '../../random/Rng.js';

/** Latent factors per user and topic. @internal */
export const FACTORS = 8;
/** Ridge penalty of both alternating least-squares steps. */
const RIDGE = 0.1;
/** Alternating least-squares sweeps per round, each warm-started from the last round's factors. */
const SWEEPS = 2;
/** Spread of the initial topic factors (drawn from the run's factors stream). */
const INITIAL_SPREAD = 0.3;

/**
 * What every user model reads between two rounds: the topic factors V (topics × k, row-major)
 * and the user step's (VᵀV + λI)⁻¹ (k × k). Plain typed arrays, posted to worker threads after
 * every round.
 *
 * @internal
 */
export interface FactorSnapshot {
  readonly topicFactors: Float64Array;
  readonly userSolve: Float64Array;
}

/**
 * The population half of the collaborative recommender: a rank-k factorisation of the matrix of
 * every user's watch-time profile (users × topics: an exponential moving average of dwell in
 * 10-second units per topic, as the per-user recommender keeps), by alternating least squares
 * (Koren, Bell & Volinsky, "Matrix factorization techniques for recommender systems", IEEE
 * Computer 2009) trained online: after each round it takes the profiles of the users who made a
 * request, runs a few sweeps U = Y V (VᵀV + λI)⁻¹, V = Yᵀ U (UᵀU + λI)⁻¹ warm-started from the
 * last round, with ml-matrix's products and Cholesky solves, and hands out V and (VᵀV + λI)⁻¹.
 * Each user's scores are then their profile seen through the population's factors,
 * y V (VᵀV + λI)⁻¹ Vᵀ: what users who watch like them also watch.
 *
 * It factorises topics (the platform's content clusters) rather than items: in this world items
 * of a topic differ only in quality, and each item is seen too rarely for item factors to learn.
 * Contributions are read in user order, so the run is the same whatever the number of threads.
 *
 * @internal
 */
export class FactorModel {
  private readonly profiles: Matrix;
  private topicFactors: Matrix;
  private snapshotNow: FactorSnapshot;

  /**
   * @param seed - the run's seed (the initial factors come from its factors stream)
   * @param topics - topics in the catalogue
   * @param users - population size
   * @param prior - every new user's profile value
   */
  constructor(seed: number, topics: number, users: number, prior: number) {
    this.profiles = new Matrix(users, topics).fill(prior);
    const rng = new Rng(deriveSeed(seed, STREAM.factors, 0));
    this.topicFactors = new Matrix(topics, FACTORS);
    for (let t = 0; t < topics; t++)
      for (let d = 0; d < FACTORS; d++) this.topicFactors.set(t, d, INITIAL_SPREAD * rng.normal());
    this.snapshotNow = snapshotOf(this.topicFactors);
  }

  /** The factors every user model reads during the next round. */
  get snapshot(): FactorSnapshot {
    return this.snapshotNow;
  }

  /**
   * Takes one round's contributions — per user who made a request, [index, profile…] (see
   * {@link contributionLength}) — and refits.
   *
   * @param contributions - the round's contributions of every thread, in user order
   * @returns the new snapshot
   */
  refit(contributions: readonly Float64Array[]): FactorSnapshot {
    const topics = this.profiles.columns;
    for (const packed of contributions) {
      for (let at = 0; at < packed.length; at += 1 + topics) {
        const user = packed[at]!;
        for (let t = 0; t < topics; t++) this.profiles.set(user, t, packed[at + 1 + t]!);
      }
    }
    let v = this.topicFactors;
    for (let sweep = 0; sweep < SWEEPS; sweep++) {
      const u = this.profiles.mmul(v).mmul(ridgeInverse(v.transpose().mmul(v)));
      v = this.profiles
        .transpose()
        .mmul(u)
        .mmul(ridgeInverse(u.transpose().mmul(u)));
    }
    this.topicFactors = v;
    this.snapshotNow = snapshotOf(v);
    return this.snapshotNow;
  }
}

/**
 * Length of one user's packed contribution: [index, profile of every topic].
 *
 * @internal
 */
export function contributionLength(topics: number): number {
  return 1 + topics;
}

function snapshotOf(v: Matrix): FactorSnapshot {
  const solve = ridgeInverse(v.transpose().mmul(v));
  return {
    topicFactors: Float64Array.from(v.to1DArray()),
    userSolve: Float64Array.from(solve.to1DArray()),
  };
}

/** (G + λI)⁻¹ of a k × k Gram matrix, by Cholesky (G + λI is symmetric positive definite). */
function ridgeInverse(gram: Matrix): Matrix {
  const a = gram.clone();
  for (let i = 0; i < a.rows; i++) a.set(i, i, a.get(i, i) + RIDGE);
  return new CholeskyDecomposition(a).solve(Matrix.eye(a.rows, a.rows));
}
