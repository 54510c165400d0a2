import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import { LIMITS } from '../validate/limits.js';

/** A lone surrogate: such a string has no UTF-8 form, so two of them could encode alike. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a user id at a store's boundary: a non-empty string of at most
 * `LIMITS.userIdLength` (1,024) code units, without lone surrogates (ids are hashed as UTF-8 by the
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
  if (userId.length > LIMITS.userIdLength) {
    fail(
      api,
      `must have at most ${LIMITS.userIdLength} characters (got a string of ${userId.length})`,
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
