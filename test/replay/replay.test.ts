import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presets, RebalanceError } from '../../src/index.js';
import { replay, type ReplayRecord } from '../../src/simulate/index.js';
import { buildReplayReport } from '../../src/simulate/replay/buildReplayReport.js';
import { replayUsers, type LogEntry } from '../../src/simulate/replay/replayUsers.js';
import { resolveReplay } from '../../src/simulate/replay/resolveReplay.js';
import type { ReplayUserRecord } from '../../src/simulate/replay/UserReplay.js';
import { loggedHarmfulShare, makeLog } from './makeLog.js';
import { writeGzip, writeJsonLines, writeParquet } from './writeLogs.js';

const SHAPE = { users: 8, requests: 12, candidates: 16, harmful: 0.45, seen: 6, k: 10, seed: 7 };
const LOG = makeLog(SHAPE);
const FAST = { resamples: 50 } as const;

/** The error a call throws, or fails the test. */
async function errorOf(run: () => Promise<unknown>): Promise<RebalanceError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(RebalanceError);
    return error as RebalanceError;
  }
  throw new Error('expected a RebalanceError');
}

describe('replay', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-replay-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replay(log) under off serves the host order cut to k: the logged harmful share exactly, NDCG 1, no displacement', async () => {
    const report = await replay({ log: LOG, policies: ['off'], ...FAST });
    const off = report.reports[0]!.cohorts['at-risk']!;
    expect(off.harmfulShare).toBe(loggedHarmfulShare(LOG, SHAPE.k));
    expect(off.impressions).toBe(SHAPE.users * SHAPE.requests * SHAPE.k);
    expect(off.ndcgRetention).toBe(1);
    expect(off.rankDisplacement).toBe(0);
    // Six of the ten served items of every page were logged as seen: four are imputed.
    expect(report.replay.imputedShare[0]).toBeCloseTo((SHAPE.k - SHAPE.seen) / SHAPE.k, 12);
    expect(off.wellbeing).toBeNull();
    expect(off.sessions).toBeNull();
    expect(report.replay).toMatchObject({
      log: 'records',
      users: SHAPE.users,
      requests: SHAPE.users * SHAPE.requests,
      loggedImpressions: SHAPE.users * SHAPE.requests * SHAPE.seen,
      cohorts: 'all-at-risk',
    });
  });

  it('replay(log, protective) lowers the harmful share and runs, moves items, and reports paired intervals', async () => {
    const report = await replay({ log: LOG, policies: ['off', 'protective'], ...FAST });
    expect(report.policies).toEqual(['off', 'protective']);
    const [off, protective] = report.reports.map((r) => r.cohorts['at-risk']!);
    expect(protective!.harmfulShare).toBeLessThan(off!.harmfulShare);
    expect(protective!.longestRun).toBeLessThan(off!.longestRun);
    expect(protective!.rankDisplacement).toBeGreaterThan(0);
    const d = report.differences[0]!.cohorts['at-risk']!.harmfulShare!;
    expect(d.estimate).toBeCloseTo(protective!.harmfulShare - off!.harmfulShare, 12);
    expect(d.low).toBeLessThanOrEqual(d.estimate);
    expect(d.high).toBeGreaterThanOrEqual(d.estimate);
  });

  it('replay(log, dispersion) never serves a page whose windows break the cap (2 triggering items in any 8 slots)', async () => {
    const resolved = resolveReplay({ policies: ['dispersion'] });
    const cap = presets.policies.dispersion.levels!.none!.cap!;
    let pages = 0;
    const setup = {
      ...resolved,
      onServe: (policy: number, _slots: unknown, harmful: readonly boolean[]) => {
        if (policy !== 1) return;
        pages++;
        for (let s = 0; s < harmful.length; s++) {
          const window = harmful.slice(Math.max(0, s - cap.window + 1), s + 1);
          expect(window.filter(Boolean).length).toBeLessThanOrEqual(cap.count);
        }
      },
    };
    const entries = LOG.map((value, i): LogEntry => ({ value, line: i + 1 }));
    let users = 0;
    for await (const record of replayUsers(entries, setup, () => 'at-risk'))
      users += record.requests > 0 ? 1 : 0;
    expect(users).toBe(SHAPE.users);
    expect(pages).toBe(SHAPE.users * SHAPE.requests);
  });

  it('replay gives the same report, byte for byte, from JSON Lines, gzipped JSON Lines and Parquet (several row groups)', async () => {
    const files = {
      jsonl: join(dir, 'a.jsonl'),
      gz: join(dir, 'a.jsonl.gz'),
      parquet: join(dir, 'a.parquet'),
    };
    writeJsonLines(files.jsonl, LOG);
    writeGzip(files.gz, LOG);
    writeParquet(files.parquet, LOG, 50);
    const progress: [number, number][] = [];
    const texts: string[] = [];
    for (const path of Object.values(files)) {
      const report = await replay({
        log: path,
        ...FAST,
        onProgress: (read, total) => progress.push([read, total]),
      });
      // The file name is the one thing that differs.
      texts.push(
        JSON.stringify({
          ...report,
          scenario: '',
          reports: report.reports.map((r) => ({ ...r, scenario: '' })),
          replay: { ...report.replay, log: '' },
        }),
      );
    }
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
    expect(progress.length).toBeGreaterThan(2);
    for (const [read, total] of progress) expect(read).toBeLessThanOrEqual(total);
  });

  it('buildReplayReport over the records of two halves of the users, put back in log order, is the report of the whole log', async () => {
    const resolved = resolveReplay(FAST);
    const collect = async (log: readonly ReplayRecord[]): Promise<ReplayUserRecord[]> => {
      const out: ReplayUserRecord[] = [];
      const entries = log.map((value, i): LogEntry => ({ value, line: i + 1 }));
      for await (const r of replayUsers(entries, resolved, () => 'at-risk')) out.push(r);
      return out;
    };
    const half = LOG.findIndex((r) => r.user === `u${SHAPE.users / 2}`);
    const records = [...(await collect(LOG.slice(0, half))), ...(await collect(LOG.slice(half)))];
    const meta = {
      log: 'records',
      names: resolved.names,
      k: 10,
      seed: 1,
      resamples: 50,
      unlabelledUsers: 0,
      labelled: false,
    };
    const whole = await replay({ log: LOG, ...FAST });
    expect(JSON.stringify(buildReplayReport(records, meta))).toBe(JSON.stringify(whole));
  });

  it('replay with labels puts users in their cohorts, counts false alarms on control users only, and leaves unlabelled users out', async () => {
    const labels = {
      u0: 'at-risk',
      u1: 'control',
      u2: 'control',
      u3: 'at-risk',
      u4: 'at-risk',
    } as const;
    const report = await replay({ log: LOG, labels, ...FAST });
    const off = report.reports[0]!;
    expect(off.cohorts['at-risk']!.users).toBe(3);
    expect(off.cohorts.control!.users).toBe(2);
    expect(off.cohorts['at-risk']!.falseAlarmsPer1000).toBeNull();
    expect(off.cohorts.control!.falseAlarmsPer1000).not.toBeNull();
    expect(report.replay).toMatchObject({ users: 5, unlabelledUsers: 3, cohorts: 'labels' });
  });

  it('replay throws RebalanceError naming the line and field of a bad record', async () => {
    const request = LOG[0] as Extract<ReplayRecord, { type: 'request' }>;
    const cases: [unknown[], string][] = [
      [[{ ...request, candidates: [{ id: 'a', topics: [7] }] }], 'log[1].candidates[0].topics[0]'],
      [[request, { ...request, served: ['nope'] }], 'log[2].served[0]'],
      [
        [request, { type: 'impression', user: 'u0', at: request.at, id: 'nope', dwellMs: 1 }],
        'log[2].id',
      ],
      [[{ type: 'impression', user: 'u0', at: 1, id: 'x', dwellMs: 1 }], 'log[1].id'],
      [[{ ...request, dwell: 3 }], 'log[1].dwell'],
      [
        [
          request,
          { type: 'impression', user: 'u0', at: request.at, id: request.served[0], dwellMs: -1 },
        ],
        'log[2].dwellMs',
      ],
      [
        [{ ...request, candidates: [{ id: 'a' }, { id: 'a' }], served: [] }],
        'log[1].candidates[1].id',
      ],
      [[request, { ...request, at: request.at - 1 }], 'log[2].at'],
      [['text'], 'log[1]'],
    ];
    for (const [log, path] of cases) {
      const error = await errorOf(() => replay({ log, ...FAST }));
      expect([error.code, error.path], error.message).toEqual(['argument', path]);
      expect(error.message).toMatch(/^replay: /);
    }
  });

  it('replay refuses a log where a user resumes after another user, naming the line', async () => {
    const u0 = LOG.filter((r) => r.user === 'u0');
    const u1 = LOG.filter((r) => r.user === 'u1');
    const log = [...u0, ...u1, u0[0]!];
    const error = await errorOf(() => replay({ log, ...FAST }));
    expect([error.code, error.path]).toEqual(['argument', `log[${log.length}].user`]);
    expect(error.message).toContain('grouped by user');
  });

  it('replay reads a JSON Lines file: a line that is not JSON is an error at its line; blank lines are skipped', async () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, `${JSON.stringify(LOG[0])}\n\n{"type":\n`);
    const error = await errorOf(() => replay({ log: path, ...FAST }));
    expect([error.code, error.path]).toEqual(['argument', 'log[3]']);
    const missing = await errorOf(() => replay({ log: join(dir, 'missing.jsonl') }));
    expect([missing.code, missing.path]).toEqual(['argument', 'log']);
  });

  it('replay checks its options: k, policies, labels', async () => {
    const k = await errorOf(() => replay({ log: LOG, k: 0 }));
    expect([k.code, k.path]).toEqual(['argument', 'k']);
    const policy = await errorOf(() => replay({ log: LOG, policies: ['nope'] }));
    expect([policy.code, policy.path]).toEqual(['argument', 'policies[1]']);
    const labels = await errorOf(() =>
      replay({ log: LOG, labels: { u0: 'maybe' } as unknown as Record<string, 'control'> }),
    );
    expect([labels.code, labels.path]).toEqual(['argument', 'labels.u0']);
  });
});
