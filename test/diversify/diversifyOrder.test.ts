import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedDiversify } from '../../src/policy/resolved.js';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { diversifyOrder } from '../../src/rerank/diversify/diversifyOrder.js';
import { dppGreedy } from '../../src/rerank/diversify/dppGreedy.js';
import { seededVectors } from './generators.js';
import { cosine, mmrScore, naiveGain } from './oracles.js';

/** A ranked list: n embeddings (or null) and the relevance 1 − i/n of the host's rank. */
const rankedList = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    n: fc.integer({ min: 0, max: 14 }),
    dim: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ seed, n, dim }) => ({
    vectors: seededVectors(seed, n, dim),
    relevance: Float64Array.from({ length: n }, (_, i) => 1 - i / n),
  }));

const mmrSetting = fc.record({
  kind: fc.constant('mmr' as const),
  lambda: fc.double({ min: 0, max: 1, noNaN: true }),
  depth: fc.integer({ min: 0, max: 16 }),
});
const dppSetting = fc.record({
  kind: fc.constant('dpp' as const),
  theta: fc.double({ min: 0, max: 0.95, noNaN: true }),
  window: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  depth: fc.integer({ min: 0, max: 16 }),
});
const setting: fc.Arbitrary<ResolvedDiversify> = fc.oneof(mmrSetting, dppSetting);

function embeddingsOf(vectors: readonly number[][]): Float64Array[] {
  return vectors.map((v) => Float64Array.from(v));
}

/** The kernel of Chen et al. (2018) §5 written out: r_i·r_j·(1 + cos)/2, r_i = exp(α·rel_i). */
function recommendationKernelOracle(
  vectors: readonly number[][],
  relevance: Float64Array,
  theta: number,
): number[][] {
  const alpha = theta / (2 * (1 - theta));
  return vectors.map((a, i) =>
    vectors.map(
      (b, j) =>
        Math.exp(alpha * relevance[i]!) *
        Math.exp(alpha * relevance[j]!) *
        ((1 + cosine(a, b)) / 2),
    ),
  );
}

