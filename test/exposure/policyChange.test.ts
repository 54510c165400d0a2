import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  presets,
  RebalanceError,
  type DetectionInput,
  type GroupState,
  type Impression,
  type Rebalancer,
  type UserState,
} from '../../src/index.js';

// A state written under one detector and read under another must never be misread: each group
// records the fingerprint of the detector that wrote its statistic, and a policy whose detector
// has another fingerprint restarts that group's statistic, window, level and hold — keeping the
// exposure masses, runs, session, "see less" and the intervention log.

const taxonomy = presets.taxonomies.default;
const levels = presets.policies.protective.levels!;

/** Every kind and evidence, and changes of a parameter within a kind (some keep the meaning). */
const DETECTORS: Record<string, DetectionInput> = {
  'run 3': { kind: 'run', length: 3 },
  'run 5, confidence': { kind: 'run', length: 5, evidence: 'confidence', hold: 2 },
  'window 3 of 6': { kind: 'window', count: 3, window: 6 },
  'window 2 of 6': { kind: 'window', count: 2, window: 6, hold: 3 },
  'window 3 of 6, confidence': { kind: 'window', count: 3, window: 6, evidence: 'confidence' },
  'window 3 of 9': { kind: 'window', count: 3, window: 9 },
  'cusum 0.05→0.3, h 2.55': { kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.55 },
  'cusum 0.05→0.3, h 1.2': { kind: 'cusum', p0: 0.05, p1: 0.3, h: 1.2 },
  'cusum 0.05→0.3, confidence': {
    kind: 'cusum',
    p0: 0.05,
    p1: 0.3,
    h: 2.55,
    evidence: 'confidence',
  },
  'cusum 0.05→0.2': { kind: 'cusum', p0: 0.05, p1: 0.2, h: 2.25 },
  'ewma 0.2, 0.4': { kind: 'ewma', lambda: 0.2, limit: 0.4 },
  'ewma 0.2, 0.3': { kind: 'ewma', lambda: 0.2, limit: 0.3, hold: 0 },
  'ewma 0.2, 0.4, confidence': { kind: 'ewma', lambda: 0.2, limit: 0.4, evidence: 'confidence' },
  'ewma 0.1, 0.4': { kind: 'ewma', lambda: 0.1, limit: 0.4 },
};
const NAMES = Object.keys(DETECTORS);
const engines = new Map<string, Rebalancer>(
  NAMES.map((name) => [
    name,
    createRebalancer({ taxonomy, policy: { detection: DETECTORS[name]!, levels } }),
  ]),
);

const TOPICS = ['pro-ana', 'thinspiration', 'self-harm', 'suicide', 'ed-recovery', 'cooking'];
const event = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      topic: fc.constantFrom(...TOPICS),
      c: fc.constantFrom(0.2, 0.45, 0.55, 0.9, 1),
    }),
  },
  { weight: 1, arbitrary: fc.constant('seeLess' as const) },
  { weight: 1, arbitrary: fc.constant('shown' as const) },
);
type Event = { topic: string; c: number } | 'seeLess' | 'shown';

function events(list: readonly Event[], start: number, gapMs: number): unknown[] {
  return list.map((e, i) => {
    const at = start + i * gapMs;
    if (e === 'seeLess') return { seeLess: { target: 'suicide' }, at };
    if (e === 'shown')
      return { intervention: { type: 'shown', kind: 'nudge', group: 'self-harm' }, at };
    return {
      item: { id: `i${start + i}`, topics: { [e.topic]: e.c } },
      at,
      dwellMs: 6_000,
    } satisfies Impression;
  });
}

const fingerprintOf = (rb: Rebalancer, g: number) => rb.emptyState().groups[g]!.detector;
const statisticPart = ({ statistic, window, level, hold }: GroupState) => ({
  statistic,
  window,
  level,
  hold,
});
const keptPart = ({ id, triggeringMass, totalMass, run }: GroupState) => ({
  id,
  triggeringMass,
  totalMass,
  run,
});
const rest = (s: UserState) => ({
  impressions: s.impressions,
  lastAt: s.lastAt,
  session: s.session,
  seeLess: s.seeLess,
  interventions: s.interventions,
});

