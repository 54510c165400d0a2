import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { captureIo } from '../cli/captureIo.js';
import { makeLog } from '../replay/makeLog.js';
import { writeJsonLines } from '../replay/writeLogs.js';
import { feedRebalancer } from './partials.js';

describe('replay and tune --shard i/n, then merge', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-replay-tune-shards-'));
    writeJsonLines(
      join(dir, 'log.jsonl'),
      makeLog({ users: 7, requests: 8, candidates: 12, harmful: 0.4, seen: 4, k: 6, seed: 2 }),
    );
    writeFileSync(
      join(dir, 'labels.json'),
      JSON.stringify({ u0: 'control', u1: 'at-risk', u3: 'at-risk', u4: 'control', u6: 'at-risk' }),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const read = (...path: string[]) => readFileSync(join(dir, ...path), 'utf8');

  it('replay: 2 shards in 2 processes merge into the byte-identical metrics.json, report.html and table of one run', async () => {
    // Absolute paths: the shards run from the package's root, as tsx needs.
    const args = [
      'replay',
      '--log',
      join(dir, 'log.jsonl'),
      '--labels',
      join(dir, 'labels.json'),
      '--compare',
      'off,protective',
      '--k',
      '6',
      '--resamples',
      '30',
    ];
    const shards = await Promise.all(
      [0, 1].map((i) =>
        feedRebalancer([...args, '--shard', `${i}/2`, '--out', join(dir, `part-${i}`)]),
      ),
    );
    // Five labelled users, dealt round-robin: shard 1 replays the second and the fourth.
    expect(shards[1]!.stderr).toMatch(/part-1\/partial\.json \(shard 1 of 2: 2 users: 1, 3\)\n$/);
    for (const child of shards) expect(child.status).toBe(0);
    const whole = captureIo(dir);
    expect(await runCli([...args, '--out', 'whole'], whole)).toBe(0);
    const merged = captureIo(dir);
    expect(await runCli(['merge', 'part-1', 'part-0', '--out', 'merged'], merged)).toBe(0);
    expect(read('merged', 'metrics.json')).toBe(read('whole', 'metrics.json'));
    expect(read('merged', 'report.html')).toBe(read('whole', 'report.html'));
    expect(merged.out()).toBe(whole.out());
  });

  it('replay --shard without --out exits 2', async () => {
    const io = captureIo(dir);
    expect(await runCli(['replay', '--log', 'log.jsonl', '--shard', '0/2'], io)).toBe(2);
    expect(io.err()).toMatch(/^feed-rebalancer replay: --shard needs --out DIR/);
  });

  it('tune: 2 shards of 3 restarts merge into the byte-identical tune.json, policy.json, report.html and exit code of one run; 4 shards are refused', async () => {
    const args = [
      'tune',
      '--objective',
      'min at-risk.harmfulShare',
      '--users',
      '6',
      '--steps',
      '8',
      '--seed',
      '3',
      '--resamples',
      '20',
      '--budget',
      '6',
      '--restarts',
      '3',
      '--workers',
      '1',
    ];
    for (const i of [0, 1])
      expect(
        await runCli([...args, '--shard', `${i}/2`, '--out', `tune-${i}`], captureIo(dir)),
      ).toBe(0);
    const whole = captureIo(dir);
    const code = await runCli([...args, '--out', 'tune-whole'], whole);
    const merged = captureIo(dir);
    expect(await runCli(['merge', 'tune-0', 'tune-1', '--out', 'tune-merged'], merged)).toBe(code);
    for (const file of ['tune.json', 'policy.json', 'report.html']) {
      expect(existsSync(join(dir, 'tune-merged', file))).toBe(
        existsSync(join(dir, 'tune-whole', file)),
      );
      if (existsSync(join(dir, 'tune-whole', file)))
        expect(read('tune-merged', file)).toBe(read('tune-whole', file));
    }
    expect(merged.out()).toBe(whole.out());
    const io = captureIo(dir);
    expect(await runCli([...args, '--shard', '0/4', '--out', 'tune-x'], io)).toBe(2);
    expect(io.err()).toMatch(/a tuning of 3 restarts splits into at most 3 shards/);
  });
});
