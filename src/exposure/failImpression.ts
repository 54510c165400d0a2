import type { RebalanceError } from '../errors/RebalanceError.js';
import { failInput, unreadableError } from '../validate/fail.js';

/**
 * Throws the `RebalanceError` for a malformed entry of the events given to `observe`, with its
 * path (`impressions[3].at`). The path is built only here, when an error is thrown.
 *
 * @internal
 */
export function failImpression(
  api: string,
  index: number,
  field: string,
  rule: string,
  got: unknown,
): never {
  const path = `impressions[${index}]${field}`;
  failInput('impression', api, path, rule, got);
}

/**
 * The `RebalanceError` for an entry of the events given to `observe` whose fields could not be
 * read because a getter or proxy trap threw; `cause` is what it threw.
 *
 * @internal
 */
export function unreadableImpression(api: string, index: number, cause: unknown): RebalanceError {
  return unreadableError('impression', api, `impressions[${index}]`, cause);
}
