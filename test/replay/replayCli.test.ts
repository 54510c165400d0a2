import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { captureIo, steppingClock } from '../cli/captureIo.js';
import { loggedHarmfulShare, makeLog } from './makeLog.js';
import { writeGzip } from './writeLogs.js';

const LOG = makeLog({
  users: 6,
  requests: 10,
  candidates: 14,
  harmful: 0.4,
  seen: 5,
  k: 10,
  seed: 2,
});

describe('feed-rebalancer replay', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-replay-cli-'));
    writeGzip(join(dir, 'log.jsonl.gz'), LOG);
    writeFileSync(
      join(dir, 'cohort.json'),
      JSON.stringify({
        u0: 'at-risk',
        u1: 'at-risk',
        u2: 'at-risk',
        u3: 'control',
        u4: 'control',
        u5: 'control',
      }),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replay --log FILE --compare … --labels … --out DIR writes metrics.json and report.html and prints the table, with progress by bytes', async () => {
    const io = captureIo(dir, { now: steppingClock(2_000) });
    const code = await runCli(
      [
        'replay',
        '--log',
        'log.jsonl.gz',
        '--compare',
        'off,balanced,protective',
        '--labels',
        'cohort.json',
        '--k',
        '10',
        '--seed',
        '3',
        '--resamples',
        '40',
        '--progress',
        '--out',
        'out',
      ],
      io,
    );
    expect(code, io.err()).toBe(0);
    const metrics = JSON.parse(readFileSync(join(dir, 'out', 'metrics.json'), 'utf8')) as {
      policies: string[];
      replay: { cohorts: string; log: string };
      reports: { cohorts: Record<string, { harmfulShare: number; users: number }> }[];
    };
    expect(metrics.policies).toEqual(['off', 'balanced', 'protective']);
    expect(metrics.replay).toMatchObject({ cohorts: 'labels', log: 'log.jsonl.gz' });
    expect(metrics.reports[0]!.cohorts['control']!.users).toBe(3);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('Replay report: log.jsonl.gz');
    expect(html).not.toContain('id="wellbeing"');
    expect(io.out()).toContain('Replay of log.jsonl.gz');
    expect(io.err()).toMatch(/bytes/);
  });

  it('replay without --compare runs off, balanced and protective; off reproduces the logged share', async () => {
    const io = captureIo(dir);
    const code = await runCli(
      ['replay', '--log', 'log.jsonl.gz', '--resamples', '20', '--out', 'out2'],
      io,
    );
    expect(code, io.err()).toBe(0);
    const metrics = JSON.parse(readFileSync(join(dir, 'out2', 'metrics.json'), 'utf8')) as {
      policies: string[];
      reports: { cohorts: Record<string, { harmfulShare: number }> }[];
    };
    expect(metrics.policies).toEqual(['off', 'balanced', 'protective']);
    expect(metrics.reports[0]!.cohorts['at-risk']!.harmfulShare).toBe(loggedHarmfulShare(LOG, 10));
  });

  it('replay with a bad record, a missing --log or an unknown policy exits 2 with one message', async () => {
    writeFileSync(
      join(dir, 'bad.jsonl'),
      '{"type":"request","user":"u","at":0,"candidates":[],"served":[]}\n',
    );
    const cases: [string[], RegExp][] = [
      [['replay', '--log', 'bad.jsonl'], /log\[1\]\.candidates must hold at least one candidate/],
      [['replay'], /--log must name the log file/],
      [['replay', '--log', 'log.jsonl.gz', '--compare', 'off,nope'], /nope/],
      [['replay', '--log', 'log.jsonl.gz', '--k', '0'], /--k must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const io = captureIo(dir);
      expect(await runCli(args, io)).toBe(2);
      expect(io.err()).toMatch(message);
    }
    expect(existsSync(join(dir, 'out3'))).toBe(false);
  });

  it('replay --help prints its usage', async () => {
    const io = captureIo(dir);
    expect(await runCli(['replay', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: feed-rebalancer replay --log FILE');
  });
});
