import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardUnits, type ShardAssignment } from '../../src/simulate/shard/Shard.js';

describe('shardUnits', () => {
  it.each<ShardAssignment>(['blocks', 'round-robin'])(
    'shardUnits(total, shard, %s): the shards together hold every unit 0 … total − 1 exactly once, each in increasing order, sizes differing by at most one',
    (assignment) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 200 }),
          fc.integer({ min: 1, max: 40 }),
          (total, count) => {
            const seen: number[] = [];
            const sizes: number[] = [];
            for (let index = 0; index < count; index++) {
              const mine = shardUnits(total, { index, count }, assignment);
              sizes.push(mine.count);
              for (let u = 0; u < mine.count; u++) {
                if (u > 0) expect(mine.indexAt(u)).toBeGreaterThan(mine.indexAt(u - 1));
                seen.push(mine.indexAt(u));
              }
            }
            expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, k) => k));
            expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          },
        ),
      );
    },
  );

  it('shardUnits(total, shard, round-robin) puts unit k in shard k mod count', () => {
    const mine = shardUnits(10, { index: 2, count: 4 }, 'round-robin');
    expect(Array.from({ length: mine.count }, (_, u) => mine.indexAt(u))).toEqual([2, 6]);
    expect(shardUnits(2, { index: 3, count: 4 }, 'round-robin').count).toBe(0);
  });
});
