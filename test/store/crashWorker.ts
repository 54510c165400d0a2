/**
 * A process the fold-atomicity test kills with SIGKILL in the middle of a write. Its store's
 * client lets every script through except the check-and-set that writes the folded state (the
 * one-user script of an update, or the many-user script that carries the folds of appends):
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
import { CHECK_AND_SET, CHECK_AND_SET_MANY } from '../../src/store/redis/scripts.js';
import { rb, seen } from './fixtures.js';
import { connectAddress } from './redisClient.js';

const [address, prefix, mode, write] = process.argv.slice(2);
const client = await connectAddress(address!);
const never = new Promise<never>(() => undefined);
const writes = new Set([CHECK_AND_SET.sha, CHECK_AND_SET_MANY.sha]);
const sources = new Set([CHECK_AND_SET.source, CHECK_AND_SET_MANY.source]);
/** Holds the write, or sends it and holds its reply. */
function hold(send: () => Promise<unknown>): Promise<unknown> {
  if (mode === 'before-write') {
    process.send!({ held: true });
    return never;
  }
  return send().then(() => {
    process.send!({ held: true });
    return never;
  });
}
const held = {
  evalsha(sha: string, keys: number, ...args: string[]): Promise<unknown> {
    const send = () => client.evalsha(sha, keys, ...args);
    // A script not cached on this server yet fails with NOSCRIPT, and the store sends it in
    // full: `eval` holds it then.
    return writes.has(sha) ? hold(send) : send();
  },
  eval(script: string, keys: number, ...args: string[]): Promise<unknown> {
    const send = () => client.eval(script, keys, ...args);
    return sources.has(script) ? hold(send) : send();
  },
  del: (...keys: string[]) => client.del(...keys),
} as unknown as Redis;
const store = new RedisStateStore({ client: held, prefix: prefix!, rebalancer: rb, foldEvery: 1 });
if (write === 'update') await store.update('u', (s) => seen(s, 1_000));
else await store.append('u', { item: { id: 'last', hashtags: ['#thinspo'] }, at: 2_000 });
// Not reached: the process is killed while the write is held.
process.send!({ finished: true });
