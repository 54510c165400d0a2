import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import type { ObserveEvent } from '../../src/index.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { userKeys } from '../../src/store/redis/keys.js';
import { sourcedAppendOf, type SourcedEntry } from '../../src/store/redis/storedAppend.js';
import { rb } from './fixtures.js';
import { closeClient, TARGETS, uniquePrefix } from './redisClient.js';

/** A stream entry as the consumer passes it: the events parsed from `text`, and the text. */
function entry(offset: string, userId: string, text: string): SourcedEntry {
  const value = JSON.parse(text) as ObserveEvent | ObserveEvent[];
  const many = Array.isArray(value);
  const trimmed = text.trim();
  return {
    offset,
    userId,
    events: many ? value : [value],
    raw: many ? trimmed.slice(1, -1) : trimmed,
  };
}

describe.each(TARGETS)('the sourced append of RedisStateStore on a $name', (target) => {
  let client: Redis | Cluster;

  beforeAll(async () => {
    client = await target.connect();
  });

  afterAll(async () => {
    await closeClient(client);
  });

  it('stores each user’s events of a batch as one entry, the received JSON as it was, with the source and entry ids as offsets, and folds as append does', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb, foldEvery: 1_000 });
    const a1 = '{ "item" : { "id" : "v1", "hashtags" : ["#thinspo"] }, "at" : 1000 }';
    const b1 = '[{"item":{"id":"v2"},"at":2000},{"seeLess":{"target":"pro-ana"},"at":2500}]';
    const a2 = ' [ {"item":{"id":"v3","hashtags":["#cooking"]},"at":3000,"dwellMs":4000} ] ';
    const batch = [entry('5-0', 'a', a1), entry('5-1', 'b', b1), entry('6-0', 'a', a2)];
    const result = await sourcedAppendOf(store)!('s{0}', batch).commit();
    expect(result.refused.size).toBe(0);
    await result.folded;
    const [stored] = await client.lrange(userKeys(prefix, 'a').log, 0, -1);
    expect(stored).toContain(`"e":[${a1.trim()},${a2.trim().slice(1, -1)}]`);
    expect(stored).toContain('"d":{"source":"s{0}","offset":["5-0","6-0"]}');
    // What append gives for the same events and options.
    const other = new RedisStateStore({ client, prefix: uniquePrefix(), rebalancer: rb });
    for (const [user, texts, offsets] of [
      ['a', [a1, a2], ['5-0', '6-0']],
      ['b', [b1], ['5-1', '5-1']],
    ] as const) {
      const events = texts.flatMap((t) => entry('0-0', user, t).events);
      await other.append(user, events, { source: 's{0}', offset: offsets });
      expect(rb.serializeState((await store.get(user))!)).toBe(
        rb.serializeState((await other.get(user))!),
      );
    }
  });

  it('encodes the events of an entry that carries an embedding, which the store leaves out', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const events = [{ item: { id: 'v1', embedding: [0.5, 0.25] }, at: 1 }];
    const result = await sourcedAppendOf(store)!('s{0}', [
      { offset: '1-0', userId: 'a', events, raw: undefined },
    ]).commit();
    expect(result.refused.size).toBe(0);
    const [stored] = await client.lrange(userKeys(prefix, 'a').log, 0, -1);
    expect(stored).not.toContain('embedding');
    expect((await store.get('a'))?.impressions).toBe(1);
  });

  it('reports a user whose event the rebalancer refuses with the error append gives, stores nothing of that user, and stores the others', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const batch = [
      entry('1-0', 'a', '{"item":{"id":"v1"},"at":1}'),
      entry('1-1', 'b', '{"item":{"id":"v2"},"at":2}'),
      entry('1-2', 'b', '{"item":{"id":""},"at":3}'),
    ];
    const result = await sourcedAppendOf(store)!('s{0}', batch).commit();
    await result.folded;
    const error = result.refused.get('b');
    expect(error).toBeInstanceOf(RebalanceError);
    const own = await store
      .append('c', [batch[1]!.events[0]!, batch[2]!.events[0]!], {
        source: 's{0}',
        offset: ['1-1', '1-2'],
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'impression',
      path: (own as RebalanceError).path,
      message: (own as Error).message,
    });
    expect([...result.refused.keys()]).toEqual(['b']);
    expect((await store.get('a'))?.impressions).toBe(1);
    expect(await store.get('b')).toBeUndefined();
  });

  it('checks users on their own when two of them share an event id, so that a malformed event with another user’s id is refused', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    // In one observe call the second event would be taken for a repeat of the first and not
    // read; it is user b's own first event, and malformed.
    const result = await sourcedAppendOf(store)!('s{0}', [
      entry('1-0', 'a', '{"item":{"id":"v1"},"at":1,"eventId":"e-1"}'),
      entry('1-1', 'b', '{"item":{"id":""},"at":1,"eventId":"e-1"}'),
    ]).commit();
    expect([...result.refused.keys()]).toEqual(['b']);
    expect(result.refused.get('b')).toMatchObject({ code: 'impression' });
    expect((await store.get('a'))?.impressions).toBe(1);
    expect(await store.get('b')).toBeUndefined();
  });
  it('stores a user’s share over maxAppendEvents as several entries of whole stream entries, and none of a user one of whose shares is refused', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb, maxAppendEvents: 5 });
    const event = (i: number) => `{"item":{"id":"v${i}"},"at":${i}}`;
    const batch = [
      // User a: 4 entries of 2 events, 8 events: 2 + 2 in a first entry, then 2 + 2.
      ...[1, 2, 3, 4].map((i) => entry(`1-${i}`, 'a', `[${event(i)},${event(i + 10)}]`)),
      // User b: 6 entries of 1 event, the last malformed, in the second share.
      ...[1, 2, 3, 4, 5].map((i) => entry(`2-${i}`, 'b', event(i))),
      entry('2-6', 'b', '{"item":{"id":""},"at":6}'),
    ];
    const result = await sourcedAppendOf(store)!('s{0}', batch).commit();
    await result.folded;
    expect([...result.refused.keys()]).toEqual(['b']);
    const log = await client.lrange(userKeys(prefix, 'a').log, 0, -1);
    expect(log.map((e) => (JSON.parse(e) as { d: { offset: string[] } }).d.offset)).toEqual([
      ['1-1', '1-1', '1-2', '1-2'],
      ['1-3', '1-3', '1-4', '1-4'],
    ]);
    expect((await store.get('a'))?.impressions).toBe(8);
    // The first share of b was valid, but storing it alone would let its mark skip the rest.
    expect(await client.llen(userKeys(prefix, 'b').log)).toBe(0);
    expect(await store.get('b')).toBeUndefined();
  });
});
