import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mmr } from '../../src/rerank/diversify/mmr.js';
import { mmrInput, seededVectors } from './generators.js';
import { cosine, mmrScore, naiveMmr } from './oracles.js';

// Scores are sums of a few products of numbers in [−1, 1]; the library and the oracle compute
// cosines in different orders, so they agree to about 1e-15. Choices closer than this are ties.
const TOLERANCE = 1e-12;

function relevanceOf(query: readonly number[], embeddings: readonly number[][]): number[] {
  return embeddings.map((e) => cosine(query, e));
}

describe('mmr', () => {
  it('mmr(query, embeddings, { k, lambda }) returns min(k, n) distinct indices in [0, n)', () => {
    fc.assert(
      fc.property(mmrInput, fc.nat({ max: 20 }), ({ query, embeddings, lambda }, k) => {
        const picks = mmr(query, embeddings, { k, lambda });
        expect(picks).toHaveLength(Math.min(k, embeddings.length));
        expect(new Set(picks).size).toBe(picks.length);
        for (const p of picks)
          expect(p >= 0 && p < embeddings.length && Number.isInteger(p)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('mmr(query, embeddings) without k orders every embedding', () => {
    fc.assert(
      fc.property(mmrInput, ({ query, embeddings, lambda }) => {
        const picks = mmr(query, embeddings, { lambda });
        expect([...picks].sort((a, b) => a - b)).toEqual(embeddings.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('mmr(query, embeddings, { k }) makes the Carbonell–Goldstein choice at every step (naive oracle)', () => {
    fc.assert(
      fc.property(mmrInput, fc.nat({ max: 16 }), ({ query, embeddings, lambda }, k) => {
        const picks = mmr(query, embeddings, { k, lambda });
        const relevance = relevanceOf(query, embeddings);
        for (let t = 0; t < picks.length; t++) {
          const prefix = picks.slice(0, t);
          let best = -Infinity;
          for (let i = 0; i < embeddings.length; i++)
            if (!prefix.includes(i))
              best = Math.max(best, mmrScore(relevance, embeddings, prefix, i, lambda));
          expect(mmrScore(relevance, embeddings, prefix, picks[t]!, lambda)).toBeGreaterThanOrEqual(
            best - TOLERANCE,
          );
        }
        // With no near-ties on the oracle's own run, the sequences are identical.
        const naive = naiveMmr(relevance, embeddings, k, lambda);
        if (naive.best.every((b, t) => b - naive.second[t]! > 1e-9))
          expect(picks).toEqual(naive.picks);
      }),
      { numRuns: 300 },
    );
  });

  it('mmr(query, embeddings, { lambda: 1 }) is the relevance order, highest cosine first', () => {
    fc.assert(
      fc.property(mmrInput, ({ query, embeddings }) => {
        const picks = mmr(query, embeddings, { lambda: 1 });
        const relevance = relevanceOf(query, embeddings);
        for (let t = 1; t < picks.length; t++)
          expect(relevance[picks[t - 1]!]!).toBeGreaterThanOrEqual(
            relevance[picks[t]!]! - TOLERANCE,
          );
        const stable = relevance
          .map((r, i) => ({ r, i }))
          .sort((a, b) => b.r - a.r || a.i - b.i)
          .map(({ i }) => i);
        // Identical up to swaps of items whose relevance ties to within rounding.
        for (let t = 0; t < picks.length; t++)
          expect(Math.abs(relevance[picks[t]!]! - relevance[stable[t]!]!)).toBeLessThanOrEqual(
            TOLERANCE,
          );
      }),
      { numRuns: 300 },
    );
  });

  it('mmr(query, embeddings, { k: 1, lambda }) picks the most relevant embedding whatever lambda', () => {
    fc.assert(
      fc.property(mmrInput, ({ query, embeddings, lambda }) => {
        fc.pre(embeddings.length > 0);
        const [first] = mmr(query, embeddings, { k: 1, lambda });
        const relevance = relevanceOf(query, embeddings);
        expect(relevance[first!]!).toBeGreaterThanOrEqual(Math.max(...relevance) - TOLERANCE);
        expect(mmr(query, embeddings, { lambda })[0]).toBe(first);
      }),
      { numRuns: 300 },
    );
  });

  it('mmr(query, embeddings) selects the lower index first among identical embeddings', () => {
    fc.assert(
      fc.property(mmrInput, ({ query, embeddings, lambda }) => {
        const picks = mmr(query, embeddings, { lambda });
        const position = new Map(picks.map((p, t) => [p, t]));
        for (let a = 0; a < embeddings.length; a++)
          for (let b = a + 1; b < embeddings.length; b++)
            if (embeddings[a]!.every((x, t) => x === embeddings[b]![t]))
              expect(position.get(a)!).toBeLessThan(position.get(b)!);
      }),
      { numRuns: 300 },
    );
  });

  it('mmr(query, embeddings) is deterministic, does not mutate its inputs, and reads Float32Array and Float64Array like arrays', () => {
    fc.assert(
      fc.property(mmrInput, fc.nat({ max: 16 }), ({ query, embeddings, lambda }, k) => {
        const before = JSON.stringify({ query, embeddings });
        const picks = mmr(query, embeddings, { k, lambda });
        expect(mmr(query, embeddings, { k, lambda })).toEqual(picks);
        expect(JSON.stringify({ query, embeddings })).toBe(before);
        const f64 = mmr(
          Float64Array.from(query),
          embeddings.map((e) => Float64Array.from(e)),
          { k, lambda },
        );
        expect(f64).toEqual(picks);
        // Float32Array values are the float32 roundings: the same as arrays of those values.
        const q32 = Float32Array.from(query);
        const e32 = embeddings.map((e) => Float32Array.from(e));
        expect(mmr(q32, e32, { k, lambda })).toEqual(
          mmr(
            Array.from(q32),
            e32.map((e) => Array.from(e)),
            { k, lambda },
          ),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('mmr treats zero vectors as cosine 0: a zero query ranks by index, a zero embedding is neither relevant nor redundant', () => {
    const embeddings = seededVectors(3, 5, 4);
    expect(mmr([0, 0, 0, 0], embeddings, { lambda: 1 })).toEqual([0, 1, 2, 3, 4]);
    const withZero = [
      [1, 0],
      [0, 0],
      [-1, 0],
    ];
    // Relevance to [1, 0]: 1, 0, −1. With λ = 0, after the first (most relevant) pick the score
    // is −cos(·, e0): 0 for the zero vector, +1 for the opposite vector, which therefore comes next.
    expect(mmr([1, 0], withZero, { lambda: 0 })).toEqual([0, 2, 1]);
    expect(mmr([1, 0], withZero, { lambda: 1 })).toEqual([0, 1, 2]);
  });

  it('mmr defaults: lambda 0.5, k = n, and k above n selects all', () => {
    const { query, embeddings } = { query: [1, 0.2], embeddings: seededVectors(11, 6, 2) };
    expect(mmr(query, embeddings)).toEqual(mmr(query, embeddings, { lambda: 0.5, k: 6 }));
    expect(mmr(query, embeddings, { k: 50 })).toHaveLength(6);
    expect(mmr(query, [], { k: 3 })).toEqual([]);
  });

  it('mmr([1, 0], …) worked example: λ decides between a near-copy of the first pick and a different item', () => {
    // Relevance: 1, 0.99388, 0.8; and the query is e0, so cos(e_i, e0) equals relevance_i.
    // Step 2 scores (2λ − 1)·relevance_i: with λ = 0.7, 0.39755 (near-copy) against 0.32; with
    // λ = 0.3 the signs flip and the different item wins.
    const embeddings = [
      [1, 0],
      [0.99, 0.11],
      [0.8, 0.6],
    ];
    expect(mmr([1, 0], embeddings, { lambda: 0.7 })).toEqual([0, 1, 2]);
    expect(mmr([1, 0], embeddings, { lambda: 0.3 })).toEqual([0, 2, 1]);
  });
});
