import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  presets,
  type DetectionInput,
  type Impression,
  type UserState,
} from '../../src/index.js';
import { cusumGamma } from '../../src/detect/cusumGamma.js';
import { windowSymbol, symbolValue } from '../../src/detect/windowSymbols.js';

// Confidence evidence checked against reference implementations written here from the
// definitions: an impression adds its group confidence c — the highest confidence of the group's
// triggering topics on the item, 1 for a hashtag match, 0 for none — and
//   cusum:  S ← max(0, S + c − γ)           (the expected LLR divided by A; Reynolds & Stoumbos' γ)
//   window: Σ of c, each rounded to the nearest 1/20, over the last w impressions
//   ewma:   z ← λc + (1 − λ)z
//   run:    consecutive impressions with c ≥ minConfidence.

const taxonomy = presets.taxonomies.default;
const GROUPS = ['eating-disorder', 'self-harm', 'suicide'] as const;
/** Triggering topics of the default taxonomy used here, with their group. */
const TRIGGERING: Record<string, (typeof GROUPS)[number]> = {
  'pro-ana': 'eating-disorder',
  thinspiration: 'eating-disorder',
  'self-harm': 'self-harm',
  suicide: 'suicide',
};
const OTHER = ['ed-recovery', 'cooking'];

const confidence = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.5, 0.025, 0.975, 0.49, 0.51),
);

/** An item given as topic confidences, sometimes with a hashtag that matches `thinspiration`. */
const item = (conf: fc.Arbitrary<number>) =>
  fc.record({
    topics: fc.dictionary(fc.constantFrom(...Object.keys(TRIGGERING), ...OTHER), conf, {
      maxKeys: 4,
    }),
    tag: fc.boolean(),
  });

type Drawn = { topics: Record<string, number>; tag: boolean };

function impressions(drawn: readonly Drawn[]): Impression[] {
  return drawn.map((d, i) => ({
    item: { id: `i${i}`, topics: d.topics, ...(d.tag ? { hashtags: ['#thinspo'] } : {}) },
    at: i * 1_000,
  }));
}

/** The group confidence of an item, by the definition. */
function groupConfidence(d: Drawn, group: string): number {
  let c = d.tag && group === 'eating-disorder' ? 1 : 0;
  for (const [topic, value] of Object.entries(d.topics))
    if (TRIGGERING[topic] === group && value > c) c = value;
  return c;
}

/** Reference detectors over the confidence stream of one group. */
function reference(detection: DetectionInput, minConfidence: number, cs: readonly number[]) {
  const out: { statistic: number; run: number }[] = [];
  let s = 0;
  let run = 0;
  const window: number[] = [];
  for (const c of cs) {
    run = c >= minConfidence ? run + 1 : 0;
    switch (detection.kind) {
      case 'run':
        s = run;
        break;
      case 'window': {
        window.push(Math.floor(20 * c + 0.5));
        if (window.length > detection.window) window.shift();
        s = window.reduce((a, b) => a + b, 0) / 20;
        break;
      }
      case 'cusum':
        s = Math.max(0, s + c - cusumGamma(detection.p0, detection.p1));
        break;
      case 'ewma':
        s = Math.min(1, detection.lambda * c + (1 - detection.lambda) * s);
        break;
    }
    out.push({ statistic: s, run });
  }
  return out;
}

const DETECTORS: DetectionInput[] = [
  { kind: 'run', length: 3, evidence: 'confidence' },
  { kind: 'window', count: 3, window: 7, evidence: 'confidence' },
  { kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.55, evidence: 'confidence' },
  { kind: 'cusum', p0: 0.1, p1: 0.4, h: 3, evidence: 'confidence' },
  { kind: 'ewma', lambda: 0.2, limit: 0.4, evidence: 'confidence' },
];

