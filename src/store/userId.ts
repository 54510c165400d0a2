import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';

/**
 * Longest user id a store accepts, in UTF-16 code units. Ids are keys, not content: a bound keeps
 * a hostile id from costing unbounded memory in the in-process store or in Redis.
 *
 * @internal
 */
export const USER_ID_MAX_LENGTH = 1_024;

/** A lone surrogate: such a string has no UTF-8 form, so two of them could encode alike. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a user id at a store's boundary: a non-empty string of at most
 * {@link USER_ID_MAX_LENGTH} code units, without lone surrogates (ids are hashed as UTF-8 by the
 * Redis store, where two ill-formed ids could otherwise share one key). The message describes a
 * rejected string by its length only, so that ids do not end up in logs.
 *
 * @param api - the calling API, for the message (`MemoryStateStore.get`)
 * @param userId - the value received
 * @throws RebalanceError with code `request` and path `userId`
 * @internal
 */
export function assertUserId(api: string, userId: unknown): asserts userId is string {
  if (typeof userId !== 'string') {
    fail(api, `must be a string (got ${describeValue(userId)})`);
  }
  if (userId.length === 0) fail(api, 'must be a non-empty string (got "")');
  if (userId.length > USER_ID_MAX_LENGTH) {
    fail(
      api,
      `must have at most ${USER_ID_MAX_LENGTH} characters (got a string of ${userId.length})`,
    );
  }
  if (LONE_SURROGATE.test(userId)) {
    fail(
      api,
      `must be well-formed UTF-16 (got a string of ${userId.length} with a lone surrogate)`,
    );
  }
}

function fail(api: string, rule: string): never {
  throw new RebalanceError('request', `${api}: userId ${rule}`, 'userId');
}
