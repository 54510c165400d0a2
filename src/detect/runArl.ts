import { ArgumentReader } from './arguments.js';
import type { RunArlInput } from './types.js';

/**
 * Average run length of the `run` detector: the expected number of impressions, counting the
 * last one, until `length` triggering impressions in a row, when each is triggering with
 * probability `p` independently.
 *
 * Closed form (1 − p^r) / ((1 − p)·p^r) for r = `length` — the classical waiting time for r
 * successes in a row (Feller, An Introduction to Probability Theory, vol. 1, ch. XIII), computed
 * as expm1(−r·ln p)/(1 − p) so that it stays accurate when p^r is near 1. Within a session: a
 * session gap ends the run, so across sessions the real wait is longer.
 *
 * @param input - `p` and `length`
 * @returns the average run length in impressions (`Infinity` beyond the float range)
 * @throws {@link RebalanceError} code `argument`, path the argument's name, when `p` is not in
 *   (0, 1) or `length` is not an integer ≥ 1
 *
 * @example
 * ```ts
 * import { runArl } from 'feed-rebalancer';
 * runArl({ p: 0.5, length: 2 }); // 6
 * ```
 */
export function runArl(input: RunArlInput): number {
  const args = new ArgumentReader('runArl', input, ['p', 'length']);
  const p = args.probability('p');
  const length = args.integer('length', 1, Number.MAX_SAFE_INTEGER);
  return Math.expm1(-length * Math.log(p)) / (1 - p);
}
