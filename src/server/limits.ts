import { RebalanceError } from '../index.js';
import { describeValue } from '../errors/describe.js';

/**
 * Size limits of the server's requests. A body over `bodyBytes` is answered 413 before it is
 * read whole; a list over its limit is answered 400 with the list's path. Both bound the time
 * and memory one request can cost.
 *
 * @example
 * ```ts
 * import type { ServerLimits } from 'feed-rebalancer/server';
 * const limits: ServerLimits = { bodyBytes: 1_048_576, candidates: 500 };
 * ```
 */
export interface ServerLimits {
  /**
   * Largest request body, in bytes.
   * @defaultValue 4_194_304 (4 MiB: 1,000 candidates with 256-dimension embeddings)
   */
  readonly bodyBytes?: number;
  /**
   * Most candidates in one `POST /v1/rebalance`.
   * @defaultValue 1_000
   */
  readonly candidates?: number;
  /**
   * Most recovery pool entries in one `POST /v1/rebalance`.
   * @defaultValue 1_000
   */
  readonly recovery?: number;
  /**
   * Most events in one `POST /v1/impressions`.
   * @defaultValue 1_000
   */
  readonly events?: number;
  /**
   * Most items in one `POST /rank`.
   * @defaultValue 1_000
   */
  readonly rankItems?: number;
}

/** {@link ServerLimits} with every default filled in. @internal */
export type ResolvedServerLimits = Required<ServerLimits>;

/** The defaults of {@link ServerLimits}. @internal */
export const DEFAULT_LIMITS: ResolvedServerLimits = {
  bodyBytes: 4 * 1024 * 1024,
  candidates: 1_000,
  recovery: 1_000,
  events: 1_000,
  rankItems: 1_000,
};

/** Upper bounds of the limits: one request must stay a request, not a batch job. */
const CEILINGS: ResolvedServerLimits = {
  bodyBytes: 256 * 1024 * 1024,
  candidates: 100_000,
  recovery: 10_000,
  events: 100_000,
  rankItems: 100_000,
};

/**
 * Fills in the defaults of `limits` and checks each given value: an integer in [1, ceiling].
 *
 * @throws RebalanceError with code `argument` and the path `limits.<name>`
 * @internal
 */
export function resolveLimits(limits: ServerLimits | undefined, api: string): ResolvedServerLimits {
  if (limits === undefined) return DEFAULT_LIMITS;
  if (typeof limits !== 'object' || limits === null)
    throw new RebalanceError(
      'argument',
      `${api}: limits must be an object (got ${describeValue(limits)})`,
      'limits',
    );
  const resolved: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof ResolvedServerLimits)[]) {
    const value: unknown = limits[name];
    if (value === undefined) continue;
    const max = CEILINGS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
      throw new RebalanceError(
        'argument',
        `${api}: limits.${name} must be an integer in [1, ${max}] (got ${describeValue(value)})`,
        `limits.${name}`,
      );
    resolved[name] = value;
  }
  return resolved as ResolvedServerLimits;
}
