import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { presets } from '../../src/index.js';
import { runCheckPolicy } from '../../src/cli/checkPolicy.js';
import type { CliIo } from '../../src/cli/io.js';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'check-policy-groups-'));
  writeFileSync(
    join(dir, 'strict-suicide.json'),
    JSON.stringify({
      ...presets.policies.balanced,
      groups: {
        suicide: {
          minConfidence: 0.3,
          detection: { kind: 'cusum', p0: 0.05, p1: 0.2, h: 1.8, hold: 20, evidence: 'confidence' },
          levels: { sustained: { cap: { count: 0, window: 1 }, recoveryEvery: 4 } },
        },
      },
    }),
  );
  writeFileSync(
    join(dir, 'unknown-group.json'),
    JSON.stringify({ groups: { gambling: { minConfidence: 0.3 } } }),
  );
  writeFileSync(
    join(dir, 'bad-group-field.json'),
    JSON.stringify({ groups: { suicide: { detection: { kind: 'run', length: 0 } } } }),
  );
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

describe('feed-rebalancer check-policy with policy.groups', () => {
  it('check-policy strict-suicide.json prints each group’s resolved values, marks the group with its own policy, and checks the guarantees', async () => {
    const io = capture();
    expect(await runCheckPolicy(['strict-suicide.json', '--runs', '40', '--seed', '2'], io)).toBe(
      0,
    );
    const lines = io.out.join('').split('\n');
    expect(lines).toContain(
      '  eating-disorder: minConfidence 0.5; cusum p0 0.05 → p1 0.3, h 2.55, hold 10, labels; none: nothing; elevated: cap 2 in 8; sustained: cap 1 in 6, recovery every 5',
    );
    expect(lines).toContain(
      '  self-harm: minConfidence 0.5; cusum p0 0.05 → p1 0.3, h 2.55, hold 10, labels; none: nothing; elevated: cap 2 in 8; sustained: cap 1 in 6, recovery every 5',
    );
    expect(lines).toContain(
      '  suicide (own policy): minConfidence 0.3; cusum p0 0.05 → p1 0.2, h 1.8, hold 20, confidence; none: nothing; elevated: nothing; sustained: filter, recovery every 4',
    );
    expect(io.out.join('')).toContain(
      'all eight guarantees hold over 40 generated requests (seed 2)',
    );
  });

  it('check-policy unknown-group.json exits 2 naming groups.gambling and the taxonomy’s groups', async () => {
    const io = capture();
    expect(await runCheckPolicy(['unknown-group.json'], io)).toBe(2);
    const err = io.err.join('');
    expect(err).toContain('not a valid policy (at groups.gambling)');
    expect(err).toContain('its groups: eating-disorder, self-harm, suicide');
  });

  it('check-policy bad-group-field.json exits 2 at groups.suicide.detection.length', async () => {
    const io = capture();
    expect(await runCheckPolicy(['bad-group-field.json'], io)).toBe(2);
    expect(io.err.join('')).toContain('(at groups.suicide.detection.length)');
    expect(io.err.join('')).toContain('policy.groups.suicide.detection.length must be an integer');
  });
});
