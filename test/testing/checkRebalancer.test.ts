import { describe, expect, it } from 'vitest';
import { createRebalancer, presets, RebalanceError } from '../../src/index.js';
import type { RebalanceRequest, RebalanceResult } from '../../src/index.js';
import { assertRebalancer, checkRebalancer, GuaranteeViolation } from '../../src/testing/index.js';
import type { GuaranteeNumber } from '../../src/testing/index.js';

const taxonomy = presets.taxonomies.default;
const policy = presets.policies.protective;
const rb = createRebalancer({ taxonomy, policy });
const SEED = 7;

/** Serves the first item twice: breaks guarantee 1 whenever something is served. */
function servesTwice(request: RebalanceRequest): RebalanceResult {
  const out = rb.rebalance(request);
  if (out.slots.length === 0) return out;
  return { ...out, slots: [...out.slots, out.slots[0]!], items: [...out.items, out.items[0]!] };
}

/** Forgets the dropped list: breaks guarantee 2 whenever something is dropped. */
function forgetsDropped(request: RebalanceRequest): RebalanceResult {
  return { ...rb.rebalance(request), dropped: [] };
}

describe('checkRebalancer', () => {
  it('checkRebalancer(engine under protective) returns { ok: true }', () => {
    expect(checkRebalancer(rb, { numRuns: 150, seed: SEED })).toEqual({ ok: true });
  });

  it('checkRebalancer(target serving an id twice) returns guarantee 1, a shrunk one-candidate counterexample, the seed and a message', () => {
    const result = checkRebalancer(servesTwice, { taxonomy, policy, numRuns: 100, seed: SEED });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.guarantee).toBe(1);
    expect(result.seed).toBe(SEED);
    expect(result.message).toMatch(
      /^guarantee 1 \(no invention\) does not hold: id "c0" is served twice/,
    );
    // Shrinking leaves the smallest request that still fails: one candidate, no stream.
    expect(result.counterexample.request.candidates).toHaveLength(1);
    expect(result.counterexample.impressions).toHaveLength(0);
  });

  it('checkRebalancer(target, { seed }) replays the same counterexample for the same seed', () => {
    const a = checkRebalancer(forgetsDropped, { taxonomy, policy, numRuns: 100, seed: 99 });
    const b = checkRebalancer(forgetsDropped, { taxonomy, policy, numRuns: 100, seed: 99 });
    expect(a.ok).toBe(false);
    expect(b).toEqual(a);
  });

  it('checkRebalancer(target, { guarantees }) checks only the guarantees asked for', () => {
    expect(
      checkRebalancer(forgetsDropped, {
        taxonomy,
        policy,
        numRuns: 100,
        seed: SEED,
        guarantees: [1, 4, 8],
      }),
    ).toEqual({ ok: true });
    const two = checkRebalancer(forgetsDropped, {
      taxonomy,
      policy,
      numRuns: 100,
      seed: SEED,
      guarantees: [2],
    });
    expect(two.ok ? null : two.guarantee).toBe(2);
  });

  it('checkRebalancer(function target) holds it to options.policy: the engine under off breaks the protective caps', () => {
    const off = createRebalancer({ taxonomy, policy: presets.policies.off });
    const result = checkRebalancer((request) => off.rebalance(request), {
      taxonomy,
      policy,
      numRuns: 200,
      seed: SEED,
      guarantees: [4],
    });
    expect(result.ok ? null : result.guarantee).toBe(4);
  });

  it('checkRebalancer(target, { properties }) reports a failing custom property by its name', () => {
    const result = checkRebalancer(rb, {
      numRuns: 100,
      seed: SEED,
      properties: [
        { name: 'never empty', check: () => true },
        { name: 'at most three slots', check: ({ result: r }) => r.slots.length <= 3 },
      ],
    });
    expect(result.ok ? null : result.guarantee).toBe('at most three slots');
    if (!result.ok) expect(result.counterexample.request.candidates.length).toBe(4);
  });

  it('checkRebalancer(target, { properties }) takes a returned string as the failure message and a throw as a failure', () => {
    const byString = checkRebalancer(rb, {
      numRuns: 50,
      seed: SEED,
      properties: [
        {
          name: 'no slots',
          check: ({ result: r }) => (r.slots.length === 0 ? null : `${r.slots.length} slots`),
        },
      ],
    });
    expect(byString.ok ? null : byString.message).toBe(
      'property "no slots" does not hold: 1 slots',
    );
    const byThrow = checkRebalancer(rb, {
      numRuns: 50,
      seed: SEED,
      properties: [
        {
          name: 'expect inside',
          check: ({ result: r }) => {
            expect(r.slots).toHaveLength(0);
          },
        },
      ],
    });
    expect(byThrow.ok ? null : byThrow.guarantee).toBe('expect inside');
  });

  it("checkRebalancer(target that throws) reports guarantee 'error' with the thrown message", () => {
    const result = checkRebalancer(
      () => {
        throw new TypeError('boom');
      },
      { numRuns: 10, seed: SEED },
    );
    expect(result.ok ? null : [result.guarantee, result.message]).toEqual([
      'error',
      'no error on valid input does not hold: the target threw on a valid request: TypeError: boom',
    ]);
  });

  it('checkRebalancer(rb, bad options) throws RebalanceError with code argument and the option path', () => {
    const codeAndPath = (f: () => unknown): [string, string | undefined] | null => {
      try {
        f();
        return null;
      } catch (error) {
        return error instanceof RebalanceError ? [error.code, error.path] : null;
      }
    };
    expect(codeAndPath(() => checkRebalancer(rb, { guarantees: [9 as GuaranteeNumber] }))).toEqual([
      'argument',
      'guarantees[0]',
    ]);
    expect(codeAndPath(() => checkRebalancer(rb, { numRuns: 0 }))).toEqual(['argument', 'numRuns']);
    expect(codeAndPath(() => checkRebalancer(rb, { seed: 1.5 }))).toEqual(['argument', 'seed']);
    expect(
      codeAndPath(() =>
        checkRebalancer(() => rb.rebalance({ candidates: [], state: rb.emptyState() }), {
          policy: { minConfidence: 2 },
        }),
      ),
    ).toEqual(['policy', 'minConfidence']);
  });
});

describe('assertRebalancer', () => {
  it('assertRebalancer(engine) returns without throwing', () => {
    expect(() => {
      assertRebalancer(rb, { numRuns: 100, seed: SEED });
    }).not.toThrow();
  });

  it('assertRebalancer(broken target) throws a GuaranteeViolation carrying the guarantee, seed and counterexample', () => {
    let thrown: unknown;
    try {
      assertRebalancer(forgetsDropped, { taxonomy, policy, numRuns: 100, seed: SEED });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GuaranteeViolation);
    const v = thrown as GuaranteeViolation;
    const checked = checkRebalancer(forgetsDropped, { taxonomy, policy, numRuns: 100, seed: SEED });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect([v.guarantee, v.seed, v.counterexample]).toEqual([
      checked.guarantee,
      checked.seed,
      checked.counterexample,
    ]);
    expect(v.message.startsWith(checked.message)).toBe(true);
    expect(v.message).toContain(`Replay with seed ${SEED}`);
    expect(v.message).toContain('"candidates"');
  });
});
