import { describe, expect, it } from 'vitest';
import { ARMS, TOPIC_SETS } from '../../src/simulate/calibration/protocols.js';
import { measureTargets } from '../../src/simulate/calibration/measureTargets.js';
import { TARGETS } from '../../src/simulate/calibration/targets.js';
import type { UserResult } from '../../src/simulate/metrics/UserResult.js';
import { runPopulation } from '../../src/simulate/run/runPopulation.js';
import { NO_PARTS, PAGE_SIZE } from '../../src/simulate/run/RunSpec.js';
import { runSpec } from './runSpec.js';

const MINUTE = 60_000;

/** A user result that carries only a probe (the calibration measures read nothing else here). */
const withProbe = (probe: number[]): UserResult =>
  ({ probe: Float64Array.from(probe), bubbleWatches: null, impressions: 1, harmful: 0 }) as never;

describe('calibration protocols', () => {
  it("measureTargets takes CCDH's first times as the earliest of each group of four accounts, the median over groups", () => {
    // Lingering-teen probe: [first eating-disorder ms, first suicide ms, window (2), watched (2)].
    const suicide = [10, 20, 30, 40, 50, 60, 70, Number.NaN, 90, 95, 99, Number.NaN];
    const teen = suicide.map((m, k) => withProbe([(k + 1) * MINUTE, m * MINUTE, 0, 1, 0, 0]));
    const table = measureTargets(new Map([['lingering-teen', teen]]), PAGE_SIZE);
    const at = (id: string) => table[TARGETS.findIndex((t) => t.id === id)]!.simulated;
    // Groups' earliest: 10, 50, 90 minutes; eating-disorder: 1, 5, 9 minutes.
    expect(at('ccdh-suicide')).toBe(50);
    expect(at('ccdh-eating-disorder')).toBe(5);
  });

  it('measureTargets reads Amnesty 2023 and Amnesty France from the re-watching arm and the Molly Rose Foundation from the engaged arm', () => {
    const rewatching = [withProbe([1, 4, 3, 4])];
    const engaged = [withProbe([9, 10])];
    const table = measureTargets(
      new Map([
        ['rewatching-teen', rewatching],
        ['engaged-teen', engaged],
      ]),
      PAGE_SIZE,
    );
    const at = (id: string) => table[TARGETS.findIndex((t) => t.id === id)]!.simulated;
    expect(at('amnesty-france-2025')).toBe(0.25);
    expect(at('amnesty-2023')).toBe(0.75);
    expect(at('molly-rose-2025')).toBe(0.9);
  });

  it('an engaged protocol has its accounts watch every item of its topics, whatever the response model says', async () => {
    const arm = ARMS.find((a) => a.name === 'engaged-teen')!;
    const spec = {
      ...runSpec({ scenario: arm.scenario, seed: 3, users: 4, steps: 30 }),
      protocol: {
        ...arm.protocol,
        probe: { ...arm.protocol.probe, windows: [], watched: [TOPIC_SETS.engagedHarmful] },
      },
    };
    const results = await runPopulation(spec, NO_PARTS, 1, () => undefined);
    let shown = 0;
    for (const r of results) {
      expect(r.probe![1]).toBe(r.probe![0]);
      shown += r.probe![0]!;
    }
    expect(shown).toBeGreaterThan(0);
  });
});
