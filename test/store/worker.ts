/**
 * A separate Node process for the concurrency test: connects to Redis, waits for the parent's
 * "go", then (1) applies `perProcess` single-impression updates to one shared user, one after
 * the other, and (2) updates each of `users` users once, all at the same time. Reports how many
 * updates it made as a JSON message.
 *
 * argv: port, key prefix, perProcess, users.
 */
import { RedisStateStore } from '../../src/store/redis/index.js';
import { seen } from './fixtures.js';
import { Redis } from 'ioredis';

const [port, prefix, perProcess, users] = process.argv.slice(2);
const client = new Redis({
  host: '127.0.0.1',
  port: Number(port),
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  lazyConnect: true,
});
await client.connect();
// Eight processes writing one key in a closed loop on a small machine is contention far beyond a
// real user's; with the default of 10 retries a few updates out of the 4,000 can fail with code
// `conflict` (nothing written). The count must be exact either way; here every update must land.
const store = new RedisStateStore({ client, prefix: prefix!, maxRetries: 100 });

process.send!({ ready: true });
await new Promise<void>((resolve) =>
  process.once('message', () => {
    resolve();
  }),
);

let sameUser = 0;
for (let i = 0; i < Number(perProcess); i++) {
  await store.update('shared-user', (s) => seen(s, i));
  sameUser++;
}
const results = await Promise.all(
  Array.from({ length: Number(users) }, (_, u) => store.update(`user-${u}`, (s) => seen(s, u))),
);
process.send!({ sameUser, manyUsers: results.length });
await client.quit();
process.disconnect();
