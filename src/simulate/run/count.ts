import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';

/** Largest population accepted (memory stays bounded per worker). @internal */
export const MAX_USERS = 1_000_000;
/** Largest number of feed requests per user accepted. @internal */
export const MAX_STEPS = 100_000;

/**
 * A positive integer option at most `max`, or `otherwise` when omitted (and there is a default).
 *
 * @internal
 */
export function count(
  api: string,
  path: string,
  value: unknown,
  otherwise: number | undefined,
  max: number,
): number {
  if (value === undefined && otherwise !== undefined) return otherwise;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be an integer in [1, ${max}] (got ${describeValue(value)})`,
      path,
    );
  return value;
}
