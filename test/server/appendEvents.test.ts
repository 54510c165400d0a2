import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  MemoryStateStore,
  presets,
  type ObserveEvent,
  type StateStore,
  type UserState,
} from '../../src/index.js';
import { appendEvents } from '../../src/server/store/appendEvents.js';
import { post, testServer, triggeringRun } from './support.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

describe('appendEvents (the adapter until StateStore.append lands)', () => {
  it('folds the events with rb.observe through update when the store has no append', async () => {
    const store = new MemoryStateStore();
    const events = triggeringRun(5);
    const first = await appendEvents(store, 'u', events, rb);
    expect(first.before).toBeUndefined();
    expect(first.after).toEqual(rb.observe(rb.emptyState(), events));
    const second = await appendEvents(store, 'u', triggeringRun(2, 5), rb);
    expect(second.before).toEqual(first.after);
    expect(second.after.impressions).toBe(7);
  });

  it('calls the store\u2019s own append when it has one, with the events as given (event ids kept)', async () => {
    const calls: [string, readonly ObserveEvent[]][] = [];
    const inner = new MemoryStateStore();
    const store: StateStore & {
      append(userId: string, events: readonly ObserveEvent[]): Promise<UserState>;
    } = {
      get: (id) => inner.get(id),
      update: () => Promise.reject(new Error('update must not be called')),
      delete: (id) => inner.delete(id),
      append: (id, events) => {
        calls.push([id, events]);
        return inner.update(id, (s) => rb.observe(s ?? rb.emptyState(), events));
      },
    };
    const events = triggeringRun(3).map((e, i) => ({ ...e, eventId: `e${i}` }));
    const result = await appendEvents(store, 'u', events, rb);
    expect(result.before).toBeNull();
    expect(result.after.impressions).toBe(3);
    expect(calls).toEqual([['u', events]]);

    // And through the route: POST /v1/impressions goes to append.
    const { app } = testServer({ store });
    const { status, json } = await post(app, '/v1/impressions', { userId: 'v', events });
    expect(status).toBe(200);
    expect(json.impressions).toBe(3);
    expect(calls.map(([id]) => id)).toEqual(['u', 'v']);
  });
});
