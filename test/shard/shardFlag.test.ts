import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShardFlag } from '../../src/cli/shardFlag.js';
import { runCli } from '../../src/cli/runCli.js';
import { RebalanceError } from '../../src/index.js';
import { comparePartial, simulatePartial, type Recommender } from '../../src/simulate/index.js';
import { shardRange } from '../../src/simulate/shard/Shard.js';
import { captureIo } from '../cli/captureIo.js';

const CMD = 'feed-rebalancer simulate';

describe('--shard i/n', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-shard-flag-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('readShardFlag reads i/n numbered from 0', () => {
    expect(readShardFlag(CMD, '0/1')).toEqual({ index: 0, count: 1 });
    expect(readShardFlag(CMD, '3/4')).toEqual({ index: 3, count: 4 });
    expect(readShardFlag(CMD, '99999/100000')).toEqual({ index: 99_999, count: 100_000 });
  });

  it.each([
    ['0/0', /n, the number of shards, in \[1, 100000\] \(got "0\/0"\)/],
    [
      '4/4',
      /numbers shards from 0, so i must be at most 3 \(got "4\/4"\).*SLURM_ARRAY_TASK_ID - 1\)\)\/4/,
    ],
    ['x/2', /--shard must be i\/n, shard i of n numbered from 0, such as 0\/4 \(got "x\/2"\)/],
    ['1/', /--shard must be i\/n/],
    ['/2', /--shard must be i\/n/],
    ['-1/2', /--shard must be i\/n/],
    ['1/2/3', /--shard must be i\/n/],
    ['1.0/2', /--shard must be i\/n/],
    [' 1/2', /--shard must be i\/n/],
    ['1/100001', /n, the number of shards, in \[1, 100000\]/],
  ])('readShardFlag refuses %j with a message that says why', (text, message) => {
    try {
      readShardFlag(CMD, text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RebalanceError);
      expect((error as RebalanceError).code).toBe('argument');
      expect((error as RebalanceError).path).toBe('shard');
      expect((error as Error).message).toMatch(new RegExp(`^${CMD}: `));
      expect((error as Error).message).toMatch(message);
    }
  });

  it('simulate --shard exits 2 for a bad shard, without --out, and with the collaborative recommender', async () => {
    const cases: [string[], RegExp][] = [
      [['--shard', '2/2', '--out', 'x'], /i must be at most 1/],
      [['--shard', '0/2'], /--shard needs --out DIR/],
      [
        ['--shard', '0/2', '--out', 'x', '--recommender', 'collaborative'],
        /^feed-rebalancer simulate: the collaborative recommender cannot be sharded: its users learn from each other/,
      ],
    ];
    for (const [args, message] of cases) {
      const io = captureIo(dir);
      expect(await runCli(['simulate', '--users', '4', '--steps', '5', ...args], io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.out()).toBe('');
    }
  });

  it('simulatePartial and comparePartial refuse a bad shard, the collaborative recommender and a recommender object, naming the field', async () => {
    const base = { scenario: 'mixed', policy: 'off', seed: 1, users: 4, steps: 5 } as const;
    const refuses = async (work: Promise<unknown>, path: string, message: RegExp) => {
      const error = await work.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RebalanceError);
      expect((error as RebalanceError).path).toBe(path);
      expect((error as Error).message).toMatch(message);
    };
    await refuses(simulatePartial(base, { index: 2, count: 2 }), 'shard.index', /numbered from 0/);
    await refuses(simulatePartial(base, { index: 0, count: 0 }), 'shard.count', /\[1, 100000\]/);
    await refuses(
      simulatePartial(base, null as never),
      'shard',
      /^simulatePartial: shard must be an object/,
    );
    await refuses(
      comparePartial({ ...base, recommender: 'collaborative' }, { index: 0, count: 2 }),
      'recommender',
      /^comparePartial: the collaborative recommender cannot be sharded/,
    );
    const recommender: Recommender = {
      name: 'fixed',
      forUser: () => ({ candidates: () => [], learn: () => undefined, score: () => 0 }),
    };
    await refuses(
      simulatePartial({ ...base, recommender }, { index: 0, count: 2 }),
      'recommender',
      /recommender or re-ranker object cannot be sharded/,
    );
  });

  it('shardRange(total, i/n) gives contiguous blocks that cover 0 … total − 1 in order, sizes within one of each other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (total, count) => {
          const sample = [0, 1, count >> 1, count - 2, count - 1].filter(
            (i) => i >= 0 && i < count,
          );
          for (const index of sample) {
            const { from, to } = shardRange(total, { index, count });
            const next = shardRange(total, { index: index + 1, count });
            if (index + 1 < count) expect(next.from).toBe(to);
            expect(to - from).toBeGreaterThanOrEqual(Math.floor(total / count));
            expect(to - from).toBeLessThanOrEqual(Math.ceil(total / count));
          }
          expect(shardRange(total, { index: 0, count }).from).toBe(0);
          expect(shardRange(total, { index: count - 1, count }).to).toBe(total);
        },
      ),
    );
  });
});
