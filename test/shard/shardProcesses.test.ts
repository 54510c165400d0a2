import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { captureIo } from '../cli/captureIo.js';
import { feedRebalancer } from './partials.js';

/** Small sizes: the point is that the pieces add up, not the simulation's numbers. */
const RUN = ['--users', '11', '--steps', '20', '--seed', '9'];

describe('simulate --shard i/n in separate processes, then merge', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-shards-'));
    // Test data: a policy file, a light cap for every group.
    writeFileSync(
      join(dir, 'light-cap.json'),
      JSON.stringify({ levels: { none: { cap: { count: 2, window: 5 } } } }),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const read = (...path: string[]) => readFileSync(join(dir, ...path), 'utf8');

  it('4 shards of --compare in 4 processes merge into the byte-identical metrics.json and report.html of one run', async () => {
    const args = ['simulate', '--compare', 'off,protective', ...RUN, '--resamples', '30'];
    const shards = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        feedRebalancer([...args, '--shard', `${i}/4`, '--out', join(dir, `part-${i}`)]),
      ),
    );
    for (const [i, child] of shards.entries()) {
      expect(child.stderr).toMatch(
        new RegExp(`partial\\.json \\(shard ${i} of 4: users \\d+…\\d+\\)`),
      );
      expect(child.status).toBe(0);
    }
    const whole = captureIo(dir);
    expect(await runCli([...args, '--out', 'whole'], whole)).toBe(0);
    const merged = captureIo(dir);
    const code = await runCli(
      ['merge', 'part-2', 'part-0', 'part-3/partial.json', 'part-1', '--out', 'merged'],
      merged,
    );
    expect(merged.err()).toBe('wrote merged/metrics.json and merged/report.html\n');
    expect(code).toBe(0);
    expect(read('merged', 'metrics.json')).toBe(read('whole', 'metrics.json'));
    expect(read('merged', 'report.html')).toBe(read('whole', 'report.html'));
    expect(merged.out()).toBe(whole.out());
  });

  it('--shard 0/1 of a policy file merges into the plain run, the report named after the file', async () => {
    const args = ['simulate', '--policy', 'light-cap.json', ...RUN, '--workers', '1'];
    const plain = captureIo(dir);
    expect(await runCli([...args, '--out', 'plain'], plain)).toBe(0);
    expect(await runCli([...args, '--shard', '0/1', '--out', 'only'], captureIo(dir))).toBe(0);
    const merged = captureIo(dir);
    expect(await runCli(['merge', 'only', '--out', 'one'], merged)).toBe(0);
    expect(read('one', 'metrics.json')).toBe(read('plain', 'metrics.json'));
    expect(read('one', 'report.html')).toBe(read('plain', 'report.html'));
    expect(JSON.parse(read('one', 'metrics.json'))).toMatchObject({ policy: 'light-cap' });
  });

  it('merge exits 2 naming the directory for a missing shard, an unreadable directory and a file that is not JSON', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"format": "feed-rebalancer/partial",');
    const cases: [string[], RegExp][] = [
      [
        ['part-0', 'part-1', 'part-3'],
        /^feed-rebalancer merge: shard 2 of 4 is missing \(got 3 of 4: part-0, part-1, part-3\)/,
      ],
      [
        ['part-0', 'nowhere'],
        /^feed-rebalancer merge: cannot read the partial result nowhere \(ENOENT;/,
      ],
      [['broken.json'], /^feed-rebalancer merge: broken.json is not a JSON partial result/],
      [[], /^feed-rebalancer merge: give the shards' directories, 1 to 100000 of them \(got 0\)/],
    ];
    for (const [args, message] of cases) {
      const io = captureIo(dir);
      expect(await runCli(['merge', ...args], io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.out()).toBe('');
    }
  });
});
