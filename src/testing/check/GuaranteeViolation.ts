import type { GuaranteeNumber, RebalanceCase } from '../types.js';
import { formatCase } from './formatCase.js';

const NAMES: Readonly<Record<GuaranteeNumber, string>> = {
  1: 'no invention',
  2: 'nothing lost silently',
  3: 'no cost for the unaffected',
  4: 'caps hold',
  5: 'top slots first',
  6: 'stability',
  7: 'recovery cadence',
  8: 'determinism',
};

/**
 * The short name of a guarantee (`4` → `caps hold`), or the name of a custom property as given.
 *
 * @param guarantee - a guarantee number, a custom property's name or `'error'`
 * @returns a label for messages
 *
 * @example
 * ```ts
 * import { guaranteeName } from 'feed-rebalancer/testing';
 * console.log(guaranteeName(5)); // 'guarantee 5 (top slots first)'
 * ```
 */
export function guaranteeName(guarantee: GuaranteeNumber | string): string {
  if (typeof guarantee === 'number') return `guarantee ${guarantee} (${NAMES[guarantee]})`;
  return guarantee === 'error' ? 'no error on valid input' : `property "${guarantee}"`;
}

/**
 * Thrown by `assertRebalancer` when a guarantee or property fails: it carries the same fields as
 * a failed `checkRebalancer` result, and its message shows the shrunk counterexample.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { assertRebalancer, GuaranteeViolation } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * try {
 *   assertRebalancer((request) => ({ ...rb.rebalance(request), dropped: [] }));
 * } catch (error) {
 *   if (error instanceof GuaranteeViolation) console.log(error.guarantee, error.seed); // 2 …
 * }
 * ```
 */
export class GuaranteeViolation extends Error {
  /** The guarantee's number, a custom property's name, or `'error'` when the target threw. */
  readonly guarantee: GuaranteeNumber | string;
  /** The smallest failing case found. */
  readonly counterexample: RebalanceCase;
  /** The seed that replays the run. */
  readonly seed: number;
  /** What broke, without the counterexample. */
  readonly reason: string;

  /**
   * @param guarantee - what failed
   * @param reason - what broke
   * @param counterexample - the failing case
   * @param seed - the seed of the run
   */
  constructor(
    guarantee: GuaranteeNumber | string,
    reason: string,
    counterexample: RebalanceCase,
    seed: number,
  ) {
    super(
      `${guaranteeName(guarantee)} does not hold: ${reason}\n` +
        `Replay with seed ${seed}. Counterexample:\n${formatCase(counterexample)}`,
    );
    this.name = 'GuaranteeViolation';
    this.guarantee = guarantee;
    this.reason = reason;
    this.counterexample = counterexample;
    this.seed = seed;
  }
}
