/**
 * A process the fold-atomicity test kills with SIGKILL in the middle of a write. Its store's
 * client lets every script through except the check-and-set that writes the folded state:
 *
 * - mode `before-write`: the check-and-set is held back, never sent; the process reports
 *   `{ held: true }` and waits to be killed — a crash after reading the log, before writing;
 * - mode `reply-lost`: the check-and-set is sent and Redis runs it, but its reply is kept from
 *   the store; the process reports `{ held: true }` once the reply is in and waits to be killed —
 *   a crash after writing, before the writer learns it.
 *
 * The write is an `update` (argv `update`) or the fold that an `append` starts (argv `append`).
 *
 * argv: address, key prefix, mode, write.
 */
import type { Redis } from 'ioredis';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { CHECK_AND_SET } from '../../src/store/redis/scripts.js';
import { rb, seen } from './fixtures.js';
import { connectAddress } from './redisClient.js';

const [address, prefix, mode, write] = process.argv.slice(2);
const client = await connectAddress(address!);
const never = new Promise<never>(() => undefined);
const held = {
  evalsha(sha: string, keys: number, ...args: string[]): Promise<unknown> {
    if (sha !== CHECK_AND_SET.sha) return client.evalsha(sha, keys, ...args);
    if (mode === 'before-write') {
      process.send!({ held: true });
      return never;
    }
    return client.evalsha(sha, keys, ...args).then(() => {
      process.send!({ held: true });
      return never;
    });
  },
  eval: (script: string, keys: number, ...args: string[]) => client.eval(script, keys, ...args),
  del: (...keys: string[]) => client.del(...keys),
} as unknown as Redis;
const store = new RedisStateStore({ client: held, prefix: prefix!, rebalancer: rb, foldEvery: 1 });
if (write === 'update') await store.update('u', (s) => seen(s, 1_000));
else await store.append('u', { item: { id: 'last', hashtags: ['#thinspo'] }, at: 2_000 });
// Not reached: the process is killed while the write is held.
process.send!({ finished: true });
