import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type { Item } from '../../src/index.js';
import { expectRebalanceError } from './guards.js';

// The recovery pool is read only when some group's level calls for recovery: a malformed pool
// entry costs nothing while no recovery is due (guarantee 3 of docs/guarantees.md), and is a
// RebalanceError naming it — or, under onInvalidItem: 'skip', a refusal listed in
// rejectedRecovery — once it is.

const taxonomy = presets.taxonomies.default;
const strict = createRebalancer({ taxonomy, policy: presets.policies.protective });
const skipping = createRebalancer({
  taxonomy,
  policy: { ...presets.policies.protective, onInvalidItem: 'skip' },
});
const run = (id: string) => ({
  item: { id, topics: ['pro-ana'] },
  at: Number(id.slice(1)) * 1_000,
});
const calm = strict.emptyState();
const sustained = strict.observe(calm, ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'].map(run));
const candidates: Item[] = Array.from({ length: 8 }, (_, i) => ({ id: `c${i}` }));
const pool = [
  { id: 'r0', score: Number.NaN },
  { id: 'r1', topics: ['ed-recovery'] },
] as Item[];

describe('malformed recovery pool entries', () => {
  it('rebalance(pool with a NaN score) while no group calls for recovery serves the candidates untouched', () => {
    expect(strict.assess(calm).groups['eating-disorder']?.level).toBe('none');
    const out = strict.rebalance({ candidates, recovery: pool, state: calm });
    expect(out.items.map((i) => i.id)).toEqual(candidates.map((c) => c.id));
  });

  it('rebalance(pool with a NaN score) once recovery is due throws RebalanceError item at recovery[0].score', () => {
    expect(strict.assess(sustained).groups['eating-disorder']?.level).toBe('sustained');
    expectRebalanceError(
      () => strict.rebalance({ candidates, recovery: pool, state: sustained }),
      'item',
      'recovery[0].score',
    );
  });

  it("rebalance(pool with a NaN score) under onInvalidItem 'skip' refuses it as invalid and serves the next entry", () => {
    const out = skipping.rebalance({
      candidates,
      recovery: pool,
      state: skipping.parseState(strict.serializeState(sustained)),
    });
    expect(out.rejectedRecovery).toEqual([{ id: 'r0', from: 0, reason: 'invalid' }]);
    expect(out.slots.filter((s) => s.source === 'recovery').map((s) => s.id)).toEqual(['r1']);
  });
});
