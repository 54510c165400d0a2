import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { queueDelay, systemRandom } from '../../src/store/redis/queueDelay.js';
import { rb } from './fixtures.js';

/** Something with the commands the store calls; never connected (constructors send nothing). */
const client = { evalsha: () => 0, eval: () => 0, del: () => 0 } as never;

describe('new RedisStateStore(options)', () => {
  it('rejects a missing client and out-of-range options with code argument and the option as path', () => {
    const cases: [unknown, string][] = [
      [undefined, 'options'],
      [{}, 'client'],
      [{ client: { get: () => 0 } }, 'client'],
      [{ client, prefix: 'p'.repeat(257) }, 'prefix'],
      [{ client, prefix: 'app:{state}:' }, 'prefix'],
      [{ client, prefix: 'app}' }, 'prefix'],
      [{ client, ttlSeconds: 0 }, 'ttlSeconds'],
      [{ client, ttlSeconds: 1.5 }, 'ttlSeconds'],
      [{ client, random: 0.5 }, 'random'],
      [{ client, cacheSize: -1 }, 'cacheSize'],
      [{ client, cacheSize: 1.5 }, 'cacheSize'],
      [{ client, cacheSize: 1_000_001 }, 'cacheSize'],
      [{ client, rebalancer: {} }, 'rebalancer'],
      [{ client, rebalancer: { observe: () => 0 } }, 'rebalancer'],
      [{ client, maxAppendEvents: 0 }, 'maxAppendEvents'],
      [{ client, maxAppendEvents: 100_001 }, 'maxAppendEvents'],
      [{ client, maxAppendBytes: 63 }, 'maxAppendBytes'],
      [{ client, foldEvery: 0 }, 'foldEvery'],
      [{ client, maxPendingEntries: 0 }, 'maxPendingEntries'],
      [{ client, leaseMs: 9 }, 'leaseMs'],
      [{ client, maxWaitMs: -1 }, 'maxWaitMs'],
      [{ client, maxWaitMs: Number.POSITIVE_INFINITY }, 'maxWaitMs'],
    ];
    for (const [options, path] of cases) {
      expect(() => new RedisStateStore(options as never)).toThrow(
        expect.objectContaining({ code: 'argument', path }),
      );
    }
  });

  it('accepts a rebalancer from createRebalancer and the documented bounds', () => {
    expect(
      () =>
        new RedisStateStore({
          client,
          rebalancer: rb,
          prefix: '',
          maxAppendEvents: 100_000,
          maxAppendBytes: 64,
          foldEvery: 1,
          maxPendingEntries: 1,
          leaseMs: 10,
          maxWaitMs: 0,
        }),
    ).not.toThrow();
  });
});

describe('queueDelay', () => {
  it('queueDelay(rank, random) lies in [0.5, 1.5] × min(20, rank + 1) ms and grows with random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (rank, u) => {
          const base = Math.min(20, rank + 1);
          const delay = queueDelay(rank, () => u);
          expect(delay).toBeGreaterThanOrEqual(0.5 * base);
          // 0.5 + u rounds to 1.5 for u just below 1.
          expect(delay).toBeLessThanOrEqual(1.5 * base);
          expect(delay).toBeCloseTo(base * (0.5 + u), 9);
        },
      ),
    );
  });

  it('queueDelay keeps a bounded delay when the generator strays outside [0, 1)', () => {
    for (const u of [-1, 1, 7, Number.NaN]) expect(queueDelay(3, () => u)).toBe(4);
  });

  it('systemRandom() draws from [0, 1) with a mean near 1/2', () => {
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = systemRandom();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Standard error of the mean of 10,000 uniforms: 1 / sqrt(12 · 10,000) ≈ 0.0029; allow 6σ.
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.018);
  });
});
