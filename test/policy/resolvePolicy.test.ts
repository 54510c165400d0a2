import { describe, expect, it } from 'vitest';
import { createRebalancer, presets, RebalanceError, resolvePolicy } from '../../src/index.js';

function policyError(policy: unknown): RebalanceError {
  try {
    createRebalancer({ taxonomy: presets.taxonomies.default, policy: policy as never });
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected a RebalanceError');
}

describe('resolvePolicy', () => {
  it.each([
    [{ minConfidence: 2 }, 'minConfidence', 'must be a number in (0, 1] (got 2)'],
    [{ minConfidence: Number.NaN }, 'minConfidence', '(got NaN)'],
    [
      { levels: { sustained: { recoveryEvery: 1 } } },
      'levels.sustained.recoveryEvery',
      'must be an integer in [2, 10000] (got 1)',
    ],
    [
      { levels: { sustained: { recoveryEvery: 2.5 } } },
      'levels.sustained.recoveryEvery',
      '(got 2.5)',
    ],
    [
      { levels: { elevated: { cap: { count: 3, window: 2 } } } },
      'levels.elevated.cap.count',
      'must be an integer in [0, 2] (got 3)',
    ],
    [{ levels: { extreme: {} } }, 'levels.extreme', 'is not a known field'],
    [{ recovery: { every: 0 } }, 'recovery.every', 'is not a known field'],
    [
      { detection: { kind: 'cusum', p0: 0.3, p1: 0.2, h: 4 } },
      'detection.p1',
      'must be a number in (0.3, 1)',
    ],
    [
      { detection: { kind: 'cusum', p0: 0, p1: 0.2, h: 4 } },
      'detection.p0',
      'must be a number in (0, 1)',
    ],
    [{ detection: { kind: 'run' } }, 'detection.length', '(got undefined)'],
    [
      { detection: { kind: 'window', count: 5, window: 4 } },
      'detection.count',
      'must be an integer in [1, 4]',
    ],
    [
      { detection: { kind: 'ewma', lambda: 0.2, limit: 0.4, h: 3 } },
      'detection.h',
      'is not a known field',
    ],
    [
      { detection: { kind: 'bayes' } },
      'detection.kind',
      "must be one of 'run', 'window', 'cusum', 'ewma'",
    ],
    [
      { levels: { sustained: { diversify: { kind: 'mmr', lambda: 1.5 } } } },
      'levels.sustained.diversify.lambda',
      'must be a number in [0, 1]',
    ],
    [{ onInvalidItem: 'ignore' }, 'onInvalidItem', "must be one of 'throw', 'skip'"],
    [{ audience: 'child' }, 'audience', "must be one of 'general', 'minor'"],
    [{ exposure: { halfLife: 0 } }, 'exposure.halfLife', 'must be a number in (0,'],
    [[], '', 'must be an object'],
  ])('createRebalancer(policy %j) throws code policy at path %s', (policy, path, fragment) => {
    const error = policyError(policy);
    expect(error.code).toBe('policy');
    expect(error.path).toBe(path);
    expect(error.message).toContain(fragment);
    expect(error.message.startsWith('createRebalancer: policy')).toBe(true);
  });

  it('resolvePolicy fills defaults, and a level missing from levels does nothing', () => {
    const p = resolvePolicy({ levels: { sustained: { cap: { count: 1, window: 5 } } } });
    expect(p.minConfidence).toBe(0.5);
    expect(p.detection.kind).toBe('cusum');
    expect(p.detection.hold).toBe(10);
    expect(p.levels.none).toEqual({ cap: null, recoveryEvery: null, diversify: null });
    expect(p.levels.elevated).toEqual({ cap: null, recoveryEvery: null, diversify: null });
    expect(p.levels.sustained.cap).toEqual({ count: 1, window: 5 });
    expect(p.recovery.cooldown).toBe(50);
  });

  it('resolvePolicy computes the Bernoulli CUSUM reference value γ of Reynolds & Stoumbos', () => {
    const p = resolvePolicy({ detection: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 4 } });
    const gamma = Math.log(0.95 / 0.7) / Math.log((0.3 * 0.95) / (0.05 * 0.7));
    expect(p.detection.kind === 'cusum' && p.detection.gamma).toBeCloseTo(gamma, 14);
    expect(gamma).toBeGreaterThan(0.05);
    expect(gamma).toBeLessThan(0.3);
  });

  it('every preset policy resolves, and off asks for nothing at any level', () => {
    for (const policy of Object.values(presets.policies))
      expect(() => resolvePolicy(policy)).not.toThrow();
    const off = resolvePolicy(presets.policies.off);
    for (const level of ['none', 'elevated', 'sustained'] as const)
      expect(off.levels[level]).toEqual({ cap: null, recoveryEvery: null, diversify: null });
    const minor = resolvePolicy(presets.policies.minor);
    expect(minor.audience).toBe('minor');
    for (const level of ['none', 'elevated', 'sustained'] as const)
      expect(minor.levels[level].cap?.count).toBe(0);
  });

  it('resolvePolicy never mutates its input and leaves Object.prototype alone', () => {
    const input = JSON.parse(
      '{"levels":{"sustained":{"cap":{"count":1,"window":4}}},"__proto__":{"polluted":true}}',
    ) as unknown;
    expect(() => resolvePolicy(input)).toThrow(RebalanceError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const frozen = Object.freeze({
      levels: Object.freeze({ sustained: Object.freeze({ recoveryEvery: 3 }) }),
    });
    expect(resolvePolicy(frozen).levels.sustained.recoveryEvery).toBe(3);
  });
});
