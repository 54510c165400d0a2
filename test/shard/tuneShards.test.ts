import { describe, expect, it } from 'vitest';
import { mergePartials, tune, tunePartial, type TuneOptions } from '../../src/simulate/index.js';
import { refusal, viaJson } from './partials.js';

/** Tiny sizes: the restarts adding up is under test, not the tuner's answer. */
const TINY: TuneOptions = {
  scenario: 'mixed',
  seed: 3,
  users: 6,
  steps: 8,
  resamples: 20,
  objective: 'min at-risk.harmfulShare',
  constraints: ['control.ndcgRetention>=0.99'],
  budget: 7,
  restarts: 3,
  workers: 1,
};

describe('tunePartial and mergePartials', () => {
  it('tunePartial in 2 shards deals restarts round-robin; mergePartials, in any order, is tune(options), JSON text for JSON text; other restart counts and missing shards are refused', async () => {
    const parts = [
      viaJson(await tunePartial(TINY, { index: 0, count: 2 })),
      viaJson(await tunePartial(TINY, { index: 1, count: 2 })),
    ];
    expect(parts.map((p) => (p['units'] as { index: number }[]).map((u) => u.index))).toEqual([
      [0, 2],
      [1],
    ]);
    const whole = await tune(TINY);
    expect(JSON.stringify(mergePartials([parts[1], parts[0]]))).toBe(JSON.stringify(whole));
    expect(refusal(() => mergePartials([parts[0]])).message).toMatch(/shard 1 of 2 is missing/);

    const fewer = viaJson(await tunePartial({ ...TINY, restarts: 2 }, { index: 1, count: 2 }));
    expect(refusal(() => mergePartials([parts[0], fewer])).path).toBe('fingerprint');

    const moved = structuredClone(parts[1]) as Record<string, any>;
    moved['units'][0].records[0].x[0] = 0.123;
    expect(refusal(() => mergePartials([parts[0], moved])).path).toBe('units[0].records[0].x');
    const dropped = structuredClone(parts[0]) as Record<string, any>;
    dropped['units'][1].records.pop();
    expect(refusal(() => mergePartials([dropped, parts[1]])).path).toBe('units[1].records');
  });

  it('tunePartial refuses more shards than restarts, naming shard.count', async () => {
    await expect(tunePartial(TINY, { index: 0, count: 4 })).rejects.toMatchObject({
      code: 'argument',
      path: 'shard.count',
      message: expect.stringMatching(/a tuning of 3 restarts splits into at most 3 shards/),
    });
  });
});