describe('diversifyOrder', () => {
  it('diversifyOrder(embeddings, relevance, d) is a permutation that reorders only the first min(n, depth) indices', () => {
    fc.assert(
      fc.property(rankedList, setting, ({ vectors, relevance }, d) => {
        const n = vectors.length;
        const order = diversifyOrder(embeddingsOf(vectors), relevance, d);
        expect([...order].sort((a, b) => a - b)).toEqual(vectors.map((_, i) => i));
        const m = Math.min(n, d.depth);
        for (let i = 0; i < m; i++) expect(order[i]!).toBeLessThan(m);
        for (let i = m; i < n; i++) expect(order[i]).toBe(i);
      }),
      { numRuns: 300 },
    );
  });

  it('diversifyOrder(…, { kind: "mmr" }) orders the head by MMR over the given relevance (naive oracle, step by step)', () => {
    fc.assert(
      fc.property(rankedList, mmrSetting, ({ vectors, relevance }, d) => {
        const order = diversifyOrder(embeddingsOf(vectors), relevance, d);
        const m = Math.min(vectors.length, d.depth);
        if (m < 2) return;
        const head = vectors.slice(0, m);
        const rel = Array.from(relevance.subarray(0, m));
        const picks = Array.from(order.subarray(0, m));
        for (let t = 0; t < m; t++) {
          const prefix = picks.slice(0, t);
          let best = -Infinity;
          for (let i = 0; i < m; i++)
            if (!prefix.includes(i))
              best = Math.max(best, mmrScore(rel, head, prefix, i, d.lambda));
          expect(mmrScore(rel, head, prefix, picks[t]!, d.lambda)).toBeGreaterThanOrEqual(
            best - 1e-12,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('diversifyOrder(…, { kind: "dpp", theta, window }) is dppGreedy on Diag(r)·(1 + cos)/2·Diag(r), then the unselected in rank order', () => {
    fc.assert(
      fc.property(rankedList, dppSetting, ({ vectors, relevance }, d) => {
        const order = Array.from(diversifyOrder(embeddingsOf(vectors), relevance, d));
        const m = Math.min(vectors.length, d.depth);
        if (m < 2) return;
        const kernel = recommendationKernelOracle(vectors.slice(0, m), relevance, d.theta);
        const options = d.window === null ? {} : { window: d.window };
        const picks = dppGreedy(kernel, m, options);
        const rest = kernel.map((_, i) => i).filter((i) => !picks.includes(i));
        const expected = [...picks, ...rest];
        const head = order.slice(0, m);
        if (head.join() === expected.join()) return;
        // Only a near-tie (judged by determinants) may separate the two.
        let t = 0;
        while (head[t] === expected[t]) t++;
        const prefix = head.slice(0, t);
        const scale = Math.max(...kernel.map((row, i) => row[i]!));
        const a = naiveGain(kernel, prefix, head[t]!, d.window);
        const b = naiveGain(kernel, prefix, expected[t]!, d.window);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * scale);
      }),
      { numRuns: 300 },
    );
  });

  it('diversifyOrder(…, { kind: "dpp" }) with d-dimensional embeddings selects at most d + 1 (the rank of S) and keeps the rest in rank order', () => {
    fc.assert(
      fc.property(rankedList, dppSetting, ({ vectors, relevance }, d) => {
        const order = Array.from(diversifyOrder(embeddingsOf(vectors), relevance, d));
        const m = Math.min(vectors.length, d.depth);
        const dim = vectors[0]?.length ?? 0;
        if (d.window !== null || m <= dim + 1) return;
        const tail = order.slice(dim + 1, m);
        expect(tail).toEqual([...tail].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('diversifyOrder returns the identity when a considered candidate has no embedding, and ignores missing ones past the depth', () => {
    fc.assert(
      fc.property(rankedList, setting, fc.nat(), ({ vectors, relevance }, d, hole) => {
        const n = vectors.length;
        fc.pre(n > 0);
        const embeddings: (Float64Array | null)[] = embeddingsOf(vectors);
        const at = hole % n;
        embeddings[at] = null;
        const order = Array.from(diversifyOrder(embeddings, relevance, d));
        if (at < Math.min(n, d.depth)) expect(order).toEqual(vectors.map((_, i) => i));
        else {
          const full = Array.from(diversifyOrder(embeddingsOf(vectors), relevance, d));
          expect(order).toEqual(full);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('diversifyOrder(…, { kind: "mmr", lambda: 1 }) keeps the host order when relevance falls with rank', () => {
    fc.assert(
      fc.property(rankedList, fc.integer({ min: 0, max: 16 }), ({ vectors, relevance }, depth) => {
        const order = diversifyOrder(embeddingsOf(vectors), relevance, {
          kind: 'mmr',
          lambda: 1,
          depth,
        });
        expect(Array.from(order)).toEqual(vectors.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('diversifyOrder is deterministic and leaves embeddings and relevance untouched', () => {
    fc.assert(
      fc.property(rankedList, setting, ({ vectors, relevance }, d) => {
        const embeddings = embeddingsOf(vectors);
        const before = JSON.stringify([
          embeddings.map((e) => Array.from(e)),
          Array.from(relevance),
        ]);
        const first = diversifyOrder(embeddings, relevance, d);
        expect(diversifyOrder(embeddings, relevance, d)).toEqual(first);
        expect(JSON.stringify([embeddings.map((e) => Array.from(e)), Array.from(relevance)])).toBe(
          before,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('diversifyOrder moves a near-duplicate of the top item down (mmr and dpp)', () => {
    const embeddings = [
      [1, 0, 0],
      [0.99, 0.1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ].map((e) => Float64Array.from(e));
    const relevance = Float64Array.from([1, 0.75, 0.5, 0.25]);
    expect(
      Array.from(diversifyOrder(embeddings, relevance, { kind: 'mmr', lambda: 0.5, depth: 10 })),
    ).toEqual([0, 2, 3, 1]);
    const dpp = Array.from(
      diversifyOrder(embeddings, relevance, { kind: 'dpp', theta: 0.5, window: null, depth: 10 }),
    );
    expect(dpp[0]).toBe(0);
    expect(dpp.indexOf(1)).toBeGreaterThan(dpp.indexOf(2));
  });

  it('diversifyOrder rejects a relevance vector shorter than the list and embeddings of unequal length', () => {
    const e = [Float64Array.from([1, 0]), Float64Array.from([0, 1])];
    expect(() =>
      diversifyOrder(e, new Float64Array(1), { kind: 'mmr', lambda: 0.5, depth: 5 }),
    ).toThrow(RebalanceError);
    expect(() =>
      diversifyOrder([e[0]!, Float64Array.from([1, 0, 0])], new Float64Array(2), {
        kind: 'mmr',
        lambda: 0.5,
        depth: 5,
      }),
    ).toThrow(/embeddings\[1\] must have length 2/);
  });
});
