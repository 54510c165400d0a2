import type { BinaryChain } from './absorbingChainArl.js';
import { reachesThreshold } from './tolerance.js';

/**
 * A Brook & Evans (Biometrika 1972) discretisation of the EWMA `z ← λx + (1 − λ)z` on binary
 * impressions, as a Markov chain on the grid points jδ, δ = limit/cells, j = 0 … cells − 1.
 *
 * From grid point jδ, the exact next value λx + (1 − λ)jδ is computed; if it reaches the limit
 * the chain alarms, otherwise it moves to the nearest grid point. The grid includes 0, where z
 * starts and stays exactly until the first triggering impression, so the start carries no
 * rounding. The rounding error of z after many steps is at most δ/(2λ) (each step adds at
 * most δ/2 and the past shrinks by 1 − λ).
 *
 * @param lambda - the smoothing weight, in (0, 1]
 * @param limit - the alarm limit, in (0, 1)
 * @param cells - the number of grid points
 * @returns the chain
 *
 * @example
 * ```ts
 * import { ewmaChain } from './ewmaChain.js';
 * ewmaChain(0.1, 0.3, 2000).next1[0]; // the grid point of z = 0.1
 * ```
 *
 * @internal
 */
export function ewmaChain(lambda: number, limit: number, cells: number): BinaryChain {
  const delta = limit / cells;
  const next0 = new Int32Array(cells);
  const next1 = new Int32Array(cells);
  for (let j = 0; j < cells; j++) {
    const z = j * delta;
    next0[j] = Math.min(cells - 1, Math.round(((1 - lambda) * z) / delta));
    const up = lambda + (1 - lambda) * z;
    next1[j] = reachesThreshold(up, limit) ? -1 : Math.min(cells - 1, Math.round(up / delta));
  }
  // After ~3/λ impressions the start's weight (1 − λ)^n is below 5 %.
  return { next0, next1, start: 0, memory: Math.ceil(3 / lambda) };
}
