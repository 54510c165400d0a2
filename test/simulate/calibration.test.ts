import { describe, expect, it } from 'vitest';
import { simulate, type SimulationReport } from '../../src/simulate/index.js';

/**
 * Calibration of the unconstrained baseline (`off`) against public audits; the bands and why
 * they are set so are in docs/simulation.md. 24 users × 300 requests per scenario (about six
 * hours on the app each), seed 7.
 */
// Run at collection time so that the measured figures can appear in the test names.
const options = { policy: 'off', seed: 7, users: 24, steps: 300 } as const;
const rabbitHole: SimulationReport = await simulate({ ...options, scenario: 'rabbit-hole' });
const control: SimulationReport = await simulate({ ...options, scenario: 'control' });

const atRisk = rabbitHole.cohorts['at-risk']!;
const others = control.cohorts.control!;
const series = rabbitHole.series['at-risk']!;
const fiveToSix = series.harmfulShare.filter(
  (_, b) => series.activeMinutes[b]! >= 300 && series.activeMinutes[b]! <= 360,
);
const shareAtFiveToSix = fiveToSix.reduce((a, b) => a + b, 0) / fiveToSix.length;
const show = (x: number | null, digits: number, scale = 1) =>
  x === null ? 'none' : (x / scale).toFixed(digits);

describe('calibration of the off baseline (rabbit-hole and control, seed 7, 24 users × 300 requests)', () => {
  it(`CCDH 2022 (ED content within 8 min for new teen accounts): at-risk median first triggering item ≤ 8 min and reach ≥ 90% (measured ${show(atRisk.firstHarmfulMs, 2, 60_000)} min, reach ${atRisk.harmfulReach})`, () => {
    expect(atRisk.firstHarmfulMs).not.toBeNull();
    expect(atRisk.firstHarmfulMs!).toBeLessThanOrEqual(8 * 60_000);
    expect(atRisk.harmfulReach).toBeGreaterThanOrEqual(0.9);
  });

  it(`CCDH 2022 (one such video every 39 s standard, 27 s vulnerable): at-risk time per triggering impression in the first 30 min within [20 s, 60 s] (measured ${show(atRisk.harmfulIntervalMs, 1, 1000)} s)`, () => {
    expect(atRisk.harmfulIntervalMs).not.toBeNull();
    expect(atRisk.harmfulIntervalMs!).toBeGreaterThanOrEqual(20_000);
    expect(atRisk.harmfulIntervalMs!).toBeLessThanOrEqual(60_000);
  });

  it(`Amnesty 2023 (almost 1 in 2 harmful after 5–6 h): at-risk harmful share at 5–6 h on the app within [0.4, 0.8] (measured ${shareAtFiveToSix.toFixed(3)} over ${fiveToSix.length} buckets)`, () => {
    expect(fiveToSix.length).toBeGreaterThan(0);
    expect(shareAtFiveToSix).toBeGreaterThanOrEqual(0.4);
    expect(shareAtFiveToSix).toBeLessThanOrEqual(0.8);
  });

  it(`Amnesty 2023 (~10× fewer for accounts with no interest): control harmful share ≤ at-risk / 10 and ≤ 3% (measured ${others.harmfulShare.toFixed(4)} vs ${atRisk.harmfulShare.toFixed(4)})`, () => {
    expect(others.harmfulShare).toBeLessThanOrEqual(atRisk.harmfulShare / 10);
    expect(others.harmfulShare).toBeLessThanOrEqual(0.03);
  });

  it(`Tomlein et al. 2021 (bubble over ~17–26 watches): at-risk median triggering watches before a page at least half triggering within [9, 52] (measured ${show(atRisk.bubbleWatches, 1)})`, () => {
    expect(atRisk.bubbleWatches).not.toBeNull();
    expect(atRisk.bubbleWatches!).toBeGreaterThanOrEqual(9);
    expect(atRisk.bubbleWatches!).toBeLessThanOrEqual(52);
  });

  it('off changes nothing: NDCG@10 retention 1 and no recovery items for either cohort', () => {
    for (const m of [atRisk, others]) {
      expect(m.ndcgRetention).toBe(1);
      expect(m.recoveryShare).toBe(0);
    }
  });
});