describe('a state read under another policy', () => {
  it('for every pair of detectors, parse/observe/assess/rebalance never throw, a group restarts exactly when its fingerprint differs, and then reaches what a fresh state reaches', () => {
    for (const from of NAMES)
      for (const to of NAMES) {
        const a = engines.get(from)!;
        const b = engines.get(to)!;
        const kind = DETECTORS[to]!.kind;
        fc.assert(
          fc.property(
            fc.array(event, { maxLength: 40 }),
            fc.array(event, { maxLength: 15 }),
            fc.constantFrom(1_000, 4_000_000),
            (head, tail, gap) => {
              const written = a.observe(a.emptyState(), events(head, 0, gap) as never);
              const json = a.serializeState(written);
              const later = events(tail, 1e9, gap) as never;
              // Never throws, whatever the state came as.
              const bound = b.parseState(json);
              expect(b.parseState(JSON.parse(json))).toEqual(bound);
              expect(b.observe(written, later)).toEqual(b.observe(bound, later));
              b.assess(written, 2e9);
              b.rebalance({ candidates: [{ id: 'x', topics: ['suicide'] }], state: written });
              expect(rest(bound)).toEqual(rest(written));
              const after = b.observe(bound, later);
              const fresh = b.observe(b.emptyState(), later);
              const continued = a.observe(written, later);
              for (let g = 0; g < bound.groups.length; g++) {
                const before = written.groups[g]!;
                const now = bound.groups[g]!;
                expect(keptPart(now)).toEqual(keptPart(before));
                expect(now.detector).toBe(fingerprintOf(b, g));
                if (before.detector === fingerprintOf(b, g)) {
                  // Same meaning: kept as it is, and it goes on as under the writer's policy.
                  expect(statisticPart(now)).toEqual(statisticPart(before));
                  expect(after.groups[g]!.statistic).toBe(continued.groups[g]!.statistic);
                  expect(after.groups[g]!.window).toBe(continued.groups[g]!.window);
                } else {
                  expect(statisticPart(now)).toEqual({
                    statistic: kind === 'run' ? before.run : 0,
                    window: '',
                    level: 'none',
                    hold: 0,
                  });
                  if (kind !== 'run')
                    expect(statisticPart(after.groups[g]!)).toEqual(
                      statisticPart(fresh.groups[g]!),
                    );
                  else expect(after.groups[g]!.statistic).toBe(after.groups[g]!.run);
                }
              }
            },
          ),
          { numRuns: 4, seed: 42 },
        );
      }
  });

  it('a change of one group’s detector in policy.groups restarts that group only', () => {
    const a = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    const b = createRebalancer({
      taxonomy,
      policy: {
        ...presets.policies.balanced,
        groups: { suicide: { detection: { kind: 'cusum', p0: 0.05, p1: 0.2, h: 1.8 } } },
      },
    });
    const s = a.observe(
      a.emptyState(),
      events(
        Array.from({ length: 12 }, (_, i) => ({ topic: i % 2 ? 'suicide' : 'pro-ana', c: 1 })),
        0,
        1_000,
      ) as never,
    );
    const bound = b.parseState(a.serializeState(s));
    expect(bound.groups.slice(0, 2)).toEqual(s.groups.slice(0, 2));
    expect(s.groups[2]!.level).toBe('sustained');
    expect(statisticPart(bound.groups[2]!)).toEqual({
      statistic: 0,
      window: '',
      level: 'none',
      hold: 0,
    });
  });

  it('a window count of 15 read under a CUSUM no longer jumps to sustained on the next impression', () => {
    const w = createRebalancer({
      taxonomy,
      policy: { detection: { kind: 'window', count: 20, window: 30 } },
    });
    const c = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    const s = w.observe(
      w.emptyState(),
      events(
        Array.from({ length: 15 }, () => ({ topic: 'pro-ana', c: 1 })),
        0,
        1_000,
      ) as never,
    );
    expect(s.groups[0]!.statistic).toBe(15);
    const next = c.observe(s, { item: { id: 'n', topics: ['pro-ana'] }, at: 20_000 });
    expect(next.groups[0]!.statistic).toBeCloseTo(1 - 0.145618073488992, 12);
    expect(c.assess(next).groups['eating-disorder']!.level).toBe('none');
  });

  it('an EWMA policy reads a CUSUM state with S > 1 without throwing, on every call', () => {
    const c = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    const e = createRebalancer({
      taxonomy,
      policy: { detection: { kind: 'ewma', lambda: 0.1, limit: 0.3 } },
    });
    const s = c.observe(
      c.emptyState(),
      events(
        Array.from({ length: 6 }, () => ({ topic: 'pro-ana', c: 1 })),
        0,
        1_000,
      ) as never,
    );
    expect(s.groups[0]!.statistic).toBeGreaterThan(1);
    const json = c.serializeState(s);
    for (let i = 0; i < 3; i++)
      expect(e.assess(JSON.parse(json) as UserState).groups['eating-disorder']!.statistic).toBe(0);
  });
});

