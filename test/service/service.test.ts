import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../examples/service/createService.js';
import { createRebalancer, explain, presets } from '../../src/index.js';
import type { Impression, Item } from '../../src/index.js';
import { MemoryStateStore } from '../../src/store/MemoryStateStore.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import type { StateStore } from '../../src/store/types.js';
import { connectRedis, redisPort, uniquePrefix } from '../store/redisClient.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

const T0 = Date.UTC(2026, 0, 1);

/** A run of thinspiration videos, watched for ten seconds each. */
function triggeringRun(n: number, from = 0): Impression[] {
  return Array.from({ length: n }, (_, i) => ({
    item: { id: `seen-${from + i}`, hashtags: ['#thinspo'] },
    at: T0 + (from + i) * 15_000,
    dwellMs: 10_000,
  }));
}

const candidates: Item[] = Array.from({ length: 12 }, (_, i) =>
  i % 2 === 0 ? { id: `c${i}`, hashtags: ['#thinspo'] } : { id: `c${i}`, topics: ['cooking'] },
);
const recovery: Item[] = [
  { id: 'r1', topics: ['ed-recovery'] },
  { id: 'r2', topics: ['ed-recovery'] },
  { id: 'r3', topics: ['ed-recovery'] },
];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

let redis: Redis;
beforeAll(async () => {
  redis = await connectRedis(redisPort());
});
afterAll(async () => {
  await redis?.quit();
});

const stores: [string, () => StateStore][] = [
  ['MemoryStateStore', () => new MemoryStateStore()],
  ['RedisStateStore', () => new RedisStateStore({ client: redis, prefix: uniquePrefix() })],
];

describe.each(stores)('example feed service with %s', (_, makeStore) => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createService({ store: makeStore(), rebalancer: rb, maxBodyBytes: 64 * 1024 });
    base = await listen(server);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('POST /feed for a new user answers what rb.rebalance answers for an empty state, with its explain text', async () => {
    const { status, json } = await post(base, '/feed', {
      userId: 'new-user',
      candidates,
      recovery,
      at: T0,
    });
    expect(status).toBe(200);
    const expected = rb.rebalance({ candidates, recovery, state: rb.emptyState(), at: T0 });
    expect(json.slots).toEqual(JSON.parse(JSON.stringify(expected.slots)));
    expect(json.dropped).toEqual(expected.dropped);
    expect(json.explain).toBe(explain(expected));
  });

  it('POST /impressions then POST /feed rebalances from the stored state exactly as the library does in process', async () => {
    const run = triggeringRun(30);
    const recorded = await post(base, '/impressions', { userId: 'u-run', impressions: run });
    expect(recorded.status).toBe(200);
    const local = rb.observe(rb.emptyState(), run);
    expect(recorded.json.impressions).toBe(30);
    expect(recorded.json.assessment).toEqual(JSON.parse(JSON.stringify(rb.assess(local))));

    const at = T0 + 31 * 15_000;
    const { status, json } = await post(base, '/feed', {
      userId: 'u-run',
      candidates,
      recovery,
      size: 10,
      at,
    });
    expect(status).toBe(200);
    const expected = rb.rebalance({ candidates, recovery, state: local, at, size: 10 });
    expect(json.slots).toEqual(JSON.parse(JSON.stringify(expected.slots)));
    expect(json.items).toEqual(JSON.parse(JSON.stringify(expected.items)));
    expect(json.explain).toBe(explain(expected));
    // The stored state changed what was served: the run made the feed differ from the input.
    const servedIds = (json.slots as { id: string }[]).map((s) => s.id);
    expect(servedIds).not.toEqual(candidates.slice(0, 10).map((c) => c.id));
  });

  it('50 concurrent POST /impressions for one user record all 50 impressions', async () => {
    const responses = await Promise.all(
      triggeringRun(50).map((impression) =>
        post(base, '/impressions', { userId: 'u-burst', impressions: [impression] }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const last = await post(base, '/impressions', { userId: 'u-burst', impressions: [] });
    expect(last.json.impressions).toBe(50);
  });

  it('malformed JSON gets 400 with code json and the parser message', async () => {
    const { status, json } = await post(base, '/feed', '{"userId": "u", "candidates": [');
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'json' });
    expect((json.error as { message: string }).message).toMatch(
      /^request body is not valid JSON: /,
    );
  });

  it('a body over maxBodyBytes gets 413, and a body that is not JSON gets 415', async () => {
    const big = { userId: 'u', candidates: [{ id: 'x', text: 'a'.repeat(70 * 1024) }] };
    expect((await post(base, '/feed', big)).status).toBe(413);
    const form = await post(base, '/feed', 'userId=u', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.json.error).toMatchObject({ code: 'content-type' });
  });

  it('library errors get 400 with the error code and the JSON path of the offending field', async () => {
    const cases: [string, unknown, string, string][] = [
      ['/feed', { candidates }, 'request', 'userId'],
      ['/feed', { userId: '', candidates }, 'request', 'userId'],
      ['/feed', { userId: 'u' }, 'request', 'candidates'],
      ['/feed', { userId: 'u', candidates: [{ id: 'a' }, { id: 7 }] }, 'item', 'candidates[1].id'],
      ['/impressions', { userId: 'u', impressions: 'x' }, 'request', 'impressions'],
    ];
    for (const [path, body, code, field] of cases) {
      const { status, json } = await post(base, path, body);
      expect(status).toBe(400);
      expect(json.error).toMatchObject({ code, path: field });
    }
    const bad = await post(base, '/impressions', {
      userId: 'u',
      impressions: [{ item: { id: 'a' }, at: 'noon' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'impression' });
  });

  it('an unknown path gets 404 and a GET gets 405 with Allow: POST', async () => {
    expect((await post(base, '/nowhere', {})).status).toBe(404);
    const response = await fetch(`${base}/feed`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

it('the service answers 503 with code store when Redis cannot be reached', async () => {
  const closed = await connectRedis(redisPort());
  await closed.quit();
  const server = createService({
    store: new RedisStateStore({ client: closed, prefix: uniquePrefix() }),
    rebalancer: rb,
  });
  const base = await listen(server);
  try {
    const { status, json } = await post(base, '/feed', { userId: 'u', candidates });
    expect(status).toBe(503);
    expect(json.error).toMatchObject({ code: 'store' });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
