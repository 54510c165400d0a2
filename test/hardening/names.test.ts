import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type { Item, PolicyInput, TaxonomyInput } from '../../src/index.js';
import {
  checkCapsHold,
  checkNoInvention,
  checkNothingLost,
  createGuaranteeContext,
} from '../../src/testing/index.js';
import { deepFreeze, expectRebalanceError, guardPrototypes } from './guards.js';

// `__proto__`, `constructor` and `prototype` as topic, group and id names: they are ordinary
// names — stored in Maps or null-prototype objects, never reaching Object.prototype.

const NAMES = ['__proto__', 'constructor', 'prototype'] as const;

guardPrototypes();

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.protective,
});

const hostileTaxonomy: TaxonomyInput = deepFreeze({
  groups: NAMES.map((name) => ({
    id: name,
    triggering: [{ id: name, terms: [name] }],
    recovery: [{ id: `${name}-recovery` }],
  })),
});

describe('prototype names as data', () => {
  it('classify(item with topics and hashtags named __proto__, constructor, prototype) counts for no default group', () => {
    const asRecord = JSON.parse('{"__proto__": 1, "constructor": 0.9, "prototype": 1}') as Record<
      string,
      number
    >;
    for (const item of [
      { id: 'a', topics: [...NAMES] },
      { id: 'b', topics: asRecord },
      { id: 'c', hashtags: NAMES.map((n) => `#${n}`) },
    ]) {
      const c = rb.classify(deepFreeze(item));
      for (const g of rb.groups) expect(c.triggering[g] ?? 0).toBe(0);
      expect(Object.getPrototypeOf(c.triggering)).toBeNull();
    }
  });

  it('rebalance(candidates with ids __proto__, constructor, prototype, repeated) serves each once and drops the repeats as duplicate', () => {
    const candidates = deepFreeze([...NAMES, ...NAMES].map((id) => ({ id })));
    const request = { candidates, state: rb.emptyState() };
    const out = rb.rebalance(request);
    expect(out.items.map((i) => i.id)).toEqual([...NAMES]);
    expect(out.dropped).toEqual(NAMES.map((id, i) => ({ id, from: i + 3, reason: 'duplicate' })));
    const context = createGuaranteeContext(rb, rb, request);
    expect([checkNoInvention(context), checkNothingLost(context)]).toEqual([null, null]);
  });

  it('createRebalancer(taxonomy with groups and topics named __proto__, constructor, prototype) tracks them as ordinary groups', () => {
    const policy: PolicyInput = {
      detection: { kind: 'run', length: 2, hold: 0 },
      levels: { sustained: { cap: { count: 1, window: 3 } } },
    };
    const h = createRebalancer({ taxonomy: hostileTaxonomy, policy });
    expect(h.groups).toEqual([...NAMES]);
    const item = (id: string, topic: string): Item => ({ id, topics: [topic] });
    let state = h.emptyState();
    state = h.observe(state, [
      { item: item('s1', '__proto__'), at: 0 },
      { item: item('s2', '__proto__'), at: 1 },
    ]);
    const a = h.assess(state, 2);
    // No Object.prototype anywhere in the chain: inherited names cannot shadow group ids.
    expect(Object.prototype.isPrototypeOf.call(Object.prototype, a.groups)).toBe(false);
    expect(Object.keys(a.groups)).toEqual([...NAMES]);
    expect(a.groups.__proto__?.level).toBe('sustained');
    expect(a.groups['constructor' as string]?.level).toBe('none');
    expect(h.classify(item('x', 'constructor')).triggering.constructor).toBe(1);
    const candidates = ['c0', 'c1', 'c2', 'c3'].map((id) => item(id, '__proto__'));
    const request = { candidates, state, at: 2 };
    const out = h.rebalance(request);
    expect(out.items.map((i) => i.id)).toEqual(['c0']);
    expect(out.dropped.map((d) => d.reason)).toEqual([
      'cap:__proto__',
      'cap:__proto__',
      'cap:__proto__',
    ]);
    expect(checkCapsHold(createGuaranteeContext(h, h, request))).toBeNull();
    // The state round-trips through JSON with the group named __proto__ intact.
    const back = h.parseState(h.serializeState(state));
    expect(back.groups.map((g) => g.id)).toEqual([...NAMES]);
    expect(h.assess(back, 2).groups.__proto__?.level).toBe('sustained');
  });

  it('createRebalancer(policy with a "__proto__" key from JSON) throws RebalanceError policy naming it, and applies nothing', () => {
    const top = JSON.parse('{"__proto__": {"minConfidence": 0.01}}') as PolicyInput;
    expectRebalanceError(
      () => createRebalancer({ taxonomy: presets.taxonomies.default, policy: top }),
      'policy',
      '__proto__',
    );
    const nested = JSON.parse(
      '{"levels": {"__proto__": {"cap": {"count": 0, "window": 1}}}}',
    ) as PolicyInput;
    expectRebalanceError(
      () => createRebalancer({ taxonomy: presets.taxonomies.default, policy: nested }),
      'policy',
      'levels.__proto__',
    );
  });

  it('parseState(state whose group ids are __proto__ and constructor) is matched to groups by id, never via the prototype', () => {
    const h = createRebalancer({ taxonomy: hostileTaxonomy, policy: {} });
    const json = h.serializeState(h.emptyState());
    const parsed = JSON.parse(json) as { groups: { id: string }[] };
    expect(parsed.groups.map((g) => g.id)).toEqual([...NAMES]);
    const s = h.parseState(json);
    expect(s.groups.map((g) => g.id)).toEqual([...NAMES]);
    // A state for the default taxonomy has none of these groups: they start empty.
    expect(rb.parseState(json).groups.map((g) => g.id)).toEqual([...rb.groups]);
  });
});