describe('detection.evidence: confidence', () => {
  it.each(DETECTORS.map((d) => [JSON.stringify(d), d] as const))(
    'observe(%s) follows the reference update rule, impression by impression',
    (_, detection) => {
      fc.assert(
        fc.property(
          fc.array(item(confidence), { minLength: 1, maxLength: 60 }),
          fc.constantFrom(0.3, 0.5, 0.7),
          (drawn, minConfidence) => {
            const rb = createRebalancer({ taxonomy, policy: { minConfidence, detection } });
            let state: UserState = rb.emptyState();
            const stream = impressions(drawn);
            for (const group of GROUPS) {
              const cs = drawn.map((d) => groupConfidence(d, group));
              const want = reference(detection, minConfidence, cs);
              state = rb.emptyState();
              for (let i = 0; i < stream.length; i++) {
                state = rb.observe(state, stream[i]!);
                const got = state.groups.find((g) => g.id === group)!;
                expect(got.run).toBe(want[i]!.run);
                if (detection.kind === 'cusum')
                  // The detector snaps values within 1e-9 of 0 to 0; max(0, ·) keeps that gap.
                  expect(Math.abs(got.statistic - want[i]!.statistic)).toBeLessThanOrEqual(1e-9);
                else expect(got.statistic).toBe(want[i]!.statistic);
              }
            }
          },
        ),
        { numRuns: 40 },
      );
    },
  );

  it.each(['run', 'window', 'cusum', 'ewma'] as const)(
    'observe(%s) with confidences in {0, 1} is the labels detector exactly: same statistic, window, level, hold and rebalance',
    (kind) => {
      const base: DetectionInput =
        kind === 'run'
          ? { kind, length: 3, hold: 4 }
          : kind === 'window'
            ? { kind, count: 3, window: 6, hold: 4 }
            : kind === 'cusum'
              ? { kind, p0: 0.05, p1: 0.3, h: 1.5, hold: 4 }
              : { kind, lambda: 0.25, limit: 0.5, hold: 4 };
      const levels = presets.policies.balanced.levels!;
      const labels = createRebalancer({ taxonomy, policy: { detection: base, levels } });
      const confidences = createRebalancer({
        taxonomy,
        policy: { detection: { ...base, evidence: 'confidence' }, levels },
      });
      const strip = (s: UserState) =>
        s.groups.map((g) => [
          g.triggeringMass,
          g.totalMass,
          g.run,
          g.statistic,
          g.window,
          g.level,
          g.hold,
        ]);
      fc.assert(
        fc.property(
          fc.array(item(fc.constantFrom(0, 1)), { maxLength: 80 }),
          fc.array(fc.constantFrom('pro-ana', 'self-harm', 'suicide', 'cooking'), {
            maxLength: 12,
          }),
          (drawn, next) => {
            const stream = impressions(drawn);
            const a = labels.observe(labels.emptyState(), stream);
            const b = confidences.observe(confidences.emptyState(), stream);
            expect(strip(b)).toEqual(strip(a));
            expect(confidences.assess(b)).toEqual(labels.assess(a));
            const candidates = next.map((t, i) => ({ id: `c${i}`, topics: [t] }));
            expect(confidences.rebalance({ candidates, state: b }).items).toEqual(
              labels.rebalance({ candidates, state: a }).items,
            );
          },
        ),
        { numRuns: 80 },
      );
    },
  );

  it('windowSymbol stores 0 and 1 as the labels bits and c to the nearest 1/20, which symbolValue reads back', () => {
    expect([windowSymbol(0), windowSymbol(1)]).toEqual(['0', '1']);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (c) => {
        const q = symbolValue(windowSymbol(c).charCodeAt(0));
        expect(Math.abs(q / 20 - c)).toBeLessThanOrEqual(0.025 + 1e-12);
        expect(Number.isInteger(q) && q >= 0 && q <= 20).toBe(true);
      }),
    );
    for (let q = 0; q <= 20; q++) expect(symbolValue(windowSymbol(q / 20).charCodeAt(0))).toBe(q);
    expect(symbolValue('x'.charCodeAt(0))).toBe(-1);
  });

  it('observe(cusum on confidences) is more alarmed by 0.99 than by 0.51 and not blind to 0.49', () => {
    const rb = createRebalancer({
      taxonomy,
      policy: { detection: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.55, evidence: 'confidence' } },
    });
    const after = (c: number) =>
      rb.observe(
        rb.emptyState(),
        Array.from({ length: 3 }, (_, i) => ({
          item: { id: `x${i}`, topics: { 'pro-ana': c } },
          at: i,
        })),
      ).groups[0]!.statistic;
    expect(after(0.99)).toBeGreaterThan(after(0.51));
    expect(after(0.49)).toBeGreaterThan(0);
    expect(after(0.49)).toBeLessThan(after(0.51));
  });
});
