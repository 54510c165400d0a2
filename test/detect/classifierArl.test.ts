import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { cusumArl, designCusum, presets, RebalanceError, resolvePolicy } from '../../src/index.js';
import { cusumGamma } from '../../src/detect/cusumGamma.js';

// A detector on labels sees the label rate p′ = recall·p + FPR·(1 − p), not the content rate p.
// With `classifier`, the ARL helpers evaluate the chain at p′: checked against the helpers at p′
// (exactly) and against a seeded Monte Carlo of a CUSUM fed labels drawn through such a
// classifier.

const classifier = fc
  .record({
    recall: fc.double({ min: 0.3, max: 1, noNaN: true }),
    share: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .map(({ recall, share }) => ({ recall, falsePositiveRate: recall * share * 0.5 }));

const observed = (p: number, c: { recall: number; falsePositiveRate: number }) =>
  c.recall * p + c.falsePositiveRate * (1 - p);

function argumentError(fn: () => unknown): RebalanceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected a RebalanceError');
}

/** Mean and standard error of the alarm time of S ← max(0, S + label − γ), S ≥ h. */
function monteCarlo(
  p: number,
  c: { recall: number; falsePositiveRate: number },
  gamma: number,
  h: number,
  reps: number,
  seed: string,
) {
  const random = seedrandom(seed);
  let sum = 0;
  let squares = 0;
  for (let r = 0; r < reps; r++) {
    let s = 0;
    let n = 0;
    // The detector's comparison forgives 1e-9 of rounding drift; γ here is irrational, so the
    // statistic never lands within that of h and the plain comparison is the same.
    while (s < h) {
      n++;
      const truth = random() < p;
      const label = random() < (truth ? c.recall : c.falsePositiveRate) ? 1 : 0;
      s = Math.max(0, s + label - gamma);
    }
    sum += n;
    squares += n * n;
  }
  const mean = sum / reps;
  return { mean, se: Math.sqrt((squares - reps * mean * mean) / (reps - 1) / reps) };
}

describe('classifier rates in the CUSUM helpers', () => {
  it('cusumArl({ p, gamma, h, classifier }) equals cusumArl at p′ = recall·p + FPR·(1 − p), exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.6, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        classifier,
        (p, gamma, h, c) => {
          expect(cusumArl({ p, gamma, h, classifier: c })).toBe(
            cusumArl({ p: observed(p, c), gamma, h }),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('designCusum({ …, classifier }) is designCusum at p0′ and p1′ exactly, and returns p0′, p1′ to write in the policy', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.15, noNaN: true }),
        fc.double({ min: 0.15, max: 0.5, noNaN: true }),
        fc.double({ min: 20, max: 2000, noNaN: true }),
        classifier,
        (p0, gap, targetArl0, c) => {
          const p1 = Math.min(0.95, p0 + gap);
          const d = designCusum({ p0, p1, targetArl0, classifier: c });
          const plain = designCusum({ p0: observed(p0, c), p1: observed(p1, c), targetArl0 });
          expect(d).toEqual(plain);
          expect([d.p0, d.p1]).toEqual([observed(p0, c), observed(p1, c)]);
          // Written into a policy, those rates give the detector the design's γ.
          const policy = resolvePolicy({
            detection: { kind: 'cusum', p0: d.p0, p1: d.p1, h: d.h },
          });
          expect(policy.detection.kind === 'cusum' && policy.detection.gamma).toBe(d.gamma);
          expect(d.gamma).toBe(cusumGamma(d.p0, d.p1));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('designCusum without a classifier returns its own p0 and p1', () => {
    const d = designCusum({ p0: 0.05, p1: 0.3, targetArl0: 2000 });
    expect([d.p0, d.p1, d.h]).toEqual([0.05, 0.3, 2.55]);
  });

  // Each case: content rate p, classifier, CUSUM, and seeded streams. A correct helper is within
  // 4 standard errors of the simulated mean with probability > 0.9999.
  it.each([
    ['balanced at p0 = 0.05, recall 0.9, FPR 0.02', 0.05, 0.9, 0.02, 0.3, 2.55, 3_000],
    ['balanced at p = 0.37, recall 0.9, FPR 0.02', 0.37, 0.9, 0.02, 0.3, 2.55, 20_000],
    ['p1 0.2, h 2.25 at p = 0.26, recall 0.7, FPR 0.05', 0.26, 0.7, 0.05, 0.2, 2.25, 20_000],
  ])(
    'cusumArl(%s) matches a seeded Monte Carlo of a CUSUM fed labels drawn through that classifier, within 4 standard errors',
    (label, p, recall, falsePositiveRate, p1, h, reps) => {
      const gamma = cusumGamma(0.05, p1);
      const c = { recall, falsePositiveRate };
      const arl = cusumArl({ p, gamma, h, classifier: c });
      const sim = monteCarlo(p, c, gamma, h, reps, label);
      expect(Math.abs(sim.mean - arl)).toBeLessThan(4 * sim.se);
      // And the classifier matters: the content rate alone is far off.
      expect(Math.abs(cusumArl({ p, gamma, h }) - sim.mean)).toBeGreaterThan(4 * sim.se);
    },
  );

  it('the worked example of docs/detection.md: the balanced detector at p0 = 0.05 with recall 0.9 and FPR 0.02', () => {
    const d = resolvePolicy(presets.policies.balanced).detection;
    if (d.kind !== 'cusum') throw new Error('balanced is a CUSUM');
    const c = { recall: 0.9, falsePositiveRate: 0.02 };
    const at = (p: number, h = d.h) => cusumArl({ p, gamma: d.gamma, h, classifier: c });
    expect(observed(0.05, c)).toBeCloseTo(0.064, 12);
    expect(cusumArl({ p: 0.05, gamma: d.gamma, h: d.h })).toBeCloseTo(2315.4, 1);
    expect(at(0.05)).toBeCloseTo(946.7, 1); // 2.4 times the false alarms
    expect(at(0.05, d.h / 2)).toBeCloseTo(95.8, 1); // `elevated`, against 150.9
    expect(at(0.37)).toBeCloseTo(13.09, 2); // against 11.84 with perfect labels
    const fpr = (f: number) =>
      cusumArl({
        p: 0.05,
        gamma: d.gamma,
        h: d.h,
        classifier: { recall: 1, falsePositiveRate: f },
      });
    expect([fpr(0.01), fpr(0.02), fpr(0.05)].map(Math.round)).toEqual([1230, 725, 225]);
    const at90 = (f: number) =>
      cusumArl({
        p: 0.05,
        gamma: d.gamma,
        h: d.h,
        classifier: { recall: 0.9, falsePositiveRate: f },
      });
    expect([at90(0), at90(0.01), at90(0.02), at90(0.05)].map(Math.round)).toEqual([
      3405, 1691, 947, 266,
    ]);
    const design = designCusum({ p0: 0.05, p1: 0.3, targetArl0: 2000, classifier: c });
    expect(design.p0).toBeCloseTo(0.064, 12);
    expect(design.p1).toBeCloseTo(0.284, 12);
    expect(design.h).toBe(2.95);
    expect(design.arl0).toBeCloseTo(2177.85, 2);
    expect(design.arl1).toBeCloseTo(21.25, 2);
    expect(cusumArl({ p: 0.37, gamma: design.gamma, h: design.h, classifier: c })).toBeCloseTo(
      15.44,
      2,
    );
  });

  it.each([
    [{ p: 0.05, gamma: 0.1, h: 2, classifier: 'x' }, 'classifier', 'must be an object'],
    [
      { p: 0.05, gamma: 0.1, h: 2, classifier: { recall: 0, falsePositiveRate: 0 } },
      'classifier.recall',
      'must be a number in (0, 1] (got 0)',
    ],
    [
      { p: 0.05, gamma: 0.1, h: 2, classifier: { recall: 1.5, falsePositiveRate: 0 } },
      'classifier.recall',
      '(got 1.5)',
    ],
    [
      { p: 0.05, gamma: 0.1, h: 2, classifier: { recall: Number.NaN, falsePositiveRate: 0 } },
      'classifier.recall',
      '(got NaN)',
    ],
    [
      { p: 0.05, gamma: 0.1, h: 2, classifier: { recall: 0.5, falsePositiveRate: 0.5 } },
      'classifier.falsePositiveRate',
      'must be a number in [0, recall) = [0, 0.5) (got 0.5)',
    ],
    [
      { p: 0.05, gamma: 0.1, h: 2, classifier: { recall: 0.5, falsePositiveRate: -0.1 } },
      'classifier.falsePositiveRate',
      '(got -0.1)',
    ],
    [
      { p: 0.05, gamma: 0.1, h: 2, classifier: { recall: 0.5 } },
      'classifier.falsePositiveRate',
      '(got undefined)',
    ],
    [
      {
        p: 0.05,
        gamma: 0.1,
        h: 2,
        classifier: { recall: 0.9, falsePositiveRate: 0.1, precision: 1 },
      },
      'classifier.precision',
      'is not a known argument',
    ],
  ])(
    'cusumArl(%j) and designCusum with that classifier throw code argument at %s',
    (input, path, fragment) => {
      const a = argumentError(() => cusumArl(input as never));
      expect([a.code, a.path]).toEqual(['argument', path]);
      expect(a.message).toContain(fragment);
      expect(a.message.startsWith('cusumArl: ')).toBe(true);
      const { classifier: c } = input as { classifier: unknown };
      const b = argumentError(() =>
        designCusum({ p0: 0.05, p1: 0.3, targetArl0: 100, classifier: c } as never),
      );
      expect([b.code, b.path]).toEqual(['argument', path]);
      expect(b.message.startsWith('designCusum: ')).toBe(true);
    },
  );

  it('a classifier whose getter throws is a RebalanceError argument at classifier', () => {
    const hostile = Object.defineProperty({}, 'recall', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const e = argumentError(() =>
      cusumArl({ p: 0.1, gamma: 0.2, h: 2, classifier: hostile as never }),
    );
    expect([e.code, e.path]).toEqual(['argument', 'classifier']);
  });
});