describe('a state stored before fingerprints existed', () => {
  const strip = (s: UserState): unknown => {
    const json = JSON.parse(JSON.stringify(s)) as { groups: Record<string, unknown>[] };
    for (const g of json.groups) delete g.detector;
    return json;
  };

  it('loads under the policy that wrote it with every group kept as it was (the upgrade path)', () => {
    for (const name of NAMES) {
      if (DETECTORS[name]!.evidence === 'confidence' && DETECTORS[name]!.kind !== 'run') continue;
      const rb = engines.get(name)!;
      fc.assert(
        fc.property(fc.array(event, { maxLength: 40 }), (head) => {
          const s = rb.observe(rb.emptyState(), events(head, 0, 1_000) as never);
          expect(rb.parseState(strip(s))).toEqual(s);
        }),
        { numRuns: 20, seed: 3 },
      );
    }
  });

  it('under another detector, never throws, and keeps a group only when its values are possible for the new detector', () => {
    // Writers of the time counted labels only.
    const writers = NAMES.filter((n) => DETECTORS[n]!.evidence !== 'confidence');
    for (const from of writers)
      for (const to of NAMES) {
        const a = engines.get(from)!;
        const b = engines.get(to)!;
        const d = DETECTORS[to]!;
        fc.assert(
          fc.property(fc.array(event, { maxLength: 30 }), (head) => {
            const s = a.observe(a.emptyState(), events(head, 0, 1_000) as never);
            const bound = b.parseState(strip(s));
            b.observe(strip(s) as never, { item: { id: 'n' }, at: 1e9 });
            for (let g = 0; g < s.groups.length; g++) {
              const before = s.groups[g]!;
              const now = bound.groups[g]!;
              expect(keptPart(now)).toEqual(keptPart(before));
              expect(now.detector).toBe(fingerprintOf(b, g));
              const kept =
                now.level === before.level &&
                now.hold === before.hold &&
                now.window === before.window;
              if (!kept) continue;
              // Kept: the values are possible for the reader's detector.
              if (d.kind === 'run') expect(now.statistic).toBe(now.run);
              if (d.kind === 'window') {
                expect(now.window.length).toBeLessThanOrEqual(d.window);
                expect(now.statistic).toBe(now.window.split('1').length - 1);
              }
              if (d.kind === 'cusum' || d.kind === 'ewma') {
                expect(now.window).toBe('');
                if (now.statistic > 0) expect(now.statistic).not.toBe(now.run);
              }
              if (d.kind === 'ewma') expect(now.statistic).toBeLessThanOrEqual(1);
              // Confidence evidence did not exist before fingerprints.
              if (d.kind !== 'run' && d.evidence === 'confidence')
                expect(statisticPart(now)).toEqual({
                  statistic: 0,
                  window: '',
                  level: 'none',
                  hold: 0,
                });
            }
          }),
          { numRuns: 3, seed: 5 },
        );
      }
  });
});

