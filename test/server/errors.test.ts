import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError, type RebalanceErrorCode, type StateStore } from '../../src/index.js';
import { STATUS_BY_CODE, toErrorReply } from '../../src/server/errors/errorReply.js';
import { CANDIDATES, post, send, testServer, triggeringRun } from './support.js';

/** A store whose every operation fails with `error`. */
function failingStore(error: Error): StateStore {
  return {
    get: () => Promise.reject(error),
    update: () => Promise.reject(error),
    append: () => Promise.reject(error),
    delete: () => Promise.reject(error),
  };
}

describe('schema errors answer 400 with the library error envelope', () => {
  const { app } = testServer({ limits: { candidates: 5, events: 3 } });
  const cases: [string, string, unknown, RebalanceErrorCode, string, RegExp][] = [
    [
      'missing field',
      '/v1/impressions',
      { events: [] },
      'request',
      'userId',
      /userId is required$/,
    ],
    [
      'wrong type in a candidate',
      '/v1/rebalance',
      { userId: 'u', candidates: [{ id: 'a' }, { id: 7 }] },
      'item',
      'candidates[1].id',
      /^POST \/v1\/rebalance: candidates\[1\]\.id must be a string \(got 7\)$/,
    ],
    [
      'misspelt field of a candidate',
      '/v1/rebalance',
      { userId: 'u', candidates: [{ id: 'a', hashtag: ['#x'] }] },
      'item',
      'candidates[0].hashtag',
      /is not a known field \(known: id, topics, hashtags, text, embedding, score\)$/,
    ],
    [
      'unknown top-level field',
      '/v1/rebalance',
      { userId: 'u', candidates: [], sise: 3 },
      'request',
      'sise',
      /sise is not a known field/,
    ],
    [
      'too many candidates',
      '/v1/rebalance',
      { userId: 'u', candidates: Array.from({ length: 6 }, (_, i) => ({ id: `c${i}` })) },
      'request',
      'candidates',
      /candidates must have at most 5 entries \(got an array of length 6\)$/,
    ],
    [
      'too many events',
      '/v1/impressions',
      { userId: 'u', events: triggeringRun(4) },
      'request',
      'events',
      /events must have at most 3 entries/,
    ],
    [
      'an impression with a text time',
      '/v1/impressions',
      { userId: 'u', events: [{ item: { id: 'a' }, at: 'noon' }] },
      'impression',
      'events[0].at',
      /events\[0\]\.at must be a number \(got "noon"\)$/,
    ],
    [
      'an event of no known form',
      '/v1/impressions',
      { userId: 'u', events: [{ at: 5 }] },
      'impression',
      'events[0]',
      /events\[0\] must be an impression \{ item, at, dwellMs\? \}, or feedback/,
    ],
    [
      'a confidence out of range',
      '/v1/rebalance',
      { userId: 'u', candidates: [{ id: 'a', topics: { 'pro-ana': 2 } }] },
      'item',
      'candidates[0].topics["pro-ana"]',
      /candidates\[0\]\.topics\["pro-ana"\] must be <= 1 \(got 2\)$/,
    ],
    [
      'topics of neither form',
      '/v1/rebalance',
      { userId: 'u', candidates: [{ id: 'a', topics: 'pro-ana' }] },
      'item',
      'candidates[0].topics',
      /topics must be a list of topic ids, or an object of topic confidences in \[0, 1\] \(got "pro-ana"\)$/,
    ],
    [
      'a negative size',
      '/v1/rebalance',
      { userId: 'u', candidates: [], size: -1 },
      'request',
      'size',
      /size must be >= 0 \(got -1\)$/,
    ],
    [
      'a body that is not an object',
      '/v1/assess',
      [1, 2],
      'request',
      '',
      /the body must be an object/,
    ],
    [
      'an empty user id',
      '/v1/reset',
      { userId: '' },
      'request',
      'userId',
      /userId must have at least 1 characters \(got a string of 0\)$/,
    ],
  ];
  it.each(cases)('%s', async (_name, url, body, code, path, message) => {
    const { status, json } = await post(app, url, body);
    expect(status).toBe(400);
    expect(Object.keys(json.error).sort()).toEqual(['code', 'message', 'path']);
    expect(json.error).toMatchObject({ code, path });
    expect(json.error.message).toMatch(message);
  });

  it('a user id is described by its length, never echoed', async () => {
    const secret = 'alice@example.org'.repeat(70);
    const { json } = await post(app, '/v1/assess', { userId: secret });
    expect(json.error.path).toBe('userId');
    expect(json.error.message).not.toContain('alice');
  });
});

