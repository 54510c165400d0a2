import type { Rng } from '../random/Rng.js';

/**
 * A Latin hypercube sample of `n` points in the unit cube of `dimensions` dimensions (McKay,
 * Beckman & Conover 1979): along every axis each of the `n` equal strata holds exactly one
 * point, at a uniform position inside it, and the strata are matched across axes by independent
 * random permutations (Fisher–Yates). Seeded through `rng`, so the initial design of a search is
 * the same for the same seed.
 *
 * @param n - points
 * @param dimensions - axes
 * @param rng - the random stream
 * @returns `n` points, each an array of `dimensions` coordinates in [0, 1)
 * @internal
 */
export function latinHypercube(n: number, dimensions: number, rng: Rng): number[][] {
  const points: number[][] = [];
  for (let i = 0; i < n; i++) points.push(new Array<number>(dimensions).fill(0));
  const order = new Int32Array(n);
  for (let d = 0; d < dimensions; d++) {
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let i = 0; i < n; i++) points[i]![d] = (order[i]! + rng.uniform()) / n;
  }
  return points;
}
