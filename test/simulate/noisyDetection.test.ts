/**
 * Detection under noisy labels: the `noisy` scenario labels items with an imperfect classifier
 * (recall below 1, false positives on ordinary items, borderline and multi-label items, some
 * evasive spellings). Counting confidences as evidence (`detection.evidence: 'confidence'`)
 * should weigh a false positive at its confidence (0.5–0.9) instead of as a full triggering
 * impression, so control users see fewer false alarms than when labels are counted.
 */
import { describe, expect, it } from 'vitest';
import { presets, type PolicyInput } from '../../src/index.js';
import { compare } from '../../src/simulate/index.js';

const SIZE = { seed: 1, users: 40, steps: 80, resamples: 20 } as const;

function withEvidence(evidence: 'labels' | 'confidence'): PolicyInput {
  const p = presets.policies.protective;
  return { ...p, detection: { ...p.detection, evidence } } as PolicyInput;
}

const POLICIES = [
  'off',
  { name: 'labels', policy: withEvidence('labels') },
  { name: 'confidence', policy: withEvidence('confidence') },
] as const;

describe("detection.evidence under the simulator's label models", () => {
  it("compare(mixed) with exact labels: evidence 'confidence' and 'labels' give the same runs (every confidence is 0 or 1)", async () => {
    const c = await compare({ ...SIZE, scenario: 'mixed', policies: POLICIES });
    const [, labels, confidence] = c.reports;
    expect(JSON.stringify(confidence!.cohorts)).toBe(JSON.stringify(labels!.cohorts));
  });

  it("compare(noisy): evidence 'confidence' raises fewer false alarms on control users than 'labels', and lets no more harm through", async () => {
    const c = await compare({ ...SIZE, scenario: 'noisy', policies: POLICIES });
    const [off, labels, confidence] = c.reports;
    const fa = (r: typeof off) => r!.cohorts.control!.falseAlarmsPer1000!;
    // Under noise, counting labels alarms on control users' false positives.
    expect(fa(labels)).toBeGreaterThan(0);
    expect(fa(confidence)).toBeLessThan(fa(labels));
    const harm = (r: typeof off) => r!.cohorts['at-risk']!.harmfulShare;
    expect(harm(confidence)).toBeLessThanOrEqual(harm(labels) + 0.01);
    expect(harm(confidence)).toBeLessThan(0.6 * harm(off));
  });
});
