/**
 * Diversification building blocks, each figure a ratio against a baseline run in the same process:
 *
 * - `dppGreedy` (Chen, Zhang & Zhou 2018: incremental Cholesky, O(n·k²)) against the naive
 *   log-det greedy that factorises L_{Y∪{i}} from scratch for every candidate i at every step
 *   (O(n·k⁴) in all), on L = B·Bᵀ with B 500 × 64 seeded uniform, k = 50. The public call
 *   includes reading and validating the 500 × 500 kernel; the baseline gets a ready typed array.
 * - `mmr` (O(n·k·d)) against a naive MMR that recomputes every cosine to every selected item at
 *   each step (O(n·k²·d)), and against a relevance-only ranking (cosine to the query, then sort).
 */
import seedrandom from 'seedrandom';
import { dppGreedy, mmr } from '../src/rerank/diversify/index.js';
import { figure, measure, ratioAtLeast, type BenchRow, type BenchSuite } from './harness.js';

const N = 500;
const DIM = 64;
const K = 50;
const EPSILON = 1e-10;

function seededRows(seed: string, rows: number, columns: number): number[][] {
  const random = seedrandom(seed);
  return Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => 2 * random() - 1),
  );
}

function gramRows(b: readonly (readonly number[])[]): number[][] {
  return b.map((x) =>
    b.map((y) => {
      let dot = 0;
      for (let t = 0; t < x.length; t++) dot += x[t]! * y[t]!;
      return dot;
    }),
  );
}

/** log det of the principal submatrix on `indices` by a fresh Cholesky factorisation; −∞ if not PD. */
function logDetCholesky(
  kernel: Float64Array,
  n: number,
  indices: Int32Array,
  size: number,
  scratch: Float64Array,
): number {
  for (let a = 0; a < size; a++)
    for (let b = 0; b <= a; b++) scratch[a * size + b] = kernel[indices[a]! * n + indices[b]!]!;
  let logDet = 0;
  for (let j = 0; j < size; j++) {
    let d = scratch[j * size + j]!;
    for (let s = 0; s < j; s++) d -= scratch[j * size + s]! ** 2;
    if (!(d > 0)) return -Infinity;
    const root = Math.sqrt(d);
    scratch[j * size + j] = root;
    logDet += 2 * Math.log(root);
    for (let i = j + 1; i < size; i++) {
      let x = scratch[i * size + j]!;
      for (let s = 0; s < j; s++) x -= scratch[i * size + s]! * scratch[j * size + s]!;
      scratch[i * size + j] = x / root;
    }
  }
  return logDet;
}

/** The naive greedy: at each step the candidate maximising log det(L_{Y∪{i}}), each from scratch. */
function naiveGreedyLogDet(kernel: Float64Array, n: number, k: number): number[] {
  const picks: number[] = [];
  const indices = new Int32Array(k);
  const scratch = new Float64Array(k * k);
  const taken = new Uint8Array(n);
  let current = 0;
  while (picks.length < k) {
    const size = picks.length + 1;
    let best = -1;
    let bestLogDet = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i] === 1) continue;
      indices[size - 1] = i;
      const value = logDetCholesky(kernel, n, indices, size, scratch);
      if (value > bestLogDet) {
        bestLogDet = value;
        best = i;
      }
    }
    if (best < 0 || !(Math.exp(bestLogDet - current) >= EPSILON)) break;
    picks.push(best);
    taken[best] = 1;
    indices[size - 1] = best;
    current = bestLogDet;
  }
  return picks;
}

/** MMR from the definition: every step recomputes every cosine to every selected item. */
function naiveMmr(query: Float64Array, unit: Float64Array[], k: number, lambda: number): number[] {
  const picks: number[] = [];
  const taken = new Uint8Array(unit.length);
  const dot = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let t = 0; t < a.length; t++) s += a[t]! * b[t]!;
    return s;
  };
  while (picks.length < k) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < unit.length; i++) {
      if (taken[i] === 1) continue;
      let nearest = picks.length === 0 ? 0 : -Infinity;
      for (const j of picks) nearest = Math.max(nearest, dot(unit[i]!, unit[j]!));
      const score =
        picks.length === 0
          ? dot(query, unit[i]!)
          : lambda * dot(query, unit[i]!) - (1 - lambda) * nearest;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    picks.push(best);
    taken[best] = 1;
  }
  return picks;
}

function unitRow(v: readonly number[]): Float64Array {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return Float64Array.from(v, (x) => x / norm);
}

const suite: BenchSuite = {
  title: 'Diversification: fast greedy DPP MAP and MMR',
  run(): BenchRow[] {
    const kernel = gramRows(seededRows('dpp-kernel', N, DIM));
    const flat = Float64Array.from(kernel.flat());

    const fastPicks = dppGreedy(kernel, K);
    const naivePicks = naiveGreedyLogDet(flat, N, K);
    const same = fastPicks.join() === naivePicks.join();
    const fastNs = measure(() => dppGreedy(kernel, K));
    const naiveNs = measure(() => naiveGreedyLogDet(flat, N, K), { samples: 3, minMs: 40 });
    const windowNs = measure(() => dppGreedy(kernel, K, { window: 10 }));

    const vectors = seededRows('mmr-embeddings', N + 1, DIM);
    const query = vectors[0]!;
    const embeddings = vectors.slice(1);
    const unitQuery = unitRow(query);
    const units = embeddings.map(unitRow);
    const mmrPicks = mmr(query, embeddings, { k: K, lambda: 0.5 });
    const mmrSame = mmrPicks.join() === naiveMmr(unitQuery, units, K, 0.5).join();
    const mmrNs = measure(() => mmr(query, embeddings, { k: K, lambda: 0.5 }));
    const naiveMmrNs = measure(() => naiveMmr(unitQuery, units, K, 0.5));
    const sortNs = measure(() => {
      const relevance = units.map((u) => {
        let s = 0;
        for (let t = 0; t < DIM; t++) s += u[t]! * unitQuery[t]!;
        return s;
      });
      return relevance
        .map((r, i) => ({ r, i }))
        .sort((a, b) => b.r - a.r)
        .slice(0, K);
    });

    return [
      ratioAtLeast(
        `dppGreedy k=${K} of n=${N} (d=${DIM}) speed-up`,
        naiveNs / fastNs,
        'naive log-det greedy (Cholesky per candidate)',
        20,
      ),
      figure(
        'dppGreedy and naive greedy select the same items',
        same ? 1 : 0,
        'bool',
        'naive log-det greedy',
        '= 1',
        same,
      ),
      figure(
        `dppGreedy k=${K} of n=${N}, window 10, cost`,
        windowNs / fastNs,
        '×',
        'dppGreedy without window',
      ),
      figure(
        `mmr k=${K} of n=${N} (d=${DIM}) speed-up`,
        naiveMmrNs / mmrNs,
        '×',
        'naive MMR (all cosines to the selection each step)',
        '—',
        mmrSame ? null : false,
      ),
      figure(
        `mmr k=${K} of n=${N} (d=${DIM}) cost`,
        mmrNs / sortNs,
        '×',
        'relevance-only ranking (cosine to query + sort)',
      ),
    ];
  },
};

export default suite;
