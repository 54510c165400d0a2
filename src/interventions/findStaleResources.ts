import { failInput } from '../validate/fail.js';
import type { ResourceDirectory, StaleResource } from './types.js';

const DAY_MS = 86_400_000;

/**
 * Default largest age, in days, of a resource's last verification. Helplines change numbers and
 * hours; Samaritans' guidance asks services to review contact details regularly, and six months
 * is a review cycle a trust-and-safety team can keep.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_RESOURCE_AGE_DAYS } from 'feed-rebalancer';
 * console.log(DEFAULT_MAX_RESOURCE_AGE_DAYS); // 180
 * ```
 */
export const DEFAULT_MAX_RESOURCE_AGE_DAYS = 180;

/**
 * Entries not verified within `maxAgeDays` of `at`: a warning list for whoever maintains the
 * directory. Pure: the time is an argument, never read from a clock.
 *
 * @param directory - a directory from {@link validateResources}
 * @param options - `at`: the time to judge by (ms since the epoch); `maxAgeDays`: the largest
 *   acceptable age in days, a non-negative integer
 * @returns the stale entries in directory order, with their age in whole days
 * @throws RebalanceError with code `argument` when `at` or `maxAgeDays` is malformed
 *
 * @example
 * ```ts
 * import { findStaleResources, validateResources } from 'feed-rebalancer';
 * // Sample data for illustration only — not a real service.
 * const directory = validateResources(
 *   [{ id: 'old', name: 'Sample Line (example)', groups: ['suicide'], locale: '*', url: 'https://example.org', lastVerified: '2024-01-01' }],
 *   'example',
 * );
 * findStaleResources(directory, { at: Date.UTC(2026, 0, 1) }); // [{ id: 'old', path: '[0]', lastVerified: '2024-01-01', ageDays: 731 }]
 * ```
 */
export function findStaleResources(
  directory: ResourceDirectory,
  options: { readonly at: number; readonly maxAgeDays?: number },
): readonly StaleResource[] {
  const { at, maxAgeDays = DEFAULT_MAX_RESOURCE_AGE_DAYS } = options;
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    failInput('argument', 'findStaleResources', 'at', 'must be a finite number of ms', at);
  }
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 0) {
    failInput(
      'argument',
      'findStaleResources',
      'maxAgeDays',
      'must be an integer >= 0',
      maxAgeDays,
    );
  }
  const stale: StaleResource[] = [];
  directory.entries.forEach((resource, i) => {
    const ageDays = Math.floor((at - resource.verifiedAt) / DAY_MS);
    if (ageDays > maxAgeDays)
      stale.push({ id: resource.id, path: `[${i}]`, lastVerified: resource.lastVerified, ageDays });
  });
  return stale;
}
