import { afterEach, describe, expect, it } from 'vitest';
import {
  createRebalancer,
  presets,
  RebalanceError,
  type Item,
  type Rebalancer,
} from '../../src/index.js';
import { instrumentRebalancer, LIBRARY_INSTRUMENTS } from '../../src/otel/index.js';
import { metricsProbe, type MetricsProbe } from './support.js';

const taxonomy = presets.taxonomies.default;
const I = LIBRARY_INSTRUMENTS;
const ED = 'eating-disorder';
const T = (i: number): number => i * 15_000;

/** Eight candidates, the even ones triggering for eating-disorder. */
const CANDIDATES: readonly Item[] = Array.from({ length: 8 }, (_, i) =>
  i % 2 === 0 ? { id: `c${i}`, topics: ['pro-ana'] } : { id: `c${i}` },
);
const RECOVERY: readonly Item[] = [
  { id: 'r1', topics: ['ed-recovery'] },
  { id: 'r2', topics: ['ed-recovery'] },
];

let probe: MetricsProbe | null = null;
afterEach(async () => {
  await probe?.shutdown();
  probe = null;
});

function instrumented(policy = presets.policies.balanced): Rebalancer {
  probe = metricsProbe();
  return instrumentRebalancer(createRebalancer({ taxonomy, policy }), { meter: probe.meter });
}

/** A state at sustained for eating-disorder, reached one impression per observe call. */
function climb(rb: Rebalancer) {
  let state = rb.emptyState();
  for (let i = 0; i < 12; i++)
    state = rb.observe(state, {
      item: { id: `s${i}`, hashtags: ['#thinspo'] },
      at: T(i),
      dwellMs: 10_000,
    });
  return state;
}

