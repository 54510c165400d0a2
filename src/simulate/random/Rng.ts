import seedrandom from 'seedrandom';

/**
 * A seeded random stream (seedrandom's Alea generator) with the few draws the simulator needs.
 * The simulator never calls `Math.random`: every draw comes from one of these, created from a
 * seed derived by `deriveSeed`.
 *
 * @internal
 */
export class Rng {
  private readonly next: () => number;
  private spareNormal = Number.NaN;

  /**
   * @param seed - an unsigned 32-bit seed, or a uniform source in [0, 1) to draw from (a stream
   *   another `Rng` also reads, such as the `random` a recommender is handed)
   */
  constructor(seed: number | (() => number)) {
    this.next = typeof seed === 'function' ? seed : seedrandom.alea(String(seed >>> 0));
  }

  /** The uniform source itself, to hand to code that takes a `random` function. */
  get source(): () => number {
    return this.next;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal by the polar Box–Muller method (Marsaglia), one spare kept. */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = Number.NaN;
      return spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}
