import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { dppGreedy } from '../../src/rerank/diversify/dppGreedy.js';
import { seededKernel } from './generators.js';
import { naiveGain } from './oracles.js';
import { referenceDpp, referenceDppSw } from './referenceDpp.js';

interface FixtureRun {
  readonly maxLength: number;
  readonly window: number | null;
  readonly expected: number[];
}
interface FixtureCase {
  readonly name: string;
  readonly kernel: number[][];
  readonly runs: FixtureRun[];
}
// Outputs of the reference implementation (github laming-chen/fast-map-dpp, dpp.py at
// a2e66222, numpy 2.4.6) on seeded kernels; see test/fixtures/dpp/README.md.
const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/dpp/reference-outputs.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] };

const runs = fixtures.cases.flatMap((c) =>
  c.runs.map((r) => ({ ...r, name: c.name, kernel: c.kernel })),
);

describe('dppGreedy against the reference implementation of Chen, Zhang & Zhou (2018)', () => {
  it.each(runs)(
    'dppGreedy($name, $maxLength, { window: $window }) returns the reference selection',
    ({ kernel, maxLength, window, expected }) => {
      const options = window === null ? {} : { window };
      expect(dppGreedy(kernel, maxLength, options)).toEqual(expected);
      // The same kernel as an ml-matrix Matrix selects the same items.
      expect(dppGreedy(new Matrix(kernel), maxLength, options)).toEqual(expected);
    },
  );

  it.each(runs)(
    'the TypeScript port of dpp/dpp_sw reproduces the reference selection on $name ($maxLength, window $window)',
    ({ kernel, maxLength, window, expected }) => {
      const picks =
        window === null
          ? referenceDpp(kernel, maxLength)
          : referenceDppSw(kernel, window, maxLength);
      expect(picks).toEqual(expected);
    },
  );

  it('dppGreedy(L, k, { window }) agrees with the ported reference on random kernels, up to near-ties', () => {
    fc.assert(
      fc.property(
        seededKernel,
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
        ({ kernel }, maxLength, window) => {
          const picks = dppGreedy(kernel, maxLength, window === null ? {} : { window });
          const reference =
            window === null
              ? referenceDpp(kernel, maxLength)
              : referenceDppSw(kernel, window, maxLength);
          // Unlike the reference, the first pick is held to epsilon too; these kernels have a
          // positive diagonal, so both always make a first pick.
          let t = 0;
          while (t < picks.length && t < reference.length && picks[t] === reference[t]) t++;
          if (t === picks.length && t === reference.length) return;
          // A difference is only allowed where the two gains tie to within rounding, judged by
          // the naive determinant-ratio oracle on the common prefix.
          const prefix = picks.slice(0, t);
          const ours = t < picks.length ? naiveGain(kernel, prefix, picks[t]!, window) : 0;
          const theirs =
            t < reference.length ? naiveGain(kernel, prefix, reference[t]!, window) : 0;
          expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-7 * Math.max(1, ours, theirs));
        },
      ),
      { numRuns: 300 },
    );
  });
});
