import { absorbingChainArl } from './absorbingChainArl.js';
import { ArgumentReader } from './arguments.js';
import { ARL_LIMITS } from './limits.js';
import { windowChain, windowStateCount } from './windowChain.js';
import type { WindowArlInput } from './types.js';

/**
 * Average run length of the `window` detector: the expected number of impressions, counting the
 * last one, until at least `count` of the last `window` impressions are triggering, when each is
 * triggering with probability `p` independently, starting from an empty window.
 *
 * Solved on the exact Markov chain whose state is the set of positions of triggering
 * impressions among the last `window − 1` (fewer than `count` of them): Σ_{j<count} C(window −
 * 1, j) states. That count must not exceed 100,000 (for instance 4 of 40, 5 of 30, 6 of 25 or 10
 * of 17 fit), and the series must settle within 1e8 updates (hundreds of impressions of
 * window with a count of several may not); beyond these bounds the helper throws rather than
 * approximate. For `count = window` the
 * detector is a run rule and {@link runArl} gives the same number in closed form.
 *
 * @param input - `p`, `count` and `window`
 * @returns the average run length in impressions
 * @throws {@link RebalanceError} code `argument`, path the argument's name, when `p` is not in
 *   (0, 1), `count` is not an integer ≥ 1, `window` is not an integer in [count, 512], or the
 *   chain would have more than 100,000 states or does not settle (path `window`)
 *
 * @example
 * ```ts
 * import { windowArl } from 'feed-rebalancer';
 * windowArl({ p: 0.05, count: 4, window: 10 }); // ≈ 2955 impressions
 * ```
 */
export function windowArl(input: WindowArlInput): number {
  const args = new ArgumentReader('windowArl', input, ['p', 'count', 'window']);
  const p = args.probability('p');
  const count = args.integer('count', 1, ARL_LIMITS.window);
  const window = args.integer('window', count, ARL_LIMITS.window);
  const states = windowStateCount(count, window, ARL_LIMITS.windowStates);
  if (states > ARL_LIMITS.windowStates)
    args.fail(
      'window',
      `with count ${count} needs more than ${ARL_LIMITS.windowStates} Markov-chain states; use a shorter window or a smaller count`,
      window,
    );
  return absorbingChainArl(windowChain(count, window), p, 'windowArl', 'window');
}
