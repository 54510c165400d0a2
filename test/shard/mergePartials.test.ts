import { beforeAll, describe, expect, it } from 'vitest';
import {
  compare,
  comparePartial,
  mergePartials,
  simulate,
  simulatePartial,
} from '../../src/simulate/index.js';
import { refusal, viaJson } from './partials.js';

/** Small sizes: the merge's checks, not the simulation, are under test. */
const OPTIONS = { scenario: 'mixed', policy: 'balanced', seed: 7, users: 10, steps: 20 };
const SOURCES = ['s0', 's1', 's2'];

async function partialsOf(options: typeof OPTIONS, count: number) {
  const out: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++)
    out.push(viaJson(await simulatePartial({ ...options, workers: 1 }, { index, count })));
  return out;
}

describe('mergePartials', () => {
  let whole: string;
  let parts: Record<string, unknown>[];

  beforeAll(async () => {
    whole = JSON.stringify(await simulate({ ...OPTIONS, workers: 1 }));
    parts = await partialsOf(OPTIONS, 3);
  });

  /** The partials with partial `k` replaced by `edit` of a deep copy of it. */
  const withEdit = (k: number, edit: (p: Record<string, any>) => unknown) =>
    parts.map((p, j) => {
      if (j !== k) return p;
      const copy = structuredClone(p);
      const replaced = edit(copy);
      return replaced === undefined ? copy : replaced;
    });

  it('mergePartials(shards of simulate, in any order) is simulate(options), JSON text for JSON text', () => {
    expect(parts.map((p) => (p['units'] as { index: number }[]).map((u) => u.index))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8, 9],
    ]);
    expect(JSON.stringify(mergePartials(parts))).toBe(whole);
    expect(JSON.stringify(mergePartials([parts[2], parts[0], parts[1]]))).toBe(whole);
  });

  it('mergePartials of the single shard 0/1 is simulate(options)', async () => {
    expect(JSON.stringify(mergePartials(await partialsOf(OPTIONS, 1)))).toBe(whole);
  });

  it('mergePartials(shards of compare) is compare(options), bootstrap intervals included', async () => {
    const options = {
      scenario: 'rabbit-hole',
      policies: ['protective', 'off'],
      seed: 3,
      users: 9,
      steps: 20,
      resamples: 40,
      workers: 1,
    };
    const shards = [];
    for (let index = 0; index < 2; index++)
      shards.push(viaJson(await comparePartial(options, { index, count: 2 })));
    expect(JSON.stringify(mergePartials(shards))).toBe(JSON.stringify(await compare(options)));
  });

  it('a missing shard is named, with the partials that were given', () => {
    const e = refusal(() => mergePartials([parts[0], parts[2]], { sources: ['s0', 's2'] }));
    expect(e.message).toBe(
      'mergePartials: shard 1 of 3 is missing (got 2 of 3: s0, s2); shards are numbered from 0',
    );
  });

  it('a shard given twice is named with both sources', () => {
    const e = refusal(() =>
      mergePartials([parts[0], parts[1], parts[1], parts[2]], { sources: ['a', 'b', 'c', 'd'] }),
    );
    expect(e.message).toBe('mergePartials: shard 1 of 3 appears twice: in b and in c');
  });

  it('partials of another run (another seed) or another shard count do not merge', async () => {
    const other = await partialsOf({ ...OPTIONS, seed: 8 }, 3);
    const e = refusal(() => mergePartials([parts[0], other[1], parts[2]], { sources: SOURCES }));
    expect(e.message).toMatch(/^mergePartials: s1 is of another run than s0 \("sha256:/);
    expect(e.path).toBe('fingerprint');
    const halves = await partialsOf(OPTIONS, 2);
    const f = refusal(() => mergePartials([parts[0], halves[1]], { sources: SOURCES }));
    expect(f.message).toMatch(/s1 is of another shard count than s0 \(2 vs 3\)/);
  });

  it('run arguments edited under a kept fingerprint are caught, in one partial or in all', () => {
    const one = withEdit(1, (p) => {
      p['run'].users = 11;
    });
    expect(refusal(() => mergePartials(one, { sources: SOURCES })).message).toMatch(
      /s1 has the fingerprint of s0 but other run arguments: one of them was edited/,
    );
    const all = parts.map((p) => ({ ...p, run: { ...(p['run'] as object), steps: 21 } }));
    const e = refusal(() => mergePartials(all, { sources: SOURCES }));
    expect(e.message).toMatch(
      /^mergePartials: s0: its run resolves to fingerprint sha256:\w+, not the sha256:\w+ it was written with/,
    );
  });

  it('edited units are refused with the path of the field: cohort, index, count, extra fields', () => {
    const cases: [(p: Record<string, any>) => unknown, string, RegExp][] = [
      [
        (p) => {
          p['units'][0].result.cohort =
            p['units'][0].result.cohort === 'control' ? 'at-risk' : 'control';
        },
        'units[0].result.cohort',
        /must be '(control|at-risk)' for user 3/,
      ],
      [(p) => void (p['units'][1].index = 7), 'units[1].index', /must be 4 \(got 7\)/],
      [(p) => void p['units'].pop(), 'units', /must hold the 3 users 3…5 of shard 1/],
      [(p) => void (p['units'][2].note = 'x'), 'units[2].note', /is not a known field/],
      [
        (p) => void (p['units'][0].result.runCounts = 'many'),
        'units[0].result.runCounts',
        /must be an array/,
      ],
    ];
    for (const [edit, path, message] of cases) {
      const e = refusal(() => mergePartials(withEdit(1, edit), { sources: SOURCES }));
      expect(e.path, path).toBe(path);
      expect(e.message).toMatch(/^mergePartials: s1: /);
      expect(e.message).toMatch(message);
    }
  });

  it('malformed partials are refused: not an object, another format, a newer version, an unknown kind, a missing field', () => {
    const cases: [unknown[], string, RegExp][] = [
      [
        [parts[0], 'partial', parts[2]],
        '',
        /s1: must be a partial result object \(got "partial"\)/,
      ],
      [
        withEdit(1, (p) => void (p['format'] = 'other')),
        'format',
        /format must be 'feed-rebalancer\/partial'/,
      ],
      [
        withEdit(1, (p) => void (p['version'] = 2)),
        'version',
        /version 2 was written by a newer feed-rebalancer/,
      ],
      [
        withEdit(1, (p) => {
          delete p['units'];
        }),
        'units',
        /units is missing/,
      ],
      [
        withEdit(1, (p) => void (p['shard'] = { index: 1 })),
        'shard.count',
        /shard.count must be an integer/,
      ],
      [
        parts.map((p) => ({ ...p, kind: 'calibrate' })),
        'kind',
        /s0: kind "calibrate" is not one this version merges \(expected one of simulate, compare, replay, tune\)/,
      ],
    ];
    for (const [partials, path, message] of cases) {
      const e = refusal(() => mergePartials(partials, { sources: SOURCES }));
      expect(e.path, path).toBe(path);
      expect(e.message).toMatch(message);
    }
    expect(refusal(() => mergePartials([])).path).toBe('partials');
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const nested = refusal(() => mergePartials(parts.map((p) => ({ ...p, run: deep }))));
    expect(nested.path).toBe('run');
  });

  it('__proto__ keys in a partial are refused as unknown fields and pollute nothing', () => {
    const polluted = (text: string) => JSON.parse(text) as Record<string, unknown>;
    const top = polluted(`{"__proto__": {"polluted": 1}, ${JSON.stringify(parts[1]).slice(1)}`);
    expect(refusal(() => mergePartials([parts[0], top, parts[2]], { sources: SOURCES })).path).toBe(
      '__proto__',
    );
    const inRun = parts.map((p) => ({
      ...p,
      run: polluted(`{"__proto__": {"polluted": 1}, ${JSON.stringify(p['run']).slice(1)}`),
    }));
    expect(refusal(() => mergePartials(inRun, { sources: SOURCES })).path).toBe('run.__proto__');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
