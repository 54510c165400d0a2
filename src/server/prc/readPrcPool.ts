import { RebalanceError, type Rebalancer } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import { LIMITS } from '../../item/limits.js';
import type { PrcOptions, PrcRecoveryItem } from './prcTypes.js';

const URL_MAX_LENGTH = 2_083;

/**
 * Checks the challenge options at start-up: the recovery pool is a list of at most 10,000 items
 * with distinct ids, each a valid item for the library and with an http(s) URL — so that a bad
 * entry stops the server from starting rather than failing requests.
 *
 * @param prc - the options, possibly absent
 * @param rb - the rebalancer that will read the items
 * @param api - the API, for messages
 * @returns the pool, frozen
 * @throws RebalanceError with code `item` and the path `prc.recovery[i]…`
 * @internal
 */
export function readPrcPool(
  prc: PrcOptions | undefined,
  rb: Rebalancer,
  api: string,
): readonly PrcRecoveryItem[] {
  const pool: unknown = prc?.recovery;
  if (pool === undefined) return Object.freeze([]);
  if (!Array.isArray(pool) || pool.length > LIMITS.recoveryPool)
    fail(api, 'prc.recovery', `must be an array of at most ${LIMITS.recoveryPool} items`, pool);
  const ids = new Set<string>();
  pool.forEach((item: unknown, i) => {
    const path = `prc.recovery[${i}]`;
    try {
      rb.classify(item as PrcRecoveryItem);
    } catch (error) {
      if (!(error instanceof RebalanceError)) throw error;
      throw new RebalanceError(error.code, `${api}: ${path}: ${error.message}`, path, {
        cause: error,
      });
    }
    const { id, url } = item as PrcRecoveryItem;
    if (ids.has(id)) fail(api, `${path}.id`, 'must be unique in the pool', id);
    ids.add(id);
    if (typeof url !== 'string' || url.length > URL_MAX_LENGTH || !/^https?:\/\/[^\s/]/i.test(url))
      fail(
        api,
        `${path}.url`,
        `must be an http or https URL of at most ${URL_MAX_LENGTH} characters`,
        url,
      );
  });
  return Object.freeze([...(pool as PrcRecoveryItem[])]);
}

function fail(api: string, path: string, rule: string, got: unknown): never {
  throw new RebalanceError('item', `${api}: ${path} ${rule} (got ${describeValue(got)})`, path);
}
