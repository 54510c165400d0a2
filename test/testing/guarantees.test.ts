import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presets } from '../../src/index.js';
import type { PolicyInput } from '../../src/index.js';
import {
  ALL_GUARANTEES,
  createGuaranteeContext,
  guaranteeChecks,
  guaranteeName,
} from '../../src/testing/index.js';
import type { RebalanceCase } from '../../src/testing/index.js';
import { deepCopy } from '../../src/testing/check/deepEqual.js';
import { engineFor, policyCases, presetCases } from './engines.js';

// The project's own property tests of the eight guarantees (docs/guarantees.md), written once as
// the kit's checks and applied to the engine under every preset and under generated policies:
// each generated request is checked against all eight, so each guarantee sees every run. The
// states carry "see less" feedback, in force and lapsed, so every check also runs on requests
// where "see less" removes candidates (test/testing/arbitraries.test.ts pins how often).
// fast-check prints the seed, path and shrunk counterexample on failure; replay with them.
const RUNS = 500;

/** Runs the engine of `policy` on the case and asserts every guarantee, naming the first that fails. */
function holdsAll(policy: PolicyInput, c: RebalanceCase): void {
  const rb = engineFor(policy);
  const context = createGuaranteeContext(rb, rb, deepCopy(c.request));
  for (const g of ALL_GUARANTEES) expect(guaranteeChecks[g](context), guaranteeName(g)).toBeNull();
}

describe('the eight guarantees, as property tests of rebalance', () => {
  it(`rebalance(request) under off, dispersion, balanced, protective and minor keeps guarantees 1–8 (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(presetCases(), ({ preset, case: c }) => {
        holdsAll(presets.policies[preset], c);
      }),
      { numRuns: RUNS },
    );
  });

  it(`rebalance(request) under generated policies without diversification keeps guarantees 1–8 (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(policyCases(false), ({ policy, case: c }) => {
        holdsAll(policy, c);
      }),
      { numRuns: RUNS },
    );
  });

  it(`rebalance(request) under generated policies that may diversify keeps guarantees 1–4, 7 and 8, and 5–6 where no level diversifies (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(policyCases(true), ({ policy, case: c }) => {
        holdsAll(policy, c);
      }),
      { numRuns: RUNS },
    );
  });
});
