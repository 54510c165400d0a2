import type { Impression } from '../item/types.js';
import { failImpression, unreadableImpression } from './failImpression.js';

/**
 * Reads entry `index` of what was given to `observe` as an impression: each field once, `at` a
 * finite time and `dwellMs` a finite number ≥ 0 when given. The item is checked by the reader
 * that marks it.
 *
 * @param value - the untrusted entry
 * @param index - its index, for errors
 * @param api - the API name errors start with
 * @returns the item (unchecked), the time (−0 as 0) and the dwell or `null`
 * @throws RebalanceError with code `impression` and the path (`impressions[3].at`)
 *
 * @internal
 */
export function readImpression(
  value: unknown,
  index: number,
  api: string,
): { item: unknown; at: number; dwellMs: number | null } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    failImpression(api, index, '', 'must be an impression object', value);
  let item: unknown, at: unknown, dwellMs: unknown;
  try {
    ({ item, at, dwellMs } = value as Impression);
  } catch (cause) {
    throw unreadableImpression(api, index, cause);
  }
  if (typeof at !== 'number' || !Number.isFinite(at))
    failImpression(api, index, '.at', 'must be a finite time in milliseconds', at);
  if (
    dwellMs !== undefined &&
    (typeof dwellMs !== 'number' || !Number.isFinite(dwellMs) || dwellMs < 0)
  )
    failImpression(api, index, '.dwellMs', 'must be a finite number >= 0', dwellMs);
  // + 0 turns −0 into 0, which is what JSON stores anyway: a state round-trips exactly.
  return {
    item,
    at: at + 0,
    dwellMs: dwellMs === undefined ? null : dwellMs,
  };
}
