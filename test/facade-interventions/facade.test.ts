import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvasiveMatcher,
  createRebalancer,
  presets,
  RebalanceError,
  type ObserveEvent,
  type ResourceInput,
  type UserState,
} from '../../src/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

// SAMPLE DATA — not real services: ids, names and numbers are placeholders.
const SAMPLE_RESOURCES: ResourceInput[] = [
  {
    id: 'sample-gb',
    name: 'Sample Line GB (example)',
    groups: ['suicide', 'self-harm'],
    locale: 'en-GB',
    contact: '000 000 (sample)',
    lastVerified: '2026-01-10',
  },
  {
    id: 'sample-en',
    name: 'Sample Line EN (example)',
    groups: ['suicide'],
    locale: 'en',
    url: 'https://example.org/en',
    lastVerified: '2025-01-10',
  },
  {
    id: 'sample-any',
    name: 'Sample Directory (example)',
    groups: ['suicide', 'eating-disorder', 'mental-health'],
    locale: '*',
    url: 'https://example.org',
    lastVerified: '2026-01-10',
  },
];

function make(policy = presets.policies.balanced, extra: object = {}) {
  return createRebalancer({
    taxonomy: presets.taxonomies.default,
    policy,
    matcher: createEvasiveMatcher,
    resources: SAMPLE_RESOURCES,
    ...extra,
  });
}

function errorOf(fn: () => unknown): RebalanceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RebalanceError);
    return error as RebalanceError;
  }
  throw new Error('expected a RebalanceError');
}

