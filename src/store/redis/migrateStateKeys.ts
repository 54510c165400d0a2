import type { Cluster, Redis } from 'ioredis';
import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';
import { REDIS_STORE_DEFAULTS } from './defaults.js';
import { send } from './runScript.js';

/**
 * Options of {@link migrateStateKeys}.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import type { MigrateStateKeysOptions } from 'feed-rebalancer/redis';
 * const options: MigrateStateKeysOptions = { client: new Redis(process.env.REDIS_URL!), prefix: 'feed:state:' };
 * ```
 */
export interface MigrateStateKeysOptions {
  /** A connected ioredis client (`Redis` or `Cluster`); it is not closed. */
  readonly client: Redis | Cluster;
  /**
   * The prefix the store was given.
   * @defaultValue 'feed-rebalancer:state:'
   */
  readonly prefix?: string;
}

/**
 * What {@link migrateStateKeys} did.
 *
 * @example
 * ```ts
 * import type { MigrateStateKeysResult } from 'feed-rebalancer/redis';
 * const result: MigrateStateKeysResult = { moved: 120, superseded: 3 };
 * ```
 */
export interface MigrateStateKeysResult {
  /** States moved to their new key, with their remaining time to live. */
  readonly moved: number;
  /** Old keys dropped because the user already had a state under the new key (it is kept). */
  readonly superseded: number;
}

/** A state key as versions before the pending log wrote it: the prefix and the bare hash. */
const HASH = /^[A-Za-z0-9_-]{43}$/;

/**
 * Moves the states that versions of `RedisStateStore` before the pending log stored under
 * `prefix` + hash to the hash-tagged key the store reads now (`prefix{hash}`). Run it once,
 * after every replica runs the new version: old keys are no longer written then, and until a
 * state is moved its user is read as new. It scans every master of a cluster, moves each state
 * with its remaining TTL (DUMP, then RESTORE under the new key), and deletes the old key. A user
 * written under the new key before the move keeps that newer state, and the old key is dropped.
 * Safe to run again; it reads only keys under the prefix, and only keys of the old form.
 *
 * @param options - the client and the store's prefix
 * @returns how many states were moved, and how many old keys were superseded
 * @throws RebalanceError with code `argument` for a bad option, `store` when Redis cannot be
 *   reached (run it again: what was moved stays moved)
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { migrateStateKeys } from 'feed-rebalancer/redis';
 * const client = new Redis(process.env.REDIS_URL!);
 * const { moved, superseded } = await migrateStateKeys({ client, prefix: 'feed-rebalancer:state:' });
 * ```
 */
export async function migrateStateKeys(
  options: MigrateStateKeysOptions,
): Promise<MigrateStateKeysResult> {
  const api = 'migrateStateKeys';
  const { client, prefix = REDIS_STORE_DEFAULTS.prefix } = options ?? ({} as never);
  if (typeof client !== 'object' || client === null || typeof client.dumpBuffer !== 'function') {
    throw new RebalanceError(
      'argument',
      `${api}: client must be an ioredis client (got ${describeValue(client)})`,
      'client',
    );
  }
  if (typeof prefix !== 'string' || /[{}*?[\]\\]/.test(prefix)) {
    throw new RebalanceError(
      'argument',
      `${api}: prefix must be a string without {, }, *, ?, [, ] or \\ (got ${describeValue(prefix)})`,
      'prefix',
    );
  }
  const nodes: Redis[] =
    'nodes' in client && typeof client.nodes === 'function'
      ? client.nodes('master')
      : [client as Redis];
  let moved = 0;
  let superseded = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await send(api, () =>
        node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000),
      );
      cursor = next;
      for (const key of keys) {
        const hash = key.slice(prefix.length);
        if (!HASH.test(hash)) continue;
        const outcome = await move(api, client, key, `${prefix}{${hash}}`);
        if (outcome === 'moved') moved++;
        else if (outcome === 'superseded') superseded++;
      }
    } while (cursor !== '0');
  }
  return { moved, superseded };
}

async function move(
  api: string,
  client: Redis | Cluster,
  from: string,
  to: string,
): Promise<'moved' | 'superseded' | 'gone'> {
  const [dump, ttl] = await Promise.all([
    send(api, () => client.dumpBuffer(from)),
    send(api, () => client.pttl(from)),
  ]);
  if (dump === null || ttl === -2) return 'gone';
  try {
    await client.restore(to, ttl > 0 ? ttl : 0, dump);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('BUSYKEY'))) {
      throw new RebalanceError(
        'store',
        `${api}: the Redis command failed (${error instanceof Error ? error.message.slice(0, 200) : 'unknown'})`,
        undefined,
        { cause: error },
      );
    }
    await send(api, () => client.del(from));
    return 'superseded';
  }
  await send(api, () => client.del(from));
  return 'moved';
}
