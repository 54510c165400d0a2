/**
 * One support resource as the host lists it: a helpline, a text service, a website. The library
 * ships none; the host keeps its own directory, verified for its users' regions.
 *
 * @example
 * ```ts
 * import type { ResourceInput } from 'feed-rebalancer';
 * // Sample data for illustration only — not a real service.
 * const sample: ResourceInput = {
 *   id: 'sample-line-gb',
 *   name: 'Sample Support Line (example)',
 *   groups: ['suicide', 'self-harm'],
 *   locale: 'en-GB',
 *   contact: '000 0000 (sample)',
 *   url: 'https://example.org/support',
 *   hours: '24/7',
 *   lastVerified: '2026-01-15',
 * };
 * ```
 */
export interface ResourceInput {
  /** Unique id within the directory. */
  readonly id: string;
  /** Name shown to the user. */
  readonly name: string;
  /** Taxonomy groups (or `mental-health`) the resource helps with; at least one. */
  readonly groups: readonly string[];
  /** A BCP 47 language tag such as `en-GB` or `es`, or `*` for every locale. */
  readonly locale: string;
  /** Phone number, text keyword or other contact, as shown. At least one of `contact` and `url`. */
  readonly contact?: string;
  /** An `https://` (or `http://`) address. */
  readonly url?: string;
  /** Opening hours, as shown (`24/7`, `Mon–Fri 9–17`). */
  readonly hours?: string;
  /** When the host last checked the entry works, as `YYYY-MM-DD`. */
  readonly lastVerified: string;
}

/**
 * A validated resource: the input fields, the locale in canonical lower case and the
 * verification date as milliseconds since the epoch (UTC midnight).
 *
 * @example
 * ```ts
 * import { validateResources } from 'feed-rebalancer';
 * const [resource] = validateResources(
 *   [{ id: 'r', name: 'Sample line (example)', groups: ['suicide'], locale: 'en-GB', url: 'https://example.org', lastVerified: '2026-01-15' }],
 *   'example',
 * ).entries;
 * console.log(resource?.localeKey); // 'en-gb'
 * ```
 */
export interface Resource extends ResourceInput {
  /** The locale in lower case, as locale fallback compares it. */
  readonly localeKey: string;
  /** `lastVerified` as milliseconds since the epoch. */
  readonly verifiedAt: number;
}

/**
 * A validated resource directory: the entries in the host's order and, per group, the entries
 * that help with it (a `Map`, so group names from configuration never touch object prototypes).
 *
 * @example
 * ```ts
 * import { validateResources } from 'feed-rebalancer';
 * const directory = validateResources([], 'example');
 * console.log(directory.entries.length, directory.byGroup.size); // 0 0
 * ```
 */
export interface ResourceDirectory {
  readonly entries: readonly Resource[];
  readonly byGroup: ReadonlyMap<string, readonly Resource[]>;
}

/**
 * A directory entry not verified within the configured age.
 *
 * @example
 * ```ts
 * import type { StaleResource } from 'feed-rebalancer';
 * const stale: StaleResource = { id: 'r', path: '[0]', lastVerified: '2024-01-01', ageDays: 500 };
 * ```
 */
export interface StaleResource {
  readonly id: string;
  /** Index path of the entry in the directory (`[3]`). */
  readonly path: string;
  readonly lastVerified: string;
  /** Whole days since `lastVerified`. */
  readonly ageDays: number;
}

/**
 * What to show for a sensitive search, instead of or above its results: the group it concerns
 * and up to three resources for the searcher's locale. `kind` is `resources` for the taxonomy's
 * groups (searches for harmful content) and `banner` for supportive mental-health searches.
 *
 * @example
 * ```ts
 * import type { QueryInterception } from 'feed-rebalancer';
 * const shown: QueryInterception = { group: 'suicide', kind: 'resources', topics: ['suicide'], resources: [] };
 * ```
 */
export interface QueryInterception {
  readonly group: string;
  readonly kind: 'resources' | 'banner';
  /** Topics the query matched in that group. */
  readonly topics: readonly string[];
  readonly resources: readonly Resource[];
}

/**
 * A banner for a served item: the group it concerns and the resources to show with it.
 *
 * @example
 * ```ts
 * import type { Banner } from 'feed-rebalancer';
 * const banner: Banner = { group: 'eating-disorder', resources: [] };
 * ```
 */
export interface Banner {
  readonly group: string;
  readonly resources: readonly Resource[];
}
