/**
 * Producers and checks shared by the stream consumer tests: events of many users added to
 * streams picked by user, and the per-user impression counts that the store must end with.
 */
import type { Cluster, Redis } from 'ioredis';
import { pickStream } from '../../src/store/redis/index.js';
import type { StateStore } from '../../src/index.js';

/** Stream keys for a test: hash-tagged, so that on a cluster they spread over slots. */
export function testStreams(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}impressions{${prefix}${i}}`);
}

/** The user of event `i` of a run over `users` users. */
export const userOf = (i: number, users: number): string => `user-${(i * 7919) % users}`;

/**
 * Adds events 0…n−1 to the streams (pipelined in chunks): one impression per entry, field `u`
 * the user, field `e` the event with its id `evt-i`. `twice` adds every entry a second time
 * right after the first (a producer retry), with the same event id.
 *
 * @returns the impressions produced per user, each event counted once
 */
export async function produce(
  client: Redis | Cluster,
  streams: readonly string[],
  n: number,
  users: number,
  options: { twice?: boolean; from?: number } = {},
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const from = options.from ?? 0;
  for (let start = from; start < from + n; start += 500) {
    const adds: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(from + n, start + 500); i++) {
      const user = userOf(i, users);
      counts.set(user, (counts.get(user) ?? 0) + 1);
      const event = JSON.stringify({
        item: { id: `v${i}`, hashtags: [i % 3 === 0 ? '#thinspo' : '#cooking'] },
        at: i,
        eventId: `evt-${i}`,
      });
      const stream = pickStream(user, streams);
      for (let k = 0; k < (options.twice === true ? 2 : 1); k++)
        adds.push(client.xadd(stream, '*', 'u', user, 'e', event));
    }
    await Promise.all(adds);
  }
  return counts;
}

/** Per user, the impressions the store holds. */
export async function storedCounts(
  store: StateStore,
  users: Iterable<string>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await Promise.all(
    [...users].map(async (u) => {
      out.set(u, (await store.get(u))?.impressions ?? 0);
    }),
  );
  return out;
}

/** Polls until `check` holds or `ms` passed; whether it held. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether two count maps are equal. */
export function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * `client` with its `call` — the consumer's stream commands go through it — passed through
 * `around`, which gets the command's arguments and a function that sends it.
 */
export function aroundCalls<C extends Redis | Cluster>(
  client: C,
  around: (args: unknown[], send: () => Promise<unknown>) => Promise<unknown>,
): C {
  return new Proxy(client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (name !== 'call') return (value as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) =>
        around(args, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

/** Entries still pending (delivered, not acknowledged) in the group, over the streams. */
export async function pending(
  client: Redis | Cluster,
  streams: readonly string[],
): Promise<number> {
  let n = 0;
  for (const s of streams) n += ((await client.xpending(s, 'g')) as [number])[0];
  return n;
}
