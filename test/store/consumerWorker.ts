/**
 * A stream consumer in a process of its own, for the kill test (consumeKill.test.ts): it runs
 * `consumeImpressions` over the given streams until the parent sends `{ stop: true }`, then
 * reports its stats and exits. Killed with SIGKILL, it reports nothing: that is the point.
 *
 * argv: address (`single:PORT` or `cluster:host:port,…`), key prefix, streams as JSON,
 * consumer name.
 */
import { consumeImpressions, RedisStateStore } from '../../src/store/redis/index.js';
import { rb } from './fixtures.js';
import { closeClient, connectAddress } from './redisClient.js';

const [address, prefix, streamsJson, consumer] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const storeClient = await connectAddress(address);
const streamClient = await connectAddress(address);
const store = new RedisStateStore({ client: storeClient, prefix, rebalancer: rb });
const stop = new AbortController();
process.on('message', (m: { stop?: boolean }) => {
  if (m.stop === true) stop.abort();
});
const run = consumeImpressions({
  client: streamClient,
  streams: JSON.parse(streamsJson) as string[],
  group: 'g',
  consumer,
  store,
  maxStreams: 1,
  batchSize: 100,
  blockMs: 50,
  leaseMs: 1_000,
  retryDelayMs: 50,
  signal: stop.signal,
});
process.send?.({ ready: true });
const stats = await run;
process.send?.({ stats });
await Promise.all([closeClient(storeClient), closeClient(streamClient)]);
process.disconnect?.();
