import { failInput } from '../validate/fail.js';
import { joinPath } from '../errors/describe.js';
import { isLocaleTag } from './localeChain.js';
import type { Resource, ResourceDirectory } from './types.js';
import { LIMITS } from '../validate/limits.js';

/** Most entries a directory may hold. */
const FIELDS = ['id', 'name', 'groups', 'locale', 'contact', 'url', 'hours', 'lastVerified'];
const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Validates a resource directory once, at the boundary, and indexes it by group. Every problem
 * throws a `RebalanceError` with code `resources` and the path of the bad entry's field
 * (`resources[2].locale`); the message starts with `api`, states the rule and the value received.
 *
 * Rules: an array of at most 10,000 objects with only the known fields; `id` unique and
 * non-empty; `name` non-empty; `groups` a non-empty array of non-empty strings (and, when
 * `knownGroups` is given, each one of them); `locale` a BCP 47 tag or `*`; at least one of
 * `contact` and `url`; `url` an `http(s)://` address; `lastVerified` a real `YYYY-MM-DD` date.
 *
 * @param input - the directory as the host configured it (untrusted)
 * @param api - name of the calling API, for messages (`createRebalancer`)
 * @param knownGroups - group ids the entries may name; omitted means any
 * @returns the frozen, indexed directory; the input is not modified
 * @throws RebalanceError with code `resources` when an entry breaks a rule
 *
 * @example
 * ```ts
 * import { validateResources } from 'feed-rebalancer';
 * // Sample data for illustration only — not a real service.
 * const directory = validateResources(
 *   [{ id: 'sample', name: 'Sample Line (example)', groups: ['suicide'], locale: 'en-GB', contact: '000 (sample)', lastVerified: '2026-01-15' }],
 *   'createRebalancer',
 * );
 * directory.byGroup.get('suicide')?.length; // 1
 * ```
 */
export function validateResources(
  input: unknown,
  api: string,
  knownGroups?: ReadonlySet<string>,
): ResourceDirectory {
  const fail = (path: string, rule: string, value: unknown): never => {
    failInput('resources', api, path, rule, value, path);
  };
  if (!Array.isArray(input)) fail('resources', 'must be an array of resource entries', input);
  const list = input as unknown[];
  if (list.length > LIMITS.resources)
    fail('resources', `must have at most ${LIMITS.resources} entries`, list);
  const entries: Resource[] = [];
  const ids = new Set<string>();
  const byGroup = new Map<string, Resource[]>();
  for (let i = 0; i < list.length; i++) {
    const base = joinPath('resources', i);
    const raw: unknown = list[i];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      fail(base, 'must be an object', raw);
    // Read each field once into a null-prototype record, so getters run once and keys like
    // `__proto__` are plain data.
    const fields = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(raw as object)) {
      if (!FIELDS.includes(key))
        fail(
          joinPath(base, key),
          `is not a known field (expected one of ${FIELDS.join(', ')})`,
          key,
        );
      fields[key] = (raw as Record<string, unknown>)[key];
    }
    const text = (key: string, required: boolean): string | undefined => {
      const value = fields[key];
      if (value === undefined && !required) return undefined;
      if (typeof value !== 'string' || value.trim() === '' || value.length > LIMITS.resourceText) {
        fail(
          joinPath(base, key),
          `must be a non-empty string of at most ${LIMITS.resourceText} characters`,
          value,
        );
      }
      return value as string;
    };
    const id = text('id', true)!;
    if (ids.has(id)) fail(joinPath(base, 'id'), 'must be unique in the directory', id);
    ids.add(id);
    const name = text('name', true)!;
    const groups = readGroups(fields['groups'], joinPath(base, 'groups'), fail, knownGroups);
    const locale = text('locale', true)!;
    if (!isLocaleTag(locale))
      fail(
        joinPath(base, 'locale'),
        "must be a BCP 47 language tag such as 'en-GB', or '*'",
        locale,
      );
    const contact = text('contact', false);
    const url = text('url', false);
    if (url !== undefined && !URL_PATTERN.test(url))
      fail(joinPath(base, 'url'), 'must be an http:// or https:// address', url);
    if (contact === undefined && url === undefined) fail(base, 'must have a contact or a url', raw);
    const hours = text('hours', false);
    const lastVerified = text('lastVerified', true)!;
    const verifiedAt = parseDate(lastVerified);
    if (verifiedAt === null)
      fail(joinPath(base, 'lastVerified'), 'must be a date written YYYY-MM-DD', lastVerified);
    const resource: Resource = Object.freeze({
      id,
      name,
      groups,
      locale,
      ...(contact === undefined ? {} : { contact }),
      ...(url === undefined ? {} : { url }),
      ...(hours === undefined ? {} : { hours }),
      lastVerified,
      localeKey: locale.toLowerCase(),
      verifiedAt: verifiedAt!,
    });
    entries.push(resource);
    for (const group of groups) {
      const listed = byGroup.get(group);
      if (listed === undefined) byGroup.set(group, [resource]);
      else if (!listed.includes(resource)) listed.push(resource);
    }
  }
  for (const listed of byGroup.values()) Object.freeze(listed);
  return Object.freeze({ entries: Object.freeze(entries), byGroup });
}

function readGroups(
  value: unknown,
  path: string,
  fail: (path: string, rule: string, value: unknown) => never,
  knownGroups: ReadonlySet<string> | undefined,
): readonly string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    fail(path, 'must be a non-empty array of at most 100 group ids', value);
  }
  const groups: string[] = [];
  const list = value as unknown[];
  for (let g = 0; g < list.length; g++) {
    const group: unknown = list[g];
    if (typeof group !== 'string' || group === '' || group.length > 200) {
      fail(joinPath(path, g), 'must be a non-empty group id', group);
    }
    if (knownGroups !== undefined && !knownGroups.has(group)) {
      fail(
        joinPath(path, g),
        `must be a group of the taxonomy (one of ${[...knownGroups].join(', ')})`,
        group,
      );
    }
    if (!groups.includes(group)) groups.push(group);
  }
  return Object.freeze(groups);
}

/** Milliseconds at UTC midnight of a real calendar date written `YYYY-MM-DD`, else null. */
function parseDate(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls over (2026-02-30 is March 2); a real date survives the round trip.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return ms;
}