describe('library errors keep their code and path; statuses come from one table', () => {
  it('an item the library refuses answers 400 with its path', async () => {
    const { app } = testServer();
    const { status, json } = await post(app, '/v1/rebalance', {
      userId: 'u',
      candidates: [
        { id: 'a' },
        { id: 'a' },
        { id: 'b', embedding: [1, 2] },
        { id: 'c', embedding: [1] },
      ],
    });
    expect(status).toBe(400);
    expect(json.error.code).toBe('item');
    expect(json.error.path).toMatch(/^candidates\[3\]/);
  });

  it('an event the store refuses is answered at its events path, with the route in the message', async () => {
    const { app } = testServer();
    const { json } = await post(app, '/v1/impressions', {
      userId: 'u',
      events: [{ seeLess: { target: 'no-such-topic' }, at: 1 }],
    });
    expect(json.error.code).toBe('impression');
    expect(json.error.path).toMatch(/^events\[0\]/);
    expect(json.error.message).toMatch(/^POST \/v1\/impressions: events\[0\]/);
  });

  it.each([
    ['store', 503],
    ['conflict', 409],
    ['state', 400],
  ] as const)('a store failing with code %s answers %i', async (code, expected) => {
    const store = failingStore(new RebalanceError(code, `Store.update: failed (${code})`));
    const { app } = testServer({ store });
    for (const [url, body] of [
      ['/v1/rebalance', { userId: 'u', candidates: CANDIDATES }],
      ['/v1/impressions', { userId: 'u', events: triggeringRun(1) }],
      ['/v1/assess', { userId: 'u' }],
      ['/v1/reset', { userId: 'u' }],
    ] as const) {
      const { status, json } = await post(app, url, body);
      expect([url, status]).toEqual([url, expected]);
      expect(json.error.code).toBe(code);
    }
  });

  it('STATUS_BY_CODE maps request, item, impression and state to 400, conflict to 409, store to 503', () => {
    const codes = Object.keys(STATUS_BY_CODE) as RebalanceErrorCode[];
    expect(codes.sort()).toEqual(
      [
        'argument',
        'conflict',
        'impression',
        'item',
        'policy',
        'request',
        'resources',
        'state',
        'store',
        'taxonomy',
      ].sort(),
    );
    for (const code of ['request', 'item', 'impression', 'state'] as const)
      expect(toErrorReply(new RebalanceError(code, 'm')).status).toBe(400);
    expect(toErrorReply(new RebalanceError('conflict', 'm')).status).toBe(409);
    expect(toErrorReply(new RebalanceError('store', 'm')).status).toBe(503);
  });

  it('an unexpected error answers 500 internal without its message', async () => {
    const store = failingStore(new Error('secret detail of the failure'));
    const { app } = testServer({ store });
    const { status, json } = await post(app, '/v1/assess', { userId: 'u' });
    expect(status).toBe(500);
    expect(json.error.code).toBe('internal');
    expect(json.error.message).not.toContain('secret');
  });
});

describe('body and route errors use the same envelope', () => {
  const { app } = testServer({ limits: { bodyBytes: 1_024 } });

  it('a body over the limit answers 413 with code request', async () => {
    const body = { userId: 'u', candidates: [{ id: 'x', text: 'a'.repeat(2_000) }] };
    const { status, json } = await post(app, '/v1/rebalance', body);
    expect(status).toBe(413);
    expect(json.error).toMatchObject({ code: 'request', path: '' });
    expect(json.error.message).toMatch(
      /^POST \/v1\/rebalance: the body must be at most 1024 bytes/,
    );
  });

  it('a body that is not JSON answers 415, malformed JSON and an empty body 400', async () => {
    const form = await app.inject({
      method: 'POST',
      url: '/v1/rebalance',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'userId=u',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('request');
    const text = await app.inject({
      method: 'POST',
      url: '/v1/rebalance',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(text.statusCode).toBe(415);
    const broken = await post(app, '/v1/rebalance', '{"userId": "u", "candidates": [');
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/the body must be valid JSON$/);
    const empty = await post(app, '/v1/rebalance', '');
    expect(empty.status).toBe(400);
  });

  it('an unknown path answers 404 not-found, a known path with another method 405 with Allow', async () => {
    const missing = await send(app, 'GET', '/v2/rebalance');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not-found');
    const method = await send(app, 'GET', '/v1/rebalance');
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('POST');
    expect(method.json.error.code).toBe('request');
  });

  it('a __proto__ key in a body is refused, not merged', async () => {
    const { status, json } = await post(
      app,
      '/v1/assess',
      '{"userId": "u", "__proto__": {"polluted": true}}',
    );
    expect(status).toBe(400);
    expect(json.error.code).toBe('request');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

it('any JSON body answers 200 or an error envelope with a 4xx status, never a 500', async () => {
  const { app } = testServer({ logger: false });
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        '/v1/rebalance',
        '/v1/impressions',
        '/v1/assess',
        '/v1/reset',
        '/v1/intercept',
        '/rank',
      ),
      fc.oneof(
        fc.jsonValue(),
        fc.record({ userId: fc.string(), candidates: fc.array(fc.jsonValue(), { maxLength: 4 }) }),
        fc.record({ userId: fc.string(), events: fc.array(fc.jsonValue(), { maxLength: 4 }) }),
      ),
      async (url, body) => {
        const { status, json } = await post(app, url, JSON.stringify(body));
        if (status === 200) return;
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(typeof json.error.code).toBe('string');
        expect(typeof json.error.path).toBe('string');
        expect(typeof json.error.message).toBe('string');
      },
    ),
    { numRuns: 300 },
  );
});
