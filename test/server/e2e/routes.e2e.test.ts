/**
 * Every route of `feed-rebalancer serve`, over real HTTP, run from the packed and installed
 * package with states in memory.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prcItem, prcSession, T0, triggeringRun } from '../support.js';
import { packedPackage, startServe, type ServeProcess } from './packedServer.js';

const USER = 'e2e-user@example.org';
const RECOVERY_POOL = [
  { id: 'story-1', topics: ['ed-recovery'], url: 'https://example.org/stories/1' },
  { id: 'story-2', topics: ['ed-recovery'], url: 'https://example.org/stories/2' },
];

let server: ServeProcess;
let fixtures: string;
beforeAll(async () => {
  const dir = await packedPackage();
  fixtures = await mkdtemp(join(tmpdir(), 'serve-fixtures-'));
  const pool = join(fixtures, 'recovery.json');
  await writeFile(pool, JSON.stringify(RECOVERY_POOL));
  server = await startServe(dir, ['--prc-recovery', pool, '--body-limit', '65536'], {
    FEED_REBALANCER_POLICY: 'balanced',
    FEED_REBALANCER_LOG_KEY: 'e2e',
  });
}, 240_000);
afterAll(async () => {
  const { code } = await server.stop('SIGTERM');
  expect(code).toBe(0);
  await rm(fixtures, { recursive: true, force: true });
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const response = await fetch(server.base + path, {
    method,
    ...(body === undefined
      ? {}
      : { headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json')
    ? JSON.parse(text)
    : null;
  return { status: response.status, json, text, headers: response.headers };
}

describe('feed-rebalancer serve (packed package, memory store)', () => {
  it('logs at start-up the policy, taxonomy, matcher and store it runs', () => {
    const line = server.logs().find((l) => l.msg === 'feed-rebalancer serve: listening');
    expect(line).toMatchObject({
      policy: 'balanced (preset)',
      taxonomy: 'default',
      matcher: 'exact',
      store: 'memory',
    });
  });

  it('GET /healthz, /readyz, /metrics and /openapi.json', async () => {
    expect((await call('GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await call('GET', '/readyz')).json).toEqual({ status: 'ready' });
    const metrics = await call('GET', '/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('# TYPE feed_rebalancer_level_transitions_total counter');
    expect(metrics.text).toContain('process_cpu_seconds_total');
    const openapi = await call('GET', '/openapi.json');
    expect((await validate(openapi.json)).valid).toBe(true);
    expect(Object.keys(openapi.json.paths).sort()).toEqual(
      [
        '/healthz',
        '/metrics',
        '/openapi.json',
        '/rank',
        '/readyz',
        '/v1/assess',
        '/v1/impressions',
        '/v1/intercept',
        '/v1/rebalance',
        '/v1/reset',
        '/v1/users/{id}',
      ].sort(),
    );
  });

  it('POST /v1/impressions, /v1/rebalance, /v1/assess, /v1/intercept, /v1/reset and DELETE /v1/users/{id}', async () => {
    const recorded = await call('POST', '/v1/impressions', {
      userId: USER,
      events: triggeringRun(30),
    });
    expect(recorded.status).toBe(200);
    expect(recorded.json).toEqual({ accepted: 30 });
    const state = await call('POST', '/v1/assess', { userId: USER, at: T0 + 29 * 15_000 });
    expect(state.json.impressions).toBe(30);
    expect(state.json.assessment.groups['eating-disorder'].level).toBe('sustained');

    const candidates = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? { id: `c${i}`, hashtags: ['#thinspo'] } : { id: `c${i}`, topics: ['cooking'] },
    );
    const feed = await call('POST', '/v1/rebalance', {
      userId: USER,
      candidates,
      recovery: [{ id: 'r1', topics: ['ed-recovery'] }],
      size: 10,
      at: T0 + 31 * 15_000,
    });
    expect(feed.status).toBe(200);
    expect(feed.json.slots.some((s: { source: string }) => s.source === 'recovery')).toBe(true);
    expect(feed.json.explanation).toMatch(/eating-disorder/);

    const assessed = await call('POST', '/v1/assess', { userId: USER, at: T0 + 32 * 15_000 });
    expect(assessed.json.impressions).toBe(30);
    const intercepted = await call('POST', '/v1/intercept', { query: 'sewerslide', locale: 'en' });
    expect(intercepted.status).toBe(200);
    const reset = await call('POST', '/v1/reset', { userId: USER });
    expect(reset.json.impressions).toBe(0);
    const erased = await call('DELETE', `/v1/users/${encodeURIComponent(USER)}`);
    expect(erased.json).toEqual({ erased: true });
    expect((await call('DELETE', `/v1/users/${encodeURIComponent(USER)}`)).json).toEqual({
      erased: false,
    });
  });

  it('bad bodies answer 400, 413 and 415 with the error envelope', async () => {
    const invalid = await call('POST', '/v1/rebalance', { userId: 'u', candidates: [{ id: 7 }] });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toEqual({
      code: 'item',
      path: 'candidates[0].id',
      message: 'POST /v1/rebalance: candidates[0].id must be a string (got 7)',
    });
    const malformed = await call('POST', '/v1/impressions', '{"userId": "u", "events": [');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('request');
    const huge = await call('POST', '/v1/rebalance', {
      userId: 'u',
      candidates: [{ id: 'x', text: 'a'.repeat(70_000) }],
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error).toMatchObject({ code: 'request', path: '' });
    const form = await call('POST', '/v1/assess', 'userId=u', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect((await call('GET', '/v1/rebalance')).status).toBe(405);
    expect((await call('GET', '/nowhere')).json.error.code).toBe('not-found');
  });

  it('POST /rank ranks posts as a feed and comment threads level by level, and inserts recovery posts', async () => {
    const session = prcSession({ user_id: 'prc-participant' });
    const posts = Array.from({ length: 10 }, (_, i) =>
      prcItem(`post-${i}`, { text: i % 2 === 0 ? 'more #thinspo' : 'a walk by the river' }),
    );
    const thread = [
      prcItem('c-1', { type: 'comment', post_id: 'post-1', parent_id: '', text: 'so #thinspo' }),
      prcItem('c-1-1', { type: 'comment', post_id: 'post-1', parent_id: 'c-1', text: 'reply' }),
      prcItem('c-2', { type: 'comment', post_id: 'post-1', parent_id: null, text: 'kind words' }),
    ];
    const first = await call('POST', '/rank', { session, items: [...posts, ...thread] });
    expect(first.status).toBe(200);
    expect(first.json.ranked_ids).toEqual([...posts, ...thread].map((item) => item.id));
    // Two more pages of triggering posts: the run is detected, caps and recovery start.
    for (const minute of [45, 50])
      await call('POST', '/rank', {
        session: { ...session, current_time: `2024-01-20 18:${minute}:00` },
        items: posts.map((p, i) => ({ ...p, id: `m${minute}-${i}`, text: 'more #thinspo' })),
      });
    const later = await call('POST', '/rank', {
      session: { ...session, current_time: '2024-01-20 18:55:00' },
      items: [...posts, ...thread],
    });
    expect(later.status).toBe(200);
    const ids: string[] = later.json.ranked_ids;
    expect(new Set(ids).size).toBe(ids.length);
    expect(later.json.metadata.intervention_on).toBe(true);
    expect(later.json.new_items.length).toBeGreaterThan(0);
    for (const item of later.json.new_items) {
      expect(ids).toContain(item.id);
      expect(RECOVERY_POOL.map((p) => p.url)).toContain(item.url);
    }
    if (!ids.includes('c-1')) expect(ids).not.toContain('c-1-1');
    const prefetch = await call('POST', '/rank', {
      session: { ...session, prefetch: true },
      items: posts,
    });
    expect(prefetch.status).toBe(200);
    const refused = await call('POST', '/rank', {
      session: { ...session, platform: 'tiktok' },
      items: posts,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'request', path: 'session.platform' });
  });

  it('its log carries no user id and no body', () => {
    const out = server.stdout();
    expect(out).not.toContain(USER);
    expect(out).not.toContain(encodeURIComponent(USER));
    expect(out).not.toContain('prc-participant');
    expect(out).not.toContain('thinspo');
    expect(server.logs().filter((l) => l.msg === 'request').length).toBeGreaterThan(10);
  });
});
