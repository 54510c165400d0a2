import { describe, expect, it } from 'vitest';
import { createExactMatcher, createRebalancer, presets, type Item } from '../../src/index.js';

const taxonomy = presets.taxonomies.default;
const T0 = Date.UTC(2026, 0, 1);

/** A state at `sustained` for eating disorders, reached by observing a run of pro-ana items. */
function sustained(rb: ReturnType<typeof createRebalancer>) {
  const impressions = Array.from({ length: 30 }, (_, i) => ({
    item: { id: `s${i}`, topics: ['pro-ana'] },
    at: T0 + i * 10_000,
  }));
  const state = rb.observe(rb.emptyState(), impressions);
  expect(rb.assess(state).groups['eating-disorder']!.level).toBe('sustained');
  return state;
}

describe('createRebalancer default matcher', () => {
  it.each([
    ['th1nsp0', 'eating-disorder'],
    ['thynspiration', 'eating-disorder'],
    ['pr0ana', 'eating-disorder'],
    ['suicid3', 'suicide'],
    ['#thinspogoals', 'eating-disorder'],
  ])(
    'createRebalancer({ taxonomy, policy }).classify reads the evasive spelling %j as triggering for %s',
    (tag, group) => {
      const rb = createRebalancer({ taxonomy, policy: presets.policies.balanced });
      expect(rb.classify({ id: 'a', hashtags: [tag] }).triggering[group]).toBe(1);
    },
  );

  it('createRebalancer({ matcher: createExactMatcher }) opts out: evasive spellings and compounds count as nothing, the terms as written still count', () => {
    const rb = createRebalancer({
      taxonomy,
      policy: presets.policies.balanced,
      matcher: createExactMatcher,
    });
    for (const tag of ['th1nsp0', 'thynspiration', 'pr0ana', 'suicid3', '#thinspogoals'])
      expect(rb.classify({ id: 'a', hashtags: [tag] }).triggering).toEqual({});
    expect(rb.classify({ id: 'a', hashtags: ['#Thin_Spo'] }).triggering).toEqual({
      'eating-disorder': 1,
    });
  });

  it.each(['#mealspo', '#menspo', '#myinspo', '#theinspo', '#skintok', '#skiingtok', '#anna'])(
    'createRebalancer({ taxonomy, policy }).classify leaves the everyday tag %j unmatched, though it is one edit from a term',
    (tag) => {
      const rb = createRebalancer({ taxonomy, policy: presets.policies.balanced });
      expect(rb.classify({ id: 'a', hashtags: [tag] }).topics).toEqual({});
    },
  );

  it('classify reads a recovery compound alone as the group recovery topic, not as triggering', () => {
    const rb = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    for (const tag of ['#anarecovery', '#recoverywarrior', '#selfharmfree', '#shrecovery']) {
      const c = rb.classify({ id: 'a', hashtags: [tag] });
      expect(c.triggering).toEqual({});
      expect(Object.keys(c.recovery)).toHaveLength(1);
    }
    expect(rb.classify({ id: 'a', hashtags: ['#anarecovery'] }).topics).toEqual({
      'ed-recovery': 1,
    });
  });

  it('classify keeps an item with a recovery compound and a separate triggering signal (tag, topic or text) triggering', () => {
    const rb = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    const coOpted: Item[] = [
      { id: 'tag', hashtags: ['#anarecovery', '#thinspo'] },
      { id: 'topic', hashtags: ['#anarecovery'], topics: ['pro-ana'] },
      { id: 'text', hashtags: ['#edrecovery'], text: 'my thinspogoals' },
    ];
    for (const item of coOpted) {
      const c = rb.classify(item);
      expect(c.triggering['eating-disorder']).toBe(1);
      expect(c.recovery['eating-disorder']).toBe(1);
    }
  });

  it('rebalance refuses a co-opted recovery compound from the pool and serves the plain one', () => {
    const rb = createRebalancer({ taxonomy, policy: presets.policies.protective });
    const state = sustained(rb);
    const candidates = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}` }));
    const recovery: Item[] = [
      { id: 'co-opted', hashtags: ['#anarecovery', '#th1nsp0'] },
      { id: 'plain', hashtags: ['#anarecovery'] },
    ];
    const out = rb.rebalance({ candidates, recovery, state, at: T0 + 400_000 });
    expect(out.rejectedRecovery).toContainEqual({
      id: 'co-opted',
      from: 0,
      reason: 'triggering:eating-disorder',
    });
    const served = out.slots.filter((s) => s.source === 'recovery').map((s) => s.id);
    expect(served).toEqual(['plain']);
  });
});
