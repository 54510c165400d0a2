import { failInput } from '../validate/fail.js';
import { localeChain } from './localeChain.js';
import type { Resource, ResourceDirectory } from './types.js';

/**
 * Most signposts shown at a time. Samaritans' guidance for online content is to signpost "two or
 * three" services: more dilutes the one a person in crisis needs to find.
 *
 * @example
 * ```ts
 * import { MAX_SIGNPOSTS } from 'feed-rebalancer';
 * console.log(MAX_SIGNPOSTS); // 3
 * ```
 */
export const MAX_SIGNPOSTS = 3;

/**
 * The resources to show for a group in a locale: entries of the group for the locale itself,
 * then for each less specific locale down to `*` (en-GB → en → `*`), in the directory's order
 * within each locale, without repeats, at most `max` of them.
 *
 * @param directory - a directory from {@link validateResources}
 * @param group - the group (or `mental-health`)
 * @param locale - the user's BCP 47 locale; anything malformed falls back to `*` entries
 * @param max - most entries to return, an integer in [1, 3]
 * @returns up to `max` resources, most locale-specific first; empty when none fits
 * @throws RebalanceError with code `argument` when `max` is outside [1, 3]
 *
 * @example
 * ```ts
 * import { selectResources, validateResources } from 'feed-rebalancer';
 * // Sample data for illustration only — not real services.
 * const directory = validateResources(
 *   [
 *     { id: 'any', name: 'Sample Global Line', groups: ['suicide'], locale: '*', url: 'https://example.org', lastVerified: '2026-01-01' },
 *     { id: 'gb', name: 'Sample UK Line', groups: ['suicide'], locale: 'en-GB', contact: '000 (sample)', lastVerified: '2026-01-01' },
 *   ],
 *   'example',
 * );
 * selectResources(directory, 'suicide', 'en-GB').map((r) => r.id); // ['gb', 'any']
 * ```
 */
export function selectResources(
  directory: ResourceDirectory,
  group: string,
  locale: string,
  max: number = MAX_SIGNPOSTS,
): readonly Resource[] {
  if (!Number.isInteger(max) || max < 1 || max > MAX_SIGNPOSTS) {
    failInput(
      'argument',
      'selectResources',
      'max',
      `must be an integer in [1, ${MAX_SIGNPOSTS}]`,
      max,
    );
  }
  const candidates = directory.byGroup.get(group);
  if (candidates === undefined) return [];
  const chosen: Resource[] = [];
  for (const key of localeChain(locale)) {
    for (const resource of candidates) {
      if (resource.localeKey !== key || chosen.includes(resource)) continue;
      chosen.push(resource);
      if (chosen.length === max) return chosen;
    }
  }
  return chosen;
}