describe('detector fingerprints', () => {
  it('are pinned: changing how they are written would restart every stored state', () => {
    const fingerprint = (detection: DetectionInput) =>
      createRebalancer({ taxonomy, policy: { detection } }).emptyState().groups[0]!.detector;
    expect(
      createRebalancer({ taxonomy, policy: presets.policies.balanced }).emptyState().groups[0]!
        .detector,
    ).toBe('cl244tdos9mnu');
    expect(fingerprint({ kind: 'run', length: 4, evidence: 'confidence' })).toBe('r');
    expect(fingerprint({ kind: 'window', count: 3, window: 8 })).toBe('wl8');
    expect(fingerprint({ kind: 'window', count: 3, window: 8, evidence: 'confidence' })).toBe(
      'wc8',
    );
    expect(fingerprint({ kind: 'ewma', lambda: 0.1, limit: 0.3 })).toBe('elb1514bm75y');
    // A threshold or the hold does not change what the statistic means.
    expect(fingerprint({ kind: 'cusum', p0: 0.05, p1: 0.3, h: 9, hold: 0 })).toBe('cl244tdos9mnu');
  });

  it('the window example of docs/state.md: confidences 0.3, 0.62, 0, 1, 0.55, 0.08, 0.9', () => {
    const w = createRebalancer({
      taxonomy,
      policy: { detection: { kind: 'window', count: 3, window: 8, evidence: 'confidence' } },
    });
    const s = w.observe(
      w.emptyState(),
      [0.3, 0.62, 0, 1, 0.55, 0.08, 0.9].map((c, i) => ({
        item: { id: `x${i}`, topics: { 'pro-ana': c } },
        at: i,
      })),
    );
    expect(s.groups[0]).toMatchObject({ window: 'fl01kbr', statistic: 3.45, detector: 'wc8' });
  });
});

describe('stored fingerprints are untrusted', () => {
  const rb = engines.get('window 3 of 6, confidence')!;
  const s = rb.observe(
    rb.emptyState(),
    events(
      [
        { topic: 'pro-ana', c: 0.55 },
        { topic: 'pro-ana', c: 1 },
      ],
      0,
      1_000,
    ) as never,
  );
  const edit = (f: (g: Record<string, unknown>) => void): unknown => {
    const json = JSON.parse(rb.serializeState(s)) as { groups: Record<string, unknown>[] };
    f(json.groups[0]!);
    return json;
  };
  function stateError(input: unknown, path: string): void {
    let caught: unknown;
    try {
      rb.parseState(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RebalanceError);
    expect([(caught as RebalanceError).code, (caught as RebalanceError).path]).toEqual([
      'state',
      path,
    ]);
    expect((caught as RebalanceError).message.length).toBeLessThan(300);
  }

  it('the written window holds the quantised confidences', () => {
    expect(s.groups[0]!).toMatchObject({ window: 'k1', statistic: 1.55, detector: 'wc6' });
  });

  it.each([
    [
      'a megabyte fingerprint',
      (g: Record<string, unknown>) => (g.detector = 'w'.repeat(1e6)),
      'groups[0].detector',
    ],
    [
      'a fingerprint object',
      (g: Record<string, unknown>) => (g.detector = { kind: 'cusum' }),
      'groups[0].detector',
    ],
    [
      'an unknown kind',
      (g: Record<string, unknown>) => (g.detector = 'bl12'),
      'groups[0].detector',
    ],
    [
      'a window longer than 512',
      (g: Record<string, unknown>) => (g.detector = 'wc999'),
      'groups[0].detector',
    ],
    [
      'a window longer than its fingerprint says',
      (g: Record<string, unknown>) => (g.window = 'k1k1k1k'),
      'groups[0].window',
    ],
    [
      'confidence symbols under a labels fingerprint',
      (g: Record<string, unknown>) => (g.detector = 'wl6'),
      'groups[0].window',
    ],
    ['a symbol past s', (g: Record<string, unknown>) => (g.window = 'kt'), 'groups[0].window'],
    [
      'window bits beside a CUSUM fingerprint',
      (g: Record<string, unknown>) => (g.detector = 'cl1xz2v5xe3oi'),
      'groups[0].window',
    ],
    [
      'an EWMA value above 1',
      (g: Record<string, unknown>) => {
        g.detector = 'el1';
        g.window = '';
        g.statistic = 1.5;
      },
      'groups[0].statistic',
    ],
  ])('parseState(a group with %s) throws RebalanceError state at the field', (_, f, path) => {
    stateError(edit(f), path);
  });
});
