import { describe, expect, it } from 'vitest';
import { createRebalancer, explain, MemoryStateStore, presets } from '../../src/index.js';
import type { ServerStoreOptions } from '../../src/server/index.js';
import { CANDIDATES, post, RECOVERY, send, T0, testServer, triggeringRun } from './support.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the /v1 routes answer what the library answers in process', () => {
  it('POST /v1/rebalance for a new user answers rb.rebalance of an empty state, with explain', async () => {
    const { app } = testServer();
    const { status, json: body } = await post(app, '/v1/rebalance', {
      userId: 'new-user',
      candidates: CANDIDATES,
      recovery: RECOVERY,
      at: T0,
    });
    expect(status).toBe(200);
    const expected = rb.rebalance({
      candidates: CANDIDATES,
      recovery: RECOVERY,
      state: rb.emptyState(),
      at: T0,
    });
    // Items by id; the decision record only when asked for.
    expect(body).toEqual(
      json({
        items: expected.items.map((item) => item.id),
        slots: expected.slots,
        dropped: expected.dropped,
        rejectedRecovery: expected.rejectedRecovery,
        assessment: expected.assessment,
        applied: expected.applied,
        explanation: explain(expected),
      }),
    );
    const audited = await post(app, '/v1/rebalance', {
      userId: 'new-user',
      candidates: CANDIDATES,
      recovery: RECOVERY,
      at: T0,
      decision: true,
    });
    expect(audited.json).toEqual({ ...body, decision: json(expected.decision) });
  });

  it('POST /v1/impressions accepts the events, POST /v1/assess then answers their state and POST /v1/rebalance rebalances from it', async () => {
    const { app } = testServer();
    const run = triggeringRun(30).map((e, i) => ({ ...e, eventId: `event-${i}` }));
    const recorded = await post(app, '/v1/impressions', { userId: 'u-run', events: run });
    expect(recorded.status).toBe(200);
    expect(recorded.json).toEqual({ accepted: 30 });
    const local = rb.observe(rb.emptyState(), triggeringRun(30));
    const last = T0 + 29 * 15_000;
    const assessed = await post(app, '/v1/assess', { userId: 'u-run', at: last });
    expect(assessed.json).toEqual(json({ impressions: 30, assessment: rb.assess(local, last) }));
    expect(assessed.json.assessment.groups['eating-disorder'].level).toBe('sustained');

    const at = T0 + 31 * 15_000;
    const { json: body } = await post(app, '/v1/rebalance', {
      userId: 'u-run',
      candidates: CANDIDATES,
      recovery: RECOVERY,
      size: 10,
      at,
      locale: 'en-GB',
    });
    const expected = rb.rebalance({
      candidates: CANDIDATES,
      recovery: RECOVERY,
      state: local,
      at,
      size: 10,
      locale: 'en-GB',
    });
    expect(body.slots).toEqual(json(expected.slots));
    expect(body.explanation).toBe(explain(expected));
    // The stored run changed what was served.
    expect(body.slots.map((s: { id: string }) => s.id)).not.toEqual(
      CANDIDATES.slice(0, 10).map((c) => c.id),
    );
  });

  it('POST /v1/rebalance with shadow serves the host order and answers the decision the policy would have made', async () => {
    const { app } = testServer();
    await post(app, '/v1/impressions', { userId: 'u-shadow', events: triggeringRun(30) });
    const local = rb.observe(rb.emptyState(), triggeringRun(30));
    const at = T0 + 31 * 15_000;
    const request = { candidates: CANDIDATES, recovery: RECOVERY, size: 10, at };
    const shadow = await post(app, '/v1/rebalance', {
      userId: 'u-shadow',
      ...request,
      shadow: true,
    });
    const live = await post(app, '/v1/rebalance', {
      userId: 'u-shadow',
      ...request,
      decision: true,
    });
    expect(shadow.status).toBe(200);
    const expected = rb.rebalance({ ...request, state: local, shadow: true });
    expect(shadow.json).toEqual(
      json({
        items: expected.items.map((item) => item.id),
        slots: expected.slots,
        dropped: expected.dropped,
        rejectedRecovery: expected.rejectedRecovery,
        assessment: expected.assessment,
        applied: expected.applied,
        explanation: explain(expected),
        decision: expected.decision,
      }),
    );
    // The host's own order is served; the record is the live decision but for its flag.
    expect(shadow.json.slots.map((s: { id: string }) => s.id)).toEqual(
      CANDIDATES.slice(0, 10).map((c) => c.id),
    );
    expect(shadow.json.decision.shadow).toBe(true);
    expect(shadow.json.decision.changedSlots).toBeGreaterThan(0);
    expect({ ...shadow.json.decision, shadow: false }).toEqual(live.json.decision);
  });

  it('POST /v1/rebalance refuses a shadow flag that is not a boolean, naming the field', async () => {
    const { app } = testServer();
    const reply = await post(app, '/v1/rebalance', {
      userId: 'u',
      candidates: CANDIDATES,
      shadow: 'yes',
    });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.json)).toContain('shadow');
  });

  it('POST /v1/rebalance answers the decision record as asked: shadow brings it unless decision is false', async () => {
    const { app } = testServer();
    const request = { userId: 'u', candidates: CANDIDATES, at: T0 };
    const keys = async (extra: Record<string, unknown>): Promise<boolean> =>
      'decision' in (await post(app, '/v1/rebalance', { ...request, ...extra })).json;
    expect(await keys({})).toBe(false);
    expect(await keys({ decision: false })).toBe(false);
    expect(await keys({ decision: true })).toBe(true);
    expect(await keys({ shadow: true })).toBe(true);
    expect(await keys({ shadow: true, decision: false })).toBe(false);
    expect(await keys({ shadow: false, decision: true })).toBe(true);
    const bad = await post(app, '/v1/rebalance', { ...request, decision: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toBe('decision');
  });

  it('POST /v1/rebalance with profiling false needs no userId and reads no state', async () => {
    const { app } = testServer();
    await post(app, '/v1/impressions', { userId: 'u', events: triggeringRun(30) });
    const { status, json: body } = await post(app, '/v1/rebalance', {
      candidates: CANDIDATES,
      profiling: false,
      at: T0,
    });
    expect(status).toBe(200);
    expect(body.slots.map((s: { id: string }) => s.id)).toEqual(CANDIDATES.map((c) => c.id));
    const missing = await post(app, '/v1/rebalance', { candidates: CANDIDATES });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'request', path: 'userId' });
  });

  it('50 concurrent POST /v1/impressions for one user record all 50 impressions', async () => {
    const { app } = testServer();
    const answers = await Promise.all(
      triggeringRun(50).map((event) =>
        post(app, '/v1/impressions', { userId: 'u-burst', events: [event] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.map((a) => a.json)).toEqual(answers.map(() => ({ accepted: 1 })));
    const empty = await post(app, '/v1/impressions', { userId: 'u-burst', events: [] });
    expect(empty.json).toEqual({ accepted: 0 });
    const after = await post(app, '/v1/assess', { userId: 'u-burst' });
    expect(after.json.impressions).toBe(50);
  });

  it('POST /v1/assess answers rb.assess of the stored state at the given time', async () => {
    const { app } = testServer();
    await post(app, '/v1/impressions', { userId: 'u', events: triggeringRun(12) });
    const at = T0 + 3_600_000;
    const { status, json: body } = await post(app, '/v1/assess', { userId: 'u', at });
    expect(status).toBe(200);
    const local = rb.observe(rb.emptyState(), triggeringRun(12));
    expect(body).toEqual(json({ impressions: 12, assessment: rb.assess(local, at) }));
  });

  it('POST /v1/assess without at assesses at the server clock', async () => {
    const { app } = testServer({ now: () => T0 + 42 });
    const { json: body } = await post(app, '/v1/assess', { userId: 'nobody' });
    expect(body.assessment.at).toBe(T0 + 42);
  });

  it('POST /v1/intercept answers rb.interceptQuery, and null for an ordinary query', async () => {
    const { app } = testServer();
    const sensitive = await post(app, '/v1/intercept', { query: 'thinspo tips', locale: 'en-GB' });
    expect(sensitive.status).toBe(200);
    expect(sensitive.json).toEqual(
      json({ interception: rb.interceptQuery('thinspo tips', { locale: 'en-GB' }) }),
    );
    expect(sensitive.json.interception.group).toBe('eating-disorder');
    const plain = await post(app, '/v1/intercept', { query: 'pasta recipes' });
    expect(plain.json).toEqual({ interception: null });
  });

  it('POST /v1/reset clears the run and keeps "see less" choices, as rb.reset does', async () => {
    const { app } = testServer();
    const events = [...triggeringRun(20), { seeLess: { target: 'pro-ana' }, at: T0 + 400_000 }];
    await post(app, '/v1/impressions', { userId: 'u', events });
    const { status, json: body } = await post(app, '/v1/reset', { userId: 'u' });
    expect(status).toBe(200);
    const local = rb.reset(rb.observe(rb.emptyState(), events));
    expect(body).toEqual(json({ impressions: 0, assessment: rb.assess(local) }));
    const after = await post(app, '/v1/rebalance', {
      userId: 'u',
      candidates: [{ id: 'x', topics: ['pro-ana'] }, { id: 'y' }],
      at: T0 + 500_000,
    });
    expect(after.json.dropped).toEqual([{ id: 'x', from: 0, reason: 'seeLess:pro-ana' }]);
  });

  it('DELETE /v1/users/{id} erases the state once, for a percent-encoded id', async () => {
    let store!: MemoryStateStore;
    const { app } = testServer({ store: (options) => (store = new MemoryStateStore(options)) });
    const id = 'user/with spaces&é';
    await post(app, '/v1/impressions', { userId: id, events: triggeringRun(3) });
    expect(await store.get(id)).toBeDefined();
    const first = await send(app, 'DELETE', `/v1/users/${encodeURIComponent(id)}`);
    expect(first).toMatchObject({ status: 200, json: { erased: true } });
    expect(await store.get(id)).toBeUndefined();
    const again = await send(app, 'DELETE', `/v1/users/${encodeURIComponent(id)}`);
    expect(again.json).toEqual({ erased: false });
  });

  it('a store factory gets the server rebalancer and an onWrite that counts the level transitions of each write', async () => {
    let given: ServerStoreOptions | undefined;
    const { app } = testServer({
      store: (options) => {
        given = options;
        return new MemoryStateStore(options);
      },
    });
    expect(given?.rebalancer.groups).toEqual(rb.groups);
    expect(Object.keys(given!).sort()).toEqual(['onWrite', 'rebalancer']);
    const sustained = rb.observe(rb.emptyState(), triggeringRun(30));
    given!.onWrite(undefined, sustained);
    given!.onWrite(sustained, undefined);
    const metrics = await send(app, 'GET', '/metrics');
    expect(metrics.json).toContain(
      'feed_rebalancer_level_transitions_total{group="eating-disorder",from="none",to="sustained"} 1',
    );
    expect(metrics.json).toContain(
      'feed_rebalancer_level_transitions_total{group="eating-disorder",from="sustained",to="none"} 1',
    );
  });
});

describe('operations routes', () => {
  it('GET /healthz answers ok and GET /readyz ready with the memory store', async () => {
    const { app } = testServer();
    expect(await send(app, 'GET', '/healthz')).toMatchObject({
      status: 200,
      json: { status: 'ok' },
    });
    expect(await send(app, 'GET', '/readyz')).toMatchObject({
      status: 200,
      json: { status: 'ready' },
    });
  });

  it('GET /readyz answers 503 with code store when checkStore rejects', async () => {
    const { app } = testServer({ checkStore: () => Promise.reject(new Error('ECONNREFUSED')) });
    const ready = await send(app, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json.error).toMatchObject({ code: 'store', path: '' });
    expect(ready.json.error.message).toContain('ECONNREFUSED');
    expect((await send(app, 'GET', '/healthz')).status).toBe(200);
  });
});