describe('createRebalancer with interventions', () => {
  it('rb.interceptQuery answers misspelt sensitive searches with resources in locale-fallback order, and ordinary ones with null', () => {
    const rb = make();
    const gb = rb.interceptQuery('sucide', { locale: 'en-GB' });
    expect(gb?.group).toBe('suicide');
    expect(gb?.kind).toBe('resources');
    // en-GB → en → *: the most specific entry first.
    expect(gb?.resources.map((r) => r.id)).toEqual(['sample-gb', 'sample-en', 'sample-any']);
    const fr = rb.interceptQuery('sucide', { locale: 'fr-FR' });
    expect(fr?.resources.map((r) => r.id)).toEqual(['sample-any']);
    expect(rb.interceptQuery('thinspoo', { locale: 'en-US' })?.group).toBe('eating-disorder');
    expect(rb.interceptQuery('banana bread', { locale: 'en-GB' })).toBeNull();
  });

  it('createRebalancer rejects a resource entry with code resources and its path, including an unknown group', () => {
    const bad = [{ ...SAMPLE_RESOURCES[0]!, groups: ['gambling'] }];
    const error = errorOf(() => make(presets.policies.balanced, { resources: bad }));
    expect(error.code).toBe('resources');
    expect(error.path).toBe('resources[0].groups[0]');
  });

  it('rb.staleResources lists the entries not verified within the age', () => {
    expect(
      make()
        .staleResources(T0)
        .map((r) => r.id),
    ).toEqual(['sample-en']);
  });

  it('rebalance puts the default banners on served slots a rule applies to when resources are given, and none with banners: false', () => {
    const candidates = [
      { id: 'meal', hashtags: ['#WhatIEatInADay'] },
      { id: 'dog', hashtags: ['#puppy'] },
    ];
    const off = make(presets.policies.off, { banners: false });
    const plain = off.rebalance({ candidates, state: off.emptyState(), at: T0, locale: 'en-GB' });
    expect(plain.slots.every((s) => !('banner' in s))).toBe(true);
    const rb = make(presets.policies.off);
    const out = rb.rebalance({ candidates, state: rb.emptyState(), at: T0, locale: 'en-GB' });
    expect(out.slots[0]?.banner?.group).toBe('eating-disorder');
    expect(out.slots[0]?.banner?.resources.map((r) => r.id)).toEqual(['sample-any']);
    expect('banner' in out.slots[1]!).toBe(false);
    // Apart from the banner, the result is what it is without banners.
    expect(
      out.slots.map((slot) => {
        const rest: Record<string, unknown> = { ...slot };
        delete rest['banner'];
        return rest;
      }),
    ).toEqual(plain.slots);
  });

  it('rebalance puts no banner without resources unless banners are asked for, and banners: true keeps the default rules', () => {
    const candidates = [{ id: 'meal', hashtags: ['#WhatIEatInADay'] }];
    const bare = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.off,
    });
    const none = bare.rebalance({ candidates, state: bare.emptyState(), at: T0 });
    expect('banner' in none.slots[0]!).toBe(false);
    const asked = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.off,
      banners: true,
    });
    const shown = asked.rebalance({ candidates, state: asked.emptyState(), at: T0 });
    expect(shown.slots[0]?.banner).toEqual({ group: 'eating-disorder', resources: [] });
    const explicit = make(presets.policies.off, { banners: true });
    const withResources = explicit.rebalance({
      candidates,
      state: explicit.emptyState(),
      at: T0,
      locale: 'en-GB',
    });
    expect(withResources.slots[0]?.banner?.resources.map((r) => r.id)).toEqual(['sample-any']);
  });

  it('see less removes matching candidates for 14 days (reason seeLess:<target>) and lets them back after', () => {
    const rb = make(presets.policies.off);
    const state = rb.observe(rb.emptyState(), { seeLess: { target: 'thinspiration' }, at: T0 });
    expect(state.impressions).toBe(0);
    const candidates = [
      { id: 'a', hashtags: ['#thinspo'] },
      { id: 'b', topics: ['cooking'] },
      { id: 'c', topics: { 'pro-ana': 0.9 } },
    ];
    const during = rb.rebalance({ candidates, state, at: T0 + 13 * DAY });
    expect(during.items.map((i) => i.id)).toEqual(['b', 'c']);
    expect(during.dropped).toEqual([{ id: 'a', from: 0, reason: 'seeLess:thinspiration' }]);
    const after = rb.rebalance({ candidates, state, at: T0 + 15 * DAY });
    expect(after.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    // A group target covers every triggering topic of the group.
    const group = rb.observe(rb.emptyState(), { seeLess: { target: 'eating-disorder' }, at: T0 });
    expect(rb.rebalance({ candidates, state: group, at: T0 }).items.map((i) => i.id)).toEqual([
      'b',
    ]);
  });

  it('observe rejects malformed feedback events with code impression and the exact path', () => {
    const rb = make();
    const s = rb.emptyState();
    const cases: [unknown, string][] = [
      [{ seeLess: { target: 'cooking' }, at: 0 }, 'impressions[1].seeLess.target'],
      [{ seeLess: { target: 'ed-recovery' }, at: 0 }, 'impressions[1].seeLess.target'],
      [{ seeLess: 'pro-ana', at: 0 }, 'impressions[1].seeLess'],
      [{ seeLess: { target: 'pro-ana' }, at: Number.NaN }, 'impressions[1].at'],
      [
        { intervention: { type: 'seen', kind: 'nudge' }, at: 0 },
        'impressions[1].intervention.type',
      ],
      [
        { intervention: { type: 'shown', kind: 'popup' }, at: 0 },
        'impressions[1].intervention.kind',
      ],
      [
        { intervention: { type: 'shown', kind: 'nudge', group: '__proto__' }, at: 0 },
        'impressions[1].intervention.group',
      ],
    ];
    for (const [event, path] of cases) {
      const error = errorOf(() =>
        rb.observe(s, [{ item: { id: 'x' }, at: 0 }, event] as unknown as ObserveEvent[]),
      );
      expect(error.code, path).toBe('impression');
      expect(error.path, path).toBe(path);
    }
  });

  it('assess suggests no intervention again within its cooldown or beyond its cap on any stream the host reports back', () => {
    const rb = make(presets.policies.protective);
    const topics = ['pro-ana', 'thinspiration', 'self-harm', 'suicide', 'cooking', 'music'];
    const step = fc.record({
      topic: fc.constantFrom(...topics),
      gap: fc.oneof(
        fc.integer({ min: 1_000, max: 60_000 }),
        fc.integer({ min: 0, max: 3 * 3_600_000 }),
      ),
      react: fc.constantFrom('dismissed' as const, 'accepted' as const, null),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 200 }), (steps) => {
        let state: UserState = rb.emptyState();
        let at = T0;
        const shown: { kind: string; group: string | null; at: number; session: number }[] = [];
        let session = 0;
        let lastAt: number | null = null;
        for (const [i, s] of steps.entries()) {
          at += s.gap;
          if (lastAt !== null && at - lastAt > rb.policy.exposure.sessionGapMs) session++;
          lastAt = at;
          state = rb.observe(state, { item: { id: `i${i}`, topics: [s.topic] }, at });
          for (const intervention of rb.assess(state, at).interventions) {
            const { kind, group } = intervention;
            const same = shown.filter((x) => x.kind === kind && x.group === group);
            const cooldown = kind === 'resources' ? DAY : kind === 'nudge' ? 1_800_000 : 3_600_000;
            const cap = kind === 'resources' ? 1 : 2;
            for (const x of same) expect(at - x.at).toBeGreaterThanOrEqual(cooldown);
            expect(same.filter((x) => x.session === session).length).toBeLessThan(cap);
            shown.push({ kind, group, at, session });
            const events: ObserveEvent[] = [{ intervention: { type: 'shown', kind, group }, at }];
            if (s.react !== null) events.push({ intervention: { type: s.react, kind, group }, at });
            state = rb.observe(state, events);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rb.reset clears exposure and the intervention log but keeps see-less choices', () => {
    const rb = make(presets.policies.protective);
    let state = rb.observe(
      rb.emptyState(),
      Array.from({ length: 30 }, (_, i) => ({
        item: { id: `v${i}`, topics: ['pro-ana'] },
        at: T0 + i * 5_000,
      })),
    );
    state = rb.observe(state, [
      { seeLess: { target: 'suicide' }, at: T0 + 200_000 },
      {
        intervention: { type: 'shown', kind: 'resources', group: 'eating-disorder' },
        at: T0 + 200_000,
      },
    ]);
    expect(rb.assess(state).groups['eating-disorder']?.level).not.toBe('none');
    const fresh = rb.reset(state);
    expect(fresh).toEqual({ ...rb.emptyState(), seeLess: state.seeLess });
    expect(fresh.seeLess).toEqual([['suicide', T0 + 200_000]]);
    // The kept choice still removes items after the reset.
    const out = rb.rebalance({
      candidates: [{ id: 'k', hashtags: ['#kms'] }],
      state: fresh,
      at: T0 + DAY,
    });
    expect(out.dropped[0]?.reason).toBe('seeLess:suicide');
  });

  it('rebalance({ profiling: false }) ranks as for an empty state: only the none-level caps apply, and the minor preset still filters', () => {
    const candidates = Array.from({ length: 12 }, (_, i) => ({
      id: `c${i}`,
      topics: i % 2 === 0 ? ['pro-ana'] : ['cooking'],
    }));
    for (const policy of [presets.policies.protective, presets.policies.minor]) {
      const rb = make(policy);
      let state = rb.observe(
        rb.emptyState(),
        Array.from({ length: 40 }, (_, i) => ({
          item: { id: `v${i}`, topics: ['pro-ana'] },
          at: T0 + i * 5_000,
        })),
      );
      state = rb.observe(state, { seeLess: { target: 'eating-disorder' }, at: T0 });
      const at = T0 + 300_000;
      const without = rb.rebalance({ candidates, profiling: false, at });
      expect(rb.rebalance({ candidates, state, profiling: false, at })).toEqual(without);
      expect(without).toEqual(rb.rebalance({ candidates, state: rb.emptyState(), at }));
      expect(Object.values(without.assessment.groups).every((g) => g.level === 'none')).toBe(true);
      expect(without.applied.caps).toEqual(
        rb.rebalance({ candidates, state: rb.emptyState(), at }).applied.caps,
      );
    }
    const minor = make(presets.policies.minor);
    const served = minor.rebalance({ candidates, profiling: false, at: T0 }).items;
    expect(served.every((item) => !(item.topics as string[]).includes('pro-ana'))).toBe(true);
  });

  it('a state with feedback round-trips through serializeState and parseState and stays within 2 KB', () => {
    const rb = make(presets.policies.protective);
    const targets = ['eating-disorder', 'thinspiration', 'pro-ana', 'self-harm', 'suicide'];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              seeLess: fc.record({ target: fc.constantFrom(...targets) }),
              at: fc.double({ noNaN: true, noDefaultInfinity: true }),
            }),
            fc.record({
              intervention: fc.record({
                type: fc.constantFrom('shown' as const, 'dismissed' as const, 'accepted' as const),
                kind: fc.constantFrom('nudge' as const, 'resources' as const, 'break' as const),
                group: fc.constantFrom(null, 'suicide'),
              }),
              at: fc.integer(),
            }),
            fc.record({
              item: fc.record({
                id: fc.string({ minLength: 1 }),
                topics: fc.constant(['pro-ana']),
              }),
              at: fc.integer(),
            }),
          ),
          { maxLength: 120 },
        ),
        (events) => {
          const state = rb.observe(rb.emptyState(), events);
          const text = rb.serializeState(state);
          expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2048);
          expect(rb.parseState(text)).toEqual(state);
          expect(state.interventions!.shown.length).toBeLessThanOrEqual(12);
        },
      ),
      { numRuns: 100 },
    );
  });
});
