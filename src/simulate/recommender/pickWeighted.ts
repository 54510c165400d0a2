/**
 * Index drawn in proportion to `weights` (which sum to `sum`) for a uniform `u`.
 *
 * @internal
 */
export function pickWeighted(weights: ArrayLike<number>, sum: number, u: number): number {
  let target = u * sum;
  for (let t = 0; t < weights.length; t++) {
    target -= weights[t]!;
    if (target < 0) return t;
  }
  return weights.length - 1;
}
