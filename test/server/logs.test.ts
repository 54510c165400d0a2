import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError, type StateStore } from '../../src/index.js';
import { prcItem, prcSession, post, send, testServer, triggeringRun } from './support.js';

/** Every route that takes a user id, called with `userId`, and a query and texts to look for. */
async function callEveryRoute(app: Parameters<typeof post>[0], userId: string): Promise<void> {
  await post(app, '/v1/impressions', { userId, events: triggeringRun(3) });
  await post(app, '/v1/rebalance', {
    userId,
    candidates: [{ id: 'c1', text: 'PRIVATE-CAPTION thinspo' }],
  });
  await post(app, '/v1/assess', { userId });
  await post(app, '/v1/intercept', { query: 'PRIVATE-QUERY thinspo' });
  await post(app, '/v1/reset', { userId });
  await post(app, '/rank', {
    session: prcSession({ user_id: userId }),
    items: [prcItem('p1', { text: 'PRIVATE-POST' })],
  });
  await send(app, 'DELETE', `/v1/users/${encodeURIComponent(userId)}`);
  // Failed requests too: a schema error, a library error.
  await post(app, '/v1/rebalance', { userId, candidates: [{ id: 5 }] });
  await post(app, '/v1/impressions', { userId, events: [{ item: { id: 'x' }, at: 'PRIVATE-AT' }] });
}

describe('logs never carry a user id in clear, a body, a query or an error message', () => {
  it('a keyed hash stands for the user: the same under the same key, unlinkable under another', async () => {
    const userId = 'alice@example.org';
    const key = 'log-key-for-tests';
    const { app, logs, logText } = testServer({ logger: { userIdKey: key } });
    await callEveryRoute(app, userId);
    const text = logText();
    expect(text).not.toContain('alice');
    expect(text).not.toContain('example.org');
    expect(text).not.toContain(encodeURIComponent(userId));
    for (const secret of ['PRIVATE-CAPTION', 'PRIVATE-QUERY', 'PRIVATE-POST', 'PRIVATE-AT'])
      expect(text).not.toContain(secret);
    const expected = createHmac('sha256', key).update(userId).digest('hex').slice(0, 16);
    const requests = logs().filter((line) => line.msg === 'request');
    expect(requests.length).toBe(9);
    // Answered requests of a user carry the hash; a body the schema refused was not read.
    const answered = requests.filter(
      (line) => line.status === 200 && line.route !== '/v1/intercept',
    );
    expect(answered.length).toBe(6);
    expect(answered.every((line) => line.user === expected)).toBe(true);
    // The route's pattern is logged, never the raw URL.
    expect(requests.map((line) => line.route)).toContain('/v1/users/:id');
    expect(requests.every((line) => !('url' in line))).toBe(true);

    const other = testServer({ logger: { userIdKey: 'another key' } });
    await post(other.app, '/v1/assess', { userId });
    const line = other.logs().find((l) => l.msg === 'request');
    expect(line?.user).toMatch(/^[0-9a-f]{16}$/);
    expect(line?.user).not.toBe(expected);
  });

  it('for any user id, no log line contains it (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 6, maxLength: 40 }).filter((s) => /^[\w@.+-]+$/.test(s)),
        async (userId) => {
          const { app, logText } = testServer();
          await post(app, '/v1/impressions', { userId, events: triggeringRun(1) });
          await post(app, '/v1/rebalance', { userId, candidates: [{ id: 'c' }] });
          await send(app, 'DELETE', `/v1/users/${encodeURIComponent(userId)}`);
          expect(logText()).not.toContain(userId);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a failed request logs its code and path only; a store failure logs at warn', async () => {
    const store: StateStore = {
      get: () => Promise.reject(new RebalanceError('store', 'Store.get: connection refused')),
      update: () => Promise.reject(new RebalanceError('store', 'Store.update: connection refused')),
      append: () => Promise.reject(new RebalanceError('store', 'Store.append: connection refused')),
      delete: () => Promise.resolve(false),
    };
    const { app, logs } = testServer({ store });
    await post(app, '/v1/rebalance', { userId: 'bob', candidates: [{ id: 5 }] });
    await post(app, '/v1/assess', { userId: 'bob' });
    const [invalid, unreachable] = logs().filter((line) => line.msg === 'request');
    expect(invalid).toMatchObject({
      status: 400,
      error: { code: 'item', path: 'candidates[0].id' },
    });
    expect(JSON.stringify(invalid)).not.toContain('must be');
    expect(unreachable).toMatchObject({ status: 503, error: { code: 'store', path: '' } });
    expect(logs().some((line) => line.level === 40 && line.msg === 'request failed')).toBe(true);
  });

  it('probes are logged at debug, so an info log has one line per API request', async () => {
    const { app, logs } = testServer({ logger: { level: 'info' } });
    await send(app, 'GET', '/healthz');
    await send(app, 'GET', '/readyz');
    await send(app, 'GET', '/metrics');
    await post(app, '/v1/assess', { userId: 'u' });
    expect(
      logs()
        .filter((line) => line.msg === 'request')
        .map((line) => line.route),
    ).toEqual(['/v1/assess']);
  });

  it('a request logged whole is reduced to its method and route pattern', async () => {
    const { app, logs } = testServer();
    await app.ready();
    app.log.info(
      { req: { method: 'DELETE', url: '/v1/users/alice', body: { userId: 'alice' } } },
      'x',
    );
    const line = logs().find((l) => l.msg === 'x');
    expect(line?.req).toEqual({ method: 'DELETE', route: '(no route)' });
  });
});
