import { describe, expect, it } from 'vitest';
import { RebalanceError, type StateStore } from '../../src/index.js';
import {
  CANDIDATES,
  post,
  RECOVERY,
  sample,
  send,
  T0,
  testServer,
  transition,
  triggeringRun,
} from './support.js';

async function metrics(app: Parameters<typeof send>[0]): Promise<string> {
  const answer = await send(app, 'GET', '/metrics');
  expect(answer.status).toBe(200);
  expect(String(answer.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
  return answer.json as string;
}

describe('GET /metrics counts what the library did, from its results', () => {
  it('level transitions are counted once per state written, up and down, and on erasure; reads count nothing', async () => {
    const { app } = testServer();
    // In memory every append is written at once: the level climbs through elevated to
    // sustained, one write per impression, and reads between them fold nothing new.
    for (const event of triggeringRun(12)) {
      await post(app, '/v1/impressions', { userId: 'u', events: [event] });
      await post(app, '/v1/assess', { userId: 'u' });
    }
    let text = await metrics(app);
    expect(sample(text, transition('eating-disorder', 'none', 'elevated'))).toBe(1);
    expect(sample(text, transition('eating-disorder', 'elevated', 'sustained'))).toBe(1);
    await post(app, '/v1/reset', { userId: 'u' });
    await post(app, '/v1/impressions', { userId: 'v', events: triggeringRun(30) });
    await send(app, 'DELETE', '/v1/users/v');
    text = await metrics(app);
    expect(sample(text, transition('eating-disorder', 'sustained', 'none'))).toBe(2);
    expect(sample(text, transition('eating-disorder', 'none', 'sustained'))).toBe(1);
    // Users at a level, from the counters: every user is back at none.
    const atSustained =
      sample(text, transition('eating-disorder', 'none', 'sustained')) +
      sample(text, transition('eating-disorder', 'elevated', 'sustained')) -
      sample(text, transition('eating-disorder', 'sustained', 'none')) -
      sample(text, transition('eating-disorder', 'sustained', 'elevated'));
    expect(atSustained).toBe(0);
  });

  it('dropped items by reason kind and group, recovery served and interventions', async () => {
    const { app } = testServer();
    await post(app, '/v1/impressions', {
      userId: 'u',
      events: [...triggeringRun(30), { seeLess: { target: 'thinspiration' }, at: T0 + 500_000 }],
    });
    const { json } = await post(app, '/v1/rebalance', {
      userId: 'u',
      candidates: [...CANDIDATES, { id: 'c0' }, { id: 'big', topics: ['self-harm'] }],
      recovery: RECOVERY,
      size: 6,
      at: T0 + 600_000,
    });
    const text = await metrics(app);
    const dropped = (reason: string, group: string): number =>
      sample(text, `feed_rebalancer_dropped_items_total{reason="${reason}",group="${group}"}`);
    const count = (prefix: string): number =>
      json.dropped.filter((d: { reason: string }) => d.reason.startsWith(prefix)).length;
    expect(dropped('seeLess', 'eating-disorder')).toBe(count('seeLess:'));
    expect(count('seeLess:')).toBeGreaterThan(0);
    expect(dropped('duplicate', '')).toBe(1);
    expect(dropped('size', '')).toBe(count('size'));
    const recovered = json.slots.filter((s: { source: string }) => s.source === 'recovery').length;
    expect(
      sample(text, 'feed_rebalancer_recovery_items_served_total{group="eating-disorder"}'),
    ).toBe(recovered);
    expect(
      sample(text, 'feed_rebalancer_interventions_total{kind="resources",group="eating-disorder"}'),
    ).toBe(1);
  });

  it('query interceptions by kind and group', async () => {
    const { app } = testServer();
    await post(app, '/v1/intercept', { query: 'thinspo' });
    await post(app, '/v1/intercept', { query: 'pasta' });
    const text = await metrics(app);
    expect(
      sample(
        text,
        'feed_rebalancer_query_interceptions_total{kind="resources",group="eating-disorder"}',
      ),
    ).toBe(1);
  });

  it('store errors by operation and code, readiness failures as ping', async () => {
    const store: StateStore = {
      get: () => Promise.reject(new RebalanceError('store', 'down')),
      update: () => Promise.reject(new RebalanceError('conflict', 'busy')),
      append: () => Promise.reject(new RebalanceError('store', 'down')),
      delete: () => Promise.reject(new RebalanceError('store', 'down')),
    };
    const { app } = testServer({ store });
    await post(app, '/v1/assess', { userId: 'u' });
    await post(app, '/v1/impressions', { userId: 'u', events: [] });
    await post(app, '/v1/reset', { userId: 'u' });
    await send(app, 'GET', '/readyz');
    const text = await metrics(app);
    const errors = (operation: string, code: string): number =>
      sample(text, `feed_rebalancer_store_errors_total{operation="${operation}",code="${code}"}`);
    expect(errors('get', 'store')).toBe(1);
    expect(errors('append', 'store')).toBe(1);
    expect(errors('update', 'conflict')).toBe(1);
    expect(errors('ping', 'store')).toBe(1);
  });

  it('an event or user id the store refuses is the client\u2019s error (400), not a store error', async () => {
    const { app } = testServer();
    const refused = await post(app, '/v1/impressions', {
      userId: 'u',
      events: [{ seeLess: { target: 'no-such-topic' }, at: T0 }],
    });
    expect(refused.status).toBe(400);
    const badId = await post(app, '/v1/assess', { userId: 'half a pair \ud800' });
    expect(badId.status).toBe(400);
    const text = await metrics(app);
    const failures = text
      .split('\n')
      .filter((l) => l.startsWith('feed_rebalancer_store_errors_total{'))
      .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
    expect(failures.length).toBe(15);
    expect(failures.every((n) => n === 0)).toBe(true);
  });

  it('request latency by method, route pattern and status', async () => {
    const { app } = testServer();
    await post(app, '/v1/assess', { userId: 'u' });
    await post(app, '/v1/assess', { userId: 5 });
    await send(app, 'DELETE', '/v1/users/someone');
    const text = await metrics(app);
    const count = (route: string, status: number, method = 'POST'): number =>
      sample(
        text,
        `feed_rebalancer_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"}`,
      );
    expect(count('/v1/assess', 200)).toBe(1);
    expect(count('/v1/assess', 400)).toBe(1);
    expect(count('/v1/users/:id', 200, 'DELETE')).toBe(1);
    expect(text).not.toContain('someone');
  });

  it('hostile topics, targets and routes add no series: labels come from closed sets', async () => {
    const { app } = testServer();
    const before = (await metrics(app)).split('\n').length;
    for (let i = 0; i < 20; i++) {
      await post(app, '/v1/rebalance', {
        userId: `u${i}`,
        candidates: [{ id: 'a', topics: [`topic-${i}`] }, { id: 'a' }],
        at: T0,
      });
      await send(app, 'GET', `/nowhere/${i}`);
    }
    const text = await metrics(app);
    expect(text).not.toMatch(/topic-\d/);
    expect(text).not.toMatch(/nowhere/);
    // The duplicate series, the latency series (14 lines each) of /v1/rebalance, of the
    // unmatched paths (one series for all twenty) and of /metrics itself, the slots-changed
    // series and the rebalance duration series (15 buckets, +Inf, sum and count).
    expect(text.split('\n').length - before).toBe(1 + 3 * 14 + 1 + 18);
    expect(text).toContain('route="(no route)",status="404"');
  });
});
