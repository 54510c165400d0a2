/**
 * Stable codes carried by every {@link RebalanceError}.
 *
 * - `policy`: the policy given to `createRebalancer` breaks a rule.
 * - `taxonomy`: the taxonomy breaks a rule.
 * - `resources`: the resource directory breaks a rule.
 * - `item`: an item (candidate or recovery pool entry) is malformed.
 * - `impression`: an impression given to `observe` is malformed.
 * - `state`: a user state is tampered, truncated or from a future version (a state written under
 *   another policy is lined up with this one, never refused).
 * - `request`: a request argument other than items is malformed (`size`, `at`, …).
 * - `argument`: a building block (`mmr`, `dppGreedy`, `cusumArl`, …) got an argument it cannot use.
 * - `conflict`: a state store's update waited too long for its turn behind concurrent writers.
 * - `store`: a state store could not reach its backend.
 *
 * @example
 * ```ts
 * import type { RebalanceErrorCode } from 'feed-rebalancer';
 * const code: RebalanceErrorCode = 'policy';
 * ```
 */
export type RebalanceErrorCode =
  | 'policy'
  | 'taxonomy'
  | 'resources'
  | 'item'
  | 'impression'
  | 'state'
  | 'request'
  | 'argument'
  | 'conflict'
  | 'store';

/**
 * The one error class the library throws for misuse and bad input. `code` is stable across
 * versions; `path` is the JSON path of the offending field in dot/bracket form
 * (`levels.sustained.recoveryEvery`, `candidates[2].id`) when there is one.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, RebalanceError } from 'feed-rebalancer';
 * try {
 *   createRebalancer({ taxonomy: presets.taxonomies.default, policy: { minConfidence: 2 } });
 * } catch (error) {
 *   if (error instanceof RebalanceError) console.log(error.code, error.path); // 'policy' 'minConfidence'
 * }
 * ```
 */
export class RebalanceError extends Error {
  /** The stable error code. */
  readonly code: RebalanceErrorCode;
  /** JSON path of the offending field, if the error concerns one. */
  readonly path: string | undefined;

  /**
   * @param code - the stable error code
   * @param message - a message that names the API, the rule and the value received
   * @param path - the JSON path of the offending field
   * @param options - the underlying cause, if any
   */
  constructor(
    code: RebalanceErrorCode,
    message: string,
    path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RebalanceError';
    this.code = code;
    this.path = path;
  }
}
