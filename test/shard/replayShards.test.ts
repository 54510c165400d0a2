import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mergePartials,
  replay,
  replayPartial,
  type ReplayOptions,
} from '../../src/simulate/index.js';
import { makeLog } from '../replay/makeLog.js';
import { writeGzip, writeJsonLines } from '../replay/writeLogs.js';
import { refusal, viaJson } from './partials.js';

/** Small sizes: the pieces adding up is under test, not the replay's numbers. */
const SHAPE = { users: 11, requests: 9, candidates: 14, harmful: 0.4, seen: 5, k: 8, seed: 5 };
const LOG = makeLog(SHAPE);
/** Labels that name some users, in both cohorts, and leave the others out. */
const LABELS = {
  u0: 'control',
  u2: 'at-risk',
  u3: 'at-risk',
  u5: 'control',
  u6: 'at-risk',
  u9: 'at-risk',
  u10: 'control',
} as const;

async function shardsOf(options: ReplayOptions, count: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++)
    out.push(viaJson(await replayPartial(options, { index, count })));
  return out;
}

describe('replayPartial and mergePartials', () => {
  let dir: string;
  let log: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-replay-shards-'));
    log = join(dir, 'sessions.jsonl');
    writeJsonLines(log, LOG);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replayPartial in 3 shards deals users round-robin by first appearance; mergePartials, in any order, is replay(options), JSON text for JSON text', async () => {
    const options = { log, policies: ['off', 'balanced', 'protective'], k: 8, resamples: 40 };
    const parts = await shardsOf(options, 3);
    expect(parts.map((p) => (p['units'] as { index: number }[]).map((u) => u.index))).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7, 10],
      [2, 5, 8],
    ]);
    const whole = JSON.stringify(await replay(options));
    expect(JSON.stringify(mergePartials([parts[2], parts[0], parts[1]]))).toBe(whole);
  });

  it('replayPartial with labels in 4 shards (a gzipped log) merges into replay(options): unlabelled users counted once, users numbered among the labelled', async () => {
    const gz = join(dir, 'sessions.jsonl.gz');
    writeGzip(gz, LOG);
    const options = {
      log: gz,
      policies: ['off', 'protective'],
      labels: LABELS,
      seed: 3,
      resamples: 40,
    };
    const parts = await shardsOf(options, 4);
    const whole = await replay(options);
    expect(whole.replay.unlabelledUsers).toBe(4);
    expect(parts.map((p) => (p['units'] as unknown[]).length)).toEqual([2, 2, 2, 1]);
    expect(JSON.stringify(mergePartials(parts))).toBe(JSON.stringify(whole));
  });

  it('mergePartials refuses shards of another log, another seed or other labels, and a missing shard', async () => {
    const options = { log, policies: ['off', 'protective'], resamples: 20 };
    const parts = await shardsOf(options, 2);
    const other = join(dir, 'other.jsonl');
    writeJsonLines(other, makeLog({ ...SHAPE, seed: 6 }));
    const foreign = viaJson(
      await replayPartial({ ...options, log: other }, { index: 1, count: 2 }),
    );
    expect(refusal(() => mergePartials([parts[0], foreign])).message).toMatch(
      /is of another run than partials\[0\]/,
    );
    const reseeded = viaJson(await replayPartial({ ...options, seed: 2 }, { index: 1, count: 2 }));
    expect(refusal(() => mergePartials([parts[0], reseeded])).path).toBe('fingerprint');
    const labelled = viaJson(
      await replayPartial({ ...options, labels: LABELS }, { index: 1, count: 2 }),
    );
    expect(refusal(() => mergePartials([parts[0], labelled])).path).toBe('fingerprint');
    expect(refusal(() => mergePartials([parts[1]])).message).toMatch(/shard 0 of 2 is missing/);
  });

  it('mergePartials refuses an edited log identity, a unit out of its round-robin place and a record with a foreign field', async () => {
    const parts = await shardsOf({ log, policies: ['off'], resamples: 10 }, 2);
    const edit = (k: number, change: (p: Record<string, any>) => void) =>
      parts.map((p, j) => {
        if (j !== k) return p;
        const copy = structuredClone(p) as Record<string, any>;
        change(copy);
        return copy;
      });
    const grown = edit(1, (p) => {
      p['run'].log.users = 12;
      p['fingerprint'] = 'sha256:' + '0'.repeat(64);
    });
    expect(refusal(() => mergePartials(grown)).path).toBe('fingerprint');
    const swapped = edit(0, (p) => {
      p['units'][1].index = 1;
    });
    expect(refusal(() => mergePartials(swapped)).path).toBe('units[1].index');
    const polluted = edit(1, (p) => {
      p['units'][0].record = JSON.parse(
        JSON.stringify(p['units'][0].record).replace('{', '{"__proto__":{"x":1},'),
      );
    });
    expect(refusal(() => mergePartials(polluted)).path).toMatch(/^units\[0\]\.record/);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    const short = edit(1, (p) => {
      p['units'][0].record.results[0].bucketImpressions.push(...new Array(70).fill(1));
    });
    expect(refusal(() => mergePartials(short)).path).toBe(
      'units[0].record.results[0].bucketImpressions',
    );
  });

  it('replayPartial refuses records given in memory, naming log', async () => {
    await expect(replayPartial({ log: LOG }, { index: 0, count: 2 })).rejects.toMatchObject({
      code: 'argument',
      path: 'log',
    });
  });
});
