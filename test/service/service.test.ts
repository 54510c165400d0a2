import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedService } from '../../examples/service/feedService.js';
import { connectRedis, redisPort } from '../store/redisClient.js';

let redis: Redis;
beforeAll(async () => {
  redis = await connectRedis(redisPort());
});
afterAll(async () => {
  await redis?.quit();
});

const run = Array.from({ length: 12 }, (_, i) => ({
  item: { id: `seen-${i}`, hashtags: ['#thinspo'] },
  at: Date.UTC(2026, 0, 1) + i * 15_000,
  dwellMs: 10_000,
}));

describe.each([
  ['memory', () => createFeedService({ logLevel: 'silent' })],
  ['Redis', () => createFeedService({ redis, logLevel: 'silent' })],
])('examples/service with states in %s', (_name, create) => {
  it('is ready, records impressions and rebalances under the protective policy with its resources', async () => {
    const service = create();
    expect((await service.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const userId = `example-${randomUUID()}`;
    const recorded = await service.inject({
      method: 'POST',
      url: '/v1/impressions',
      payload: { userId, events: run },
    });
    expect(recorded.json()).toEqual({ accepted: 12 });
    const assessed = await service.inject({
      method: 'POST',
      url: '/v1/assess',
      payload: { userId },
    });
    expect(assessed.json().impressions).toBe(12);
    expect(assessed.json().assessment.groups['eating-disorder'].level).toBe('sustained');
    expect(assessed.json().assessment.interventions).toContainEqual(
      expect.objectContaining({ kind: 'resources', group: 'eating-disorder' }),
    );
    const searched = await service.inject({
      method: 'POST',
      url: '/v1/intercept',
      payload: { query: 'thinspo', locale: 'en-GB' },
    });
    expect(searched.json().interception.resources.map((r: { id: string }) => r.id)).toEqual([
      'sample-ed-line',
    ]);
    const erased = await service.inject({ method: 'DELETE', url: `/v1/users/${userId}` });
    expect(erased.json()).toEqual({ erased: true });
    await service.close();
  });
});
