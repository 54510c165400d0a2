import { describe, expect, it } from 'vitest';
import { deriveSeed, STREAM } from '../../src/simulate/random/deriveSeed.js';
import { Rng } from '../../src/simulate/random/Rng.js';

describe('deriveSeed', () => {
  it('deriveSeed(seed, stream, index) gives 40,000 distinct 32-bit seeds over 4 streams and 10,000 users', () => {
    const seen = new Set<number>();
    for (const stream of [STREAM.world, STREAM.traits, STREAM.dynamics, STREAM.bootstrap]) {
      for (let index = 0; index < 10_000; index++) {
        const s = deriveSeed(7, stream, index);
        if (Number.isInteger(s) && s >= 0 && s < 2 ** 32) seen.add(s);
      }
    }
    expect(seen.size).toBe(40_000);
  });

  it('deriveSeed depends on the run seed: seeds 1 and 2 share no user stream among 1,000 users', () => {
    const a = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(1, STREAM.dynamics, i)));
    const b = Array.from({ length: 1000 }, (_, i) => deriveSeed(2, STREAM.dynamics, i));
    expect(b.filter((s) => a.has(s))).toEqual([]);
  });
});

describe('Rng', () => {
  it('new Rng(seed) replays the same draws for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 20 }, () => [rng.uniform(), rng.normal(), rng.int(10)]);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('normal() has mean 0 and variance 1 within 4 standard errors over 200,000 draws', () => {
    const rng = new Rng(deriveSeed(3, STREAM.dynamics, 0));
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    for (let k = 0; k < n; k++) {
      const z = rng.normal();
      sum += z;
      squares += z * z;
    }
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    // SE of the mean is 1/sqrt(n); SE of the variance of a normal sample is sqrt(2/n).
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('exponential(mean) and int(n) match their expectations within 4 standard errors', () => {
    const rng = new Rng(11);
    const n = 100_000;
    let sum = 0;
    const counts = new Array<number>(5).fill(0);
    for (let k = 0; k < n; k++) {
      sum += rng.exponential(3);
      counts[rng.int(5)]!++;
    }
    // An exponential with mean 3 has standard deviation 3.
    expect(Math.abs(sum / n - 3)).toBeLessThan((4 * 3) / Math.sqrt(n));
    const se = Math.sqrt(n * 0.2 * 0.8);
    for (const c of counts) expect(Math.abs(c - n / 5)).toBeLessThan(4 * se);
  });
});