describe('instrumentRebalancer(rb, { meter }) records the library instruments', () => {
  it('a scripted sequence gives exact counts: transitions, slots changed, drops, recovery, interventions, durations', async () => {
    const rb = instrumented();
    let state = climb(rb);
    // Under balanced at sustained: a cap of one triggering item per window and a recovery item
    // every fifth slot. Six slots: c0 c1 c3 c5 r1 c7 — four differ from the host's c0…c5; the
    // triggering c2, c4, c6 are past size; the repeated c1 is a duplicate.
    const served = rb.rebalance({
      candidates: [...CANDIDATES, { id: 'c1' }],
      recovery: RECOVERY,
      state,
      size: 6,
      at: T(13),
    });
    expect(served.slots.map((s) => s.id)).toEqual(['c0', 'c1', 'c3', 'c5', 'r1', 'c7']);
    // In shadow mode without size the policy would serve seven slots (c2 last, after c7): five
    // differ, and the host's eighth slot is one the policy leaves empty; c4 and c6 stay capped.
    const shadow = rb.rebalance({
      candidates: CANDIDATES,
      recovery: RECOVERY,
      state,
      at: T(13),
      shadow: true,
    });
    expect(shadow.items).toEqual(CANDIDATES);
    rb.assess(state, T(13));
    state = rb.reset(state);

    const p = await probe!.read();
    const count = (name: string, attributes: Record<string, unknown>): number =>
      probe!.counter(p, name, attributes);
    const transition = (from: string, to: string): number =>
      count(I.levelTransitions.name, { group: ED, from, to });
    expect(transition('none', 'elevated')).toBe(1);
    expect(transition('elevated', 'sustained')).toBe(1);
    expect(transition('sustained', 'none')).toBe(1);
    expect(p.get(I.levelTransitions.name)).toHaveLength(3);

    expect(count(I.slotsChanged.name, {})).toBe(4);
    expect(count(I.slotsChanged.name, { shadow: true })).toBe(6);
    expect(count(I.droppedItems.name, { reason: 'size', group: '' })).toBe(3);
    expect(count(I.droppedItems.name, { reason: 'duplicate', group: '' })).toBe(1);
    expect(count(I.droppedItems.name, { reason: 'cap', group: ED, shadow: true })).toBe(2);
    expect(p.get(I.droppedItems.name)).toHaveLength(3);
    expect(count(I.recoveryServed.name, { group: ED })).toBe(1);
    expect(count(I.recoveryServed.name, { group: ED, shadow: true })).toBe(1);
    expect(count(I.recoveryServed.name, { group: 'self-harm' })).toBe(0);
    // Two rebalance calls and one assessment, each suggesting resources for eating-disorder.
    expect(count(I.interventions.name, { kind: 'resources', group: ED })).toBe(3);
    expect(count(I.stateRestarts.name, { group: ED })).toBe(0);

    const live = probe!.histogram(p, I.rebalanceDuration.name, {})!;
    const shadowed = probe!.histogram(p, I.rebalanceDuration.name, { shadow: true })!;
    expect(live.count).toBe(1);
    expect(shadowed.count).toBe(1);
    expect(live.sum).toBeGreaterThan(0);
    // The buckets are the advised ones, in seconds.
    expect(live.buckets.boundaries).toEqual(I.rebalanceDuration.buckets);
  });

  it('counts a state restart per group when a state stored under another detector is observed, and its levels falling to none', async () => {
    const old = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    let stored = old.emptyState();
    for (let i = 0; i < 12; i++)
      stored = old.observe(stored, { item: { id: `s${i}`, hashtags: ['#thinspo'] }, at: T(i) });
    const rb = instrumented({
      ...presets.policies.balanced,
      detection: { kind: 'window', count: 3, window: 8 },
    });
    const next = rb.observe(stored, { item: { id: 'x' }, at: T(12) });
    expect(next.groups.every((g, i) => g.detector !== stored.groups[i]!.detector)).toBe(true);
    const p = await probe!.read();
    for (const group of rb.groups)
      expect(probe!.counter(p, I.stateRestarts.name, { group })).toBe(1);
    expect(
      probe!.counter(p, I.levelTransitions.name, { group: ED, from: 'sustained', to: 'none' }),
    ).toBe(1);
  });

  it('parseState of a stored string counts the restart once; observing the parsed state after it counts none again', async () => {
    const old = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    const stored = old.serializeState(old.emptyState());
    const rb = instrumented({
      ...presets.policies.balanced,
      detection: { kind: 'window', count: 3, window: 8 },
    });
    const parsed = rb.parseState(stored);
    rb.observe(parsed, { item: { id: 'x' }, at: 0 });
    const p = await probe!.read();
    expect(probe!.counter(p, I.stateRestarts.name, { group: ED })).toBe(1);
  });

  it('returns exactly what the wrapped rebalancer returns', () => {
    const plain = createRebalancer({ taxonomy, policy: presets.policies.protective });
    probe = metricsProbe();
    const rb = instrumentRebalancer(plain, { meter: probe.meter });
    const state = climb(plain);
    const request = { candidates: CANDIDATES, recovery: RECOVERY, state, at: T(13) };
    expect(JSON.stringify(rb.rebalance(request))).toBe(JSON.stringify(plain.rebalance(request)));
    expect(rb.observe(state, { item: { id: 'y' }, at: T(14) })).toEqual(
      plain.observe(state, { item: { id: 'y' }, at: T(14) }),
    );
    expect(rb.assess(state, T(14))).toEqual(plain.assess(state, T(14)));
    expect(rb.policy).toBe(plain.policy);
  });

  it('without a registered MeterProvider takes the API no-op meter and serves the same feed', () => {
    const plain = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    const rb = instrumentRebalancer(plain);
    const state = climb(rb);
    expect(rb.rebalance({ candidates: CANDIDATES, state, at: T(13) }).items).toEqual(
      plain.rebalance({ candidates: CANDIDATES, state, at: T(13) }).items,
    );
  });

  it('rejects something that is not a rebalancer, or a meter that is not a Meter, with code argument', () => {
    expect(() => instrumentRebalancer({} as Rebalancer)).toThrow(
      /^instrumentRebalancer: rb must be a rebalancer/,
    );
    const rb = createRebalancer({ taxonomy });
    try {
      instrumentRebalancer(rb, { meter: 5 as never });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RebalanceError);
      expect((error as RebalanceError).code).toBe('argument');
      expect((error as RebalanceError).path).toBe('meter');
    }
  });
});
