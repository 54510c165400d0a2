/**
 * Test inputs. Random kernels are built from a fast-check-chosen seed through seedrandom, so
 * their entries are continuous (no accidental exact ties) and every failure replays from the
 * seed fast-check prints.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';

/** n × rank matrix with entries uniform on [−1, 1) from `seed`. */
export function seededMatrix(seed: number, n: number, rank: number): number[][] {
  const random = seedrandom(String(seed));
  return Array.from({ length: n }, () => Array.from({ length: rank }, () => 2 * random() - 1));
}

/** L = B·Bᵀ: symmetric positive semi-definite of rank ≤ min(n, rank(B)). */
export function gram(b: readonly (readonly number[])[]): number[][] {
  return b.map((x) =>
    b.map((y) => {
      let dot = 0;
      for (let t = 0; t < x.length; t++) dot += x[t]! * y[t]!;
      return dot;
    }),
  );
}

/** A random PSD kernel L = B·Bᵀ with B of size n × rank, n ≤ 12. */
export const seededKernel = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    n: fc.integer({ min: 1, max: 12 }),
    rank: fc.integer({ min: 1, max: 14 }),
  })
  .map(({ seed, n, rank }) => ({ seed, n, rank, kernel: gram(seededMatrix(seed, n, rank)) }));

/** A PSD kernel from small integer factors: exact ties and exact rank deficiency are common. */
export const integerKernel = fc
  .integer({ min: 1, max: 10 })
  .chain((n) =>
    fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 4 }), {
      minLength: n,
      maxLength: n,
    }),
  )
  .map((rows) => {
    const rank = rows[0]!.length;
    return gram(rows.map((r) => Array.from({ length: rank }, (_, t) => r[t] ?? 0)));
  });

/** n vectors of dimension dim from `seed`, entries uniform on [−1, 1). */
export function seededVectors(seed: number, n: number, dim: number): number[][] {
  return seededMatrix(seed, n, dim);
}

/** Query and embeddings: continuous random vectors, sometimes with duplicates and zero vectors. */
export const mmrInput = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    n: fc.integer({ min: 0, max: 15 }),
    dim: fc.integer({ min: 1, max: 6 }),
    lambda: fc.double({ min: 0, max: 1, noNaN: true }),
    copies: fc.array(fc.nat(), { maxLength: 3 }),
    zeros: fc.array(fc.nat(), { maxLength: 2 }),
  })
  .map(({ seed, n, dim, lambda, copies, zeros }) => {
    const vectors = seededVectors(seed, n + 1, dim);
    const query = vectors[0]!;
    const embeddings = vectors.slice(1);
    // Exact duplicates and zero vectors exercise ties and the zero-cosine convention.
    if (n > 1) for (const c of copies) embeddings[c % n] = embeddings[(c + 1) % n]!.slice();
    if (n > 0) for (const z of zeros) embeddings[z % n] = new Array<number>(dim).fill(0);
    return { query, embeddings, lambda };
  });
