import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');

/**
 * Runs the real command in a child Node process through tsx, as the built bin would run. The
 * working directory is the project, where `--import tsx` resolves.
 */
function feedRebalancer(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('feed-rebalancer as a process', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-spawn-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('the command exits 2 with the message on stderr for a bad number', () => {
    const child = feedRebalancer('simulate', '--users', 'lots');
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toMatch(/^feed-rebalancer simulate: --users must be a whole number/);
  });

  it('the command runs a small comparison, exits 0, prints the table and writes both files', () => {
    const child = feedRebalancer(
      'simulate',
      '--compare',
      'off,balanced',
      '--users',
      '4',
      '--steps',
      '20',
      '--workers',
      '1',
      '--out',
      dir,
    );
    expect(child.stderr).not.toMatch(/Error/);
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(
      /^Scenario mixed · seed 1 · 4 users × 20 feed requests · policies: off, balanced$/m,
    );
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as {
      policies: string[];
    };
    expect(metrics.policies).toEqual(['off', 'balanced']);
  });
});
