import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { presets } from '../../src/index.js';
import { runCheckPolicy } from '../../src/cli/checkPolicy.js';
import type { CliIo } from '../../src/cli/io.js';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'check-policy-'));
  writeFileSync(join(dir, 'balanced.json'), JSON.stringify(presets.policies.balanced));
  writeFileSync(
    join(dir, 'bad-cadence.json'),
    JSON.stringify({ levels: { sustained: { cap: { count: 1, window: 5 }, recoveryEvery: 1 } } }),
  );
  writeFileSync(
    join(dir, 'bad-cap.json'),
    JSON.stringify({ levels: { elevated: { cap: { count: 3, window: 2 } } } }),
  );
  writeFileSync(join(dir, 'not-json.json'), '{ "levels": ');
});

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
    stderrIsTty: false,
    now: () => 0,
  };
}

describe('feed-rebalancer check-policy', () => {
  it('check-policy balanced.json --runs 60 --seed 5 exits 0 and names the seed', async () => {
    const io = capture();
    expect(await runCheckPolicy(['balanced.json', '--runs', '60', '--seed', '5'], io)).toBe(0);
    expect(io.out.join('')).toContain(
      'all eight guarantees hold over 60 generated requests (seed 5)',
    );
    expect(io.err).toEqual([]);
  });

  it('check-policy bad-cadence.json exits 2 naming the JSON path of the bad field', async () => {
    const io = capture();
    expect(await runCheckPolicy(['bad-cadence.json'], io)).toBe(2);
    expect(io.err.join('')).toContain('not a valid policy (at levels.sustained.recoveryEvery)');
  });

  it('check-policy bad-cap.json exits 2 naming levels.elevated.cap.count', async () => {
    const io = capture();
    expect(await runCheckPolicy(['bad-cap.json'], io)).toBe(2);
    expect(io.err.join('')).toContain('levels.elevated.cap.count');
  });

  it('check-policy on a file that is not JSON, or missing, exits 2', async () => {
    const a = capture();
    expect(await runCheckPolicy(['not-json.json'], a)).toBe(2);
    expect(a.err.join('')).toContain('is not JSON');
    const b = capture();
    expect(await runCheckPolicy(['missing.json'], b)).toBe(2);
    expect(b.err.join('')).toContain('cannot read');
  });

  it('check-policy with bad arguments (no file, --runs 0, --seed x, unknown flag) exits 2 with the usage', async () => {
    for (const args of [
      [],
      ['balanced.json', '--runs', '0'],
      ['balanced.json', '--seed', 'x'],
      ['balanced.json', '--fast'],
    ]) {
      const io = capture();
      expect(await runCheckPolicy(args, io)).toBe(2);
      expect(io.err.join('')).toContain('Usage: feed-rebalancer check-policy');
    }
  });

  it('check-policy exits 1 with a readable counterexample and a replay line when a guarantee fails', async () => {
    const io = capture();
    const status = await runCheckPolicy(['balanced.json', '--runs', '100', '--seed', '3'], io, {
      // A re-ranker that forgets what it dropped, checked under the file's policy.
      target: (rb) => (request) => ({ ...rb.rebalance(request), dropped: [] }),
    });
    expect(status).toBe(1);
    const out = io.out.join('');
    expect(out).toContain('guarantee 2 (nothing lost silently) does not hold');
    expect(out).toContain('"candidates"');
    expect(out).toContain('Replay: feed-rebalancer check-policy balanced.json --runs 100 --seed 3');
  });

  it('check-policy --seed S gives the same report twice', async () => {
    const a = capture();
    const b = capture();
    const broken = { target: () => () => ({}) as never };
    await runCheckPolicy(['balanced.json', '--runs', '20', '--seed', '8'], a, broken);
    await runCheckPolicy(['balanced.json', '--runs', '20', '--seed', '8'], b, broken);
    expect(a.out).toEqual(b.out);
    expect(a.out.join('')).toContain('does not hold');
  });
});
