import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { compare, simulate } from '../../src/simulate/index.js';
import { renderReport } from '../../src/simulate/report/renderReport.js';
import { summaryTable } from '../../src/simulate/report/summaryTable.js';
import { captureIo, steppingClock } from './captureIo.js';

/** Small sizes: the point is the command's plumbing, not the simulation's numbers. */
const SIZES = { users: 6, steps: 24, seed: 5, workers: 1 } as const;
const SIZE_ARGS = ['--users', '6', '--steps', '24', '--seed', '5', '--workers', '1'];

describe('feed-rebalancer simulate', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-cli-'));
    // Test data: a policy file, a light cap for every group.
    writeFileSync(
      join(dir, 'light-cap.json'),
      JSON.stringify({ levels: { none: { cap: { count: 2, window: 5 } } } }),
    );
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('simulate --policy balanced --out DIR writes metrics.json (the report), report.html and prints the summary table', async () => {
    const io = captureIo(dir);
    const code = await runCli(
      ['simulate', '--scenario', 'mixed', '--policy', 'balanced', ...SIZE_ARGS, '--out', 'run1'],
      io,
    );
    expect(io.err()).toContain('wrote run1/metrics.json and run1/report.html');
    expect(code).toBe(0);
    const expected = await simulate({ scenario: 'mixed', policy: 'balanced', ...SIZES });
    const metrics: unknown = JSON.parse(readFileSync(join(dir, 'run1', 'metrics.json'), 'utf8'));
    expect(metrics).toEqual(expected);
    expect(readFileSync(join(dir, 'run1', 'report.html'), 'utf8')).toBe(renderReport(expected));
    expect(io.out()).toBe(summaryTable(expected));
  });

  it('simulate --compare off,protective writes the comparison, and the summary table shows the paired differences', async () => {
    const io = captureIo(dir);
    const code = await runCli(
      [
        'simulate',
        '--compare',
        'off,protective',
        '--scenario',
        'rabbit-hole',
        ...SIZE_ARGS,
        '--resamples',
        '50',
        '--out',
        'cmp',
      ],
      io,
    );
    expect(code).toBe(0);
    const expected = await compare({
      scenario: 'rabbit-hole',
      policies: ['off', 'protective'],
      resamples: 50,
      ...SIZES,
    });
    const metrics: unknown = JSON.parse(readFileSync(join(dir, 'cmp', 'metrics.json'), 'utf8'));
    expect(metrics).toEqual(expected);
    expect(io.out()).toBe(summaryTable(expected));
    expect(io.out()).toContain(
      'Paired difference from off (95% bootstrap interval, 50 resamples):',
    );
    expect(io.out()).toMatch(/^at-risk {2}off /m);
    expect(io.out()).toMatch(/^ +protective /m);
  });

  it('simulate --policy FILE names the run after the file and runs the policy the file holds', async () => {
    const io = captureIo(dir);
    expect(
      await runCli(['simulate', '--policy', 'light-cap.json', ...SIZE_ARGS, '--out', 'file'], io),
    ).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'file', 'metrics.json'), 'utf8')) as {
      policy: string;
    };
    expect(report.policy).toBe('light-cap');
    const expected = await simulate({
      scenario: 'mixed',
      policy: { levels: { none: { cap: { count: 2, window: 5 } } } },
      ...SIZES,
    });
    expect(report).toEqual({ ...expected, policy: 'light-cap' });
  });

  it('simulate without --out prints the table and writes no files', async () => {
    const io = captureIo(dir);
    expect(await runCli(['simulate', '--policy', 'off', ...SIZE_ARGS], io)).toBe(0);
    expect(io.out()).toMatch(
      /^Scenario mixed · seed 5 · 6 users × 24 feed requests · policies: off$/m,
    );
    expect(io.err()).toBe('');
  });

  it('simulate draws progress on a terminal once a run passes a second, and not elsewhere without --progress', async () => {
    const tty = captureIo(dir, { stderrIsTty: true, now: steppingClock(700) });
    expect(await runCli(['simulate', '--policy', 'off', ...SIZE_ARGS], tty)).toBe(0);
    expect(tty.err()).toMatch(/\r\[#+-*\] +\d+% {2}\d+\/6 users/);
    expect(tty.err()).toContain('100%  6/6 users');

    const log = captureIo(dir, { stderrIsTty: false, now: steppingClock(700) });
    expect(await runCli(['simulate', '--policy', 'off', ...SIZE_ARGS], log)).toBe(0);
    expect(log.err()).toBe('');

    const forced = captureIo(dir, { stderrIsTty: false, now: steppingClock(700) });
    expect(await runCli(['simulate', '--policy', 'off', '--progress', ...SIZE_ARGS], forced)).toBe(
      0,
    );
    expect(forced.err()).not.toContain('\r');
    expect(forced.err()).toContain('100%  6/6 users');
  });
});
