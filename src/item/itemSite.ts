import { failInput } from '../validate/fail.js';
import { type RebalanceErrorCode } from '../errors/RebalanceError.js';

/**
 * Where an item sits, for error messages: API name, error code and JSON path. The path is
 * `path`, or `path[index]suffix` when `index` is given, built only when an error is thrown (the
 * hot path reads thousands of items per request).
 *
 * @internal
 */
export interface ItemSite {
  readonly api: string;
  readonly path: string;
  readonly index?: number;
  /** Appended after the index (`.item` for `impressions[3].item`). */
  readonly suffix?: string;
  readonly code: RebalanceErrorCode;
}

/** The JSON path of the item a site names. @internal */
export function sitePath(site: ItemSite): string {
  return site.index === undefined ? site.path : `${site.path}[${site.index}]${site.suffix ?? ''}`;
}

/**
 * Throws the `RebalanceError` for a field of the item at `site` breaking `rule`. `field` is a
 * path relative to the item (`embedding[3]`, `topics["pro-ana"]`), or '' for the item itself.
 *
 * @internal
 */
export function failAt(site: ItemSite, field: string, rule: string, value: unknown): never {
  const path = field === '' ? sitePath(site) : `${sitePath(site)}.${field}`;
  failInput(site.code, site.api, path, rule, value);
}
