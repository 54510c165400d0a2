import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeState } from '../../src/exposure/stateShape.js';
import { migrateStateKeys, RedisStateStore } from '../../src/store/redis/index.js';
import { rb, seen } from './fixtures.js';
import { closeClient, keysMatching, TARGETS, uniquePrefix } from './redisClient.js';

const hashOf = (userId: string) => createHash('sha256').update(userId, 'utf8').digest('base64url');

describe.each(TARGETS)('migrateStateKeys on a $name', (target) => {
  let client: Redis | Cluster;

  beforeAll(async () => {
    client = await target.connect();
  });

  afterAll(async () => {
    await closeClient(client);
  });

  it('states stored under the key format without hash tag are not read by the store, and migrateStateKeys moves them with their TTL, keeps a newer state under the new key, and leaves other keys alone', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    // As the previous version wrote them: prefix + hash, a hash of token and JSON, with a TTL.
    const users = Array.from({ length: 30 }, (_, u) => `user-${u}`);
    for (const [u, user] of users.entries()) {
      let state = seen(undefined, 0);
      for (let i = 1; i <= u % 4; i++) state = seen(state, i);
      await client.hset(`${prefix}${hashOf(user)}`, 'v', `old-${u}`, 's', serializeState(state));
      await client.expire(`${prefix}${hashOf(user)}`, 5_000);
    }
    await client.set(`${prefix}not-a-state`, 'x');
    expect(await store.get('user-3')).toBeUndefined();
    // user-0 was written by the new version before the migration: that state wins.
    await store.append('user-0', { item: { id: 'new' }, at: 10 });
    await store.update('user-0', (s) => s!);

    const result = await migrateStateKeys({ client, prefix });
    expect(result).toEqual({ moved: 29, superseded: 1 });
    for (const [u, user] of users.entries()) {
      expect((await store.get(user))?.impressions).toBe(u === 0 ? 1 : 1 + (u % 4));
    }
    const ttl = await client.ttl(`${prefix}{${hashOf('user-7')}}`);
    expect(ttl).toBeGreaterThan(4_900);
    expect(ttl).toBeLessThanOrEqual(5_000);
    expect(await keysMatching(client, `${prefix}*`)).toEqual(
      [`${prefix}not-a-state`, ...users.map((u) => `${prefix}{${hashOf(u)}}`)].sort(),
    );
    // Running it again finds nothing to do.
    expect(await migrateStateKeys({ client, prefix })).toEqual({ moved: 0, superseded: 0 });
  });

  it('migrateStateKeys rejects a missing client and a prefix with glob or brace characters with code argument', async () => {
    await expect(migrateStateKeys({ client: {} as never })).rejects.toMatchObject({
      code: 'argument',
      path: 'client',
    });
    for (const prefix of ['a*', 'a{b}', 'a?']) {
      await expect(migrateStateKeys({ client, prefix })).rejects.toMatchObject({
        code: 'argument',
        path: 'prefix',
      });
    }
  });
});
