/**
 * Errors raised by the store behind a route — an event `append` refuses, a user id the store
 * refuses — are answered like the route's own: the route in the message, the request's path of
 * the field. The same answer for either store.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/index.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import type { ServerStoreOptions } from '../../src/server/index.js';
import { connectRedis, redisPort, uniquePrefix } from '../store/redisClient.js';
import { post, prcItem, prcSession, T0, testServer, triggeringRun } from './support.js';

let client: Redis;
beforeAll(async () => {
  client = await connectRedis(redisPort());
});
afterAll(async () => {
  await client?.quit();
});

type Bounds = { readonly maxAppendEvents?: number; readonly maxAppendBytes?: number };
const STORES: readonly [string, (bounds: Bounds) => (options: ServerStoreOptions) => unknown][] = [
  ['MemoryStateStore', (b) => (o) => new MemoryStateStore({ ...o, ...b })],
  [
    'RedisStateStore',
    (b) => (o) => new RedisStateStore({ client, prefix: uniquePrefix(), ...o, ...b }),
  ],
];

describe.each(STORES)('with %s', (_name, store) => {
  const server = (bounds: Bounds = {}) =>
    testServer({ logger: false, store: store(bounds) as never }).app;

  it('POST /v1/impressions answers an event append refuses with 400, code impression, its events path and the route in the message; nothing is stored', async () => {
    const app = server();
    const { status, json } = await post(app, '/v1/impressions', {
      userId: 'u',
      events: [...triggeringRun(2), { seeLess: { target: 'no-such-topic' }, at: T0 + 60_000 }],
    });
    expect(status).toBe(400);
    expect(json.error).toEqual({
      code: 'impression',
      path: 'events[2].seeLess.target',
      message:
        'POST /v1/impressions: events[2].seeLess.target must be a group id or a triggering topic id of the taxonomy (got "no-such-topic")',
    });
    expect((await post(app, '/v1/assess', { userId: 'u' })).json.impressions).toBe(0);
  });

  it('POST /v1/impressions answers more events than the store takes in one append at path events, naming the route', async () => {
    const app = server({ maxAppendEvents: 2 });
    const { status, json } = await post(app, '/v1/impressions', {
      userId: 'u',
      events: triggeringRun(3),
    });
    expect(status).toBe(400);
    expect(json.error.code).toBe('impression');
    expect(json.error.path).toBe('events');
    expect(json.error.message).toMatch(
      /^POST \/v1\/impressions: events must hold at most 2 entries per call; split larger batches \(got 3\)$/,
    );
  });

  it('a user id the store refuses (a lone surrogate, which JSON can carry and a path cannot) is answered 400 at the request path of the id, with the route in the message, on every route that reads or writes a state', async () => {
    const app = server();
    const id = 'half a pair \ud800';
    const cases = [
      ['/v1/rebalance', { userId: id, candidates: [] }, 'userId'],
      ['/v1/assess', { userId: id }, 'userId'],
      ['/v1/impressions', { userId: id, events: triggeringRun(1) }, 'userId'],
      ['/v1/reset', { userId: id }, 'userId'],
      ['/rank', { session: prcSession({ user_id: id }), items: [prcItem('p')] }, 'session.user_id'],
    ] as const;
    for (const [url, body, path] of cases) {
      const answer = await post(app, url, body);
      const route = `POST ${url}`;
      expect([route, answer.status, answer.json.error?.code, answer.json.error?.path]).toEqual([
        route,
        400,
        'request',
        path,
      ]);
      expect(answer.json.error.message.startsWith(`${route}: ${path} must be well-formed`)).toBe(
        true,
      );
    }
  });
});

it('POST /v1/impressions answers an append over the Redis store\u2019s maxAppendBytes at path events, naming the route', async () => {
  const app = testServer({
    logger: false,
    store: (o) => new RedisStateStore({ client, prefix: uniquePrefix(), ...o, maxAppendBytes: 64 }),
  }).app;
  const { status, json } = await post(app, '/v1/impressions', {
    userId: 'u',
    events: triggeringRun(3),
  });
  expect(status).toBe(400);
  expect(json.error.code).toBe('impression');
  expect(json.error.path).toBe('events');
  expect(json.error.message).toMatch(
    /^POST \/v1\/impressions: events must take at most 64 bytes as stored \(maxAppendBytes\); split the batch \(got \d+ bytes\)$/,
  );
});
