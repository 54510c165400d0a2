import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRebalancer, presets, resolvePolicy } from '../../src/index.js';
import type { Item, Rebalancer } from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import { firstDifference } from '../../src/testing/check/deepEqual.js';

// The property tests are only as strong as what the arbitraries reach. These tests pin that the
// generated requests exercise what the guarantees are about, in a fixed sample.
const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.protective,
});
const SAMPLE = fc.sample(arbitraries.rebalanceCase(rb), { numRuns: 400, seed: 11 });
const DAY = 86_400_000;

function share(test: (c: (typeof SAMPLE)[number]) => boolean): number {
  return SAMPLE.filter(test).length / SAMPLE.length;
}

function counts(
  r: Rebalancer,
  item: Item,
  role: 'triggering' | 'recovery' = 'triggering',
): string[] {
  const t = r.classify(item)[role];
  return r.groups.filter((g) => (t[g] ?? 0) >= r.policy.minConfidence);
}

describe('arbitraries', () => {
  it('arbitraries.policy() only generates policies resolvePolicy accepts', () => {
    fc.assert(
      fc.property(arbitraries.policy({ diversify: true }), (p) => {
        resolvePolicy(p);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitraries.policy({ groups }) generates group blocks and both kinds of evidence that createRebalancer accepts', () => {
    const groups = presets.taxonomies.default.groups.map((g) => g.id);
    const sample = fc.sample(arbitraries.policy({ groups }), { numRuns: 300, seed: 7 });
    let withBlocks = 0;
    let confidence = 0;
    for (const policy of sample) {
      const rb2 = createRebalancer({ taxonomy: presets.taxonomies.default, policy });
      const blocks = Object.keys(policy.groups ?? {});
      if (blocks.length > 0) withBlocks++;
      for (const id of blocks) expect(groups).toContain(id);
      if (rb2.policy.detection.evidence === 'confidence') confidence++;
    }
    expect(withBlocks).toBeGreaterThan(100);
    expect(confidence).toBeGreaterThan(50);
    expect(
      fc.sample(arbitraries.policy(), { numRuns: 100 }).every((p) => p.groups === undefined),
    ).toBe(true);
  });

  it('arbitraries.rebalanceCase(rb) reaches its state by observing its impressions with rb', () => {
    for (const c of SAMPLE.slice(0, 50)) {
      const replayed =
        c.impressions.length === 0 ? rb.emptyState() : rb.observe(rb.emptyState(), c.impressions);
      expect(firstDifference(c.request.state, replayed)).toBeNull();
    }
  });

  it('arbitraries.impressions() yields streams in time order, some with a session gap, a 14-day absence or "see less" feedback', () => {
    const streams = fc.sample(arbitraries.impressions(), { numRuns: 200, seed: 3 });
    let gaps = 0;
    let absences = 0;
    let feedback = 0;
    for (const s of streams) {
      for (let i = 1; i < s.length; i++) {
        expect(s[i]!.at).toBeGreaterThan(s[i - 1]!.at);
        if (s[i]!.at - s[i - 1]!.at > 30 * 60 * 1000) gaps += 1;
        if (s[i]!.at - s[i - 1]!.at >= 14 * DAY) absences += 1;
      }
      if (s.some((e) => 'seeLess' in e)) feedback += 1;
    }
    expect(gaps).toBeGreaterThan(10);
    expect(absences).toBeGreaterThan(3);
    expect(feedback).toBeGreaterThan(20);
  });

  it('arbitraries.rebalanceCase(rb) gives states "see less" feedback on groups and on topics, in force and lapsed, and the engine drops candidates for it', () => {
    const entries = (c: (typeof SAMPLE)[number]) => c.request.state.seeLess ?? [];
    const age = (c: (typeof SAMPLE)[number], at: number) =>
      (c.request.at ?? c.request.state.lastAt ?? at) - at;
    expect(share((c) => entries(c).some(([t]) => rb.groups.includes(t)))).toBeGreaterThan(0.05);
    expect(share((c) => entries(c).some(([t]) => !rb.groups.includes(t)))).toBeGreaterThan(0.05);
    expect(share((c) => entries(c).some(([, at]) => age(c, at) < 14 * DAY))).toBeGreaterThan(0.15);
    expect(share((c) => entries(c).some(([, at]) => age(c, at) >= 14 * DAY))).toBeGreaterThan(0.03);
    expect(
      share((c) => rb.rebalance(c.request).dropped.some((d) => d.reason.startsWith('seeLess:'))),
    ).toBeGreaterThan(0.08);
  });

  it('arbitraries.rebalanceCase(rb) reaches every level, including sustained, in a fair share of cases', () => {
    const level = (c: (typeof SAMPLE)[number], l: string): boolean =>
      Object.values(rb.assess(c.request.state, c.request.at).groups).some((g) => g.level === l);
    expect(share((c) => level(c, 'sustained'))).toBeGreaterThan(0.15);
    expect(share((c) => level(c, 'elevated'))).toBeGreaterThan(0.05);
    expect(share((c) => !level(c, 'sustained') && !level(c, 'elevated'))).toBeGreaterThan(0.15);
  });

  it('arbitraries.rebalanceCase(rb) generates duplicates, two-group items, evasive tags, co-opted pool items, cooling items and embeddings', () => {
    expect(
      share(
        (c) => new Set(c.request.candidates.map((i) => i.id)).size < c.request.candidates.length,
      ),
    ).toBeGreaterThan(0.1);
    expect(
      share((c) => c.request.candidates.some((i) => counts(rb, i).length >= 2)),
    ).toBeGreaterThan(0.1);
    expect(
      share((c) =>
        c.request.candidates.some((i) => i.topics === undefined && (i.hashtags?.length ?? 0) > 0),
      ),
    ).toBeGreaterThan(0.1);
    expect(
      share((c) =>
        (c.request.recovery ?? []).some(
          (i) => counts(rb, i).length > 0 && counts(rb, i, 'recovery').length > 0,
        ),
      ),
    ).toBeGreaterThan(0.1);
    expect(share((c) => c.request.state.recoveryShown.length > 0)).toBeGreaterThan(0.05);
    expect(
      share((c) => c.request.candidates.some((i) => i.embedding instanceof Float32Array)),
    ).toBeGreaterThan(0.1);
    expect(
      share(
        (c) =>
          c.request.candidates.length > 0 &&
          c.request.candidates.every((i) => i.embedding === undefined),
      ),
    ).toBeGreaterThan(0.1);
    expect(share((c) => c.request.size !== undefined)).toBeGreaterThan(0.1);
  });

  it('arbitraries.rebalanceCase(rb) makes the engine insert recovery (for two groups in turn too), drop for caps and size, and refuse cooling and co-opted pool items', () => {
    const outs = SAMPLE.map((c) => rb.rebalance(c.request));
    const part = (test: (o: (typeof outs)[number]) => boolean): number =>
      outs.filter(test).length / outs.length;
    expect(part((o) => o.slots.some((s) => s.source === 'recovery'))).toBeGreaterThan(0.1);
    expect(
      part(
        (o) =>
          new Set(o.slots.flatMap((s) => s.reasons.filter((r) => r.startsWith('recovery:')))).size >
          1,
      ),
    ).toBeGreaterThan(0.01);
    expect(part((o) => o.dropped.some((d) => d.reason.startsWith('cap:')))).toBeGreaterThan(0.2);
    expect(part((o) => o.dropped.some((d) => d.reason === 'size'))).toBeGreaterThan(0.05);
    expect(part((o) => o.rejectedRecovery.some((r) => r.reason === 'cooldown'))).toBeGreaterThan(
      0.05,
    );
    expect(
      part((o) => o.rejectedRecovery.some((r) => r.reason.startsWith('triggering:'))),
    ).toBeGreaterThan(0.15);
  });

  it('arbitraries.candidates() keeps one embedding dimension per list, as the engine requires', () => {
    fc.assert(
      fc.property(arbitraries.candidates({ dimension: 6 }), (list) =>
        list.every((i) => i.embedding === undefined || i.embedding.length === 6),
      ),
    );
  });
});
