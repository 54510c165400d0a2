import type { PolicyInput } from './types.js';

/**
 * Policy presets. Each number is justified in docs/policy.md from the detector design helpers
 * (false alarms on a not-at-risk user, detection delay on an at-risk one) and from published
 * platform practice.
 *
 * - `off`: changes nothing; the baseline for comparisons.
 * - `dispersion`: light caps for everyone, no detection needed (TikTok's "interrupt repetitive
 *   content patterns" as a plain density rule).
 * - `balanced`: nothing until the detector sees a sustained run; then caps and recovery items.
 * - `protective`: a more sensitive detector, caps for everyone and denser recovery.
 * - `minor`: filters the groups out entirely, as the UK children's codes require for suicide,
 *   self-harm and eating-disorder content in children's feeds.
 *
 * @internal
 */
export const policyPresets = {
  off: {},
  dispersion: {
    levels: {
      none: { cap: { count: 2, window: 8 } },
      elevated: { cap: { count: 2, window: 8 } },
      sustained: { cap: { count: 2, window: 8 } },
    },
  },
  balanced: {
    detection: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 4, hold: 10 },
    levels: {
      elevated: { cap: { count: 2, window: 8 } },
      sustained: { cap: { count: 1, window: 6 }, recoveryEvery: 5 },
    },
    recovery: { cooldown: 50, maxShare: 0.25 },
  },
  protective: {
    detection: { kind: 'cusum', p0: 0.05, p1: 0.25, h: 3, hold: 20 },
    levels: {
      none: { cap: { count: 2, window: 10 } },
      elevated: { cap: { count: 1, window: 6 }, recoveryEvery: 6 },
      sustained: { cap: { count: 1, window: 10 }, recoveryEvery: 4 },
    },
    recovery: { cooldown: 50, maxShare: 0.3 },
  },
  minor: {
    audience: 'minor',
    detection: { kind: 'cusum', p0: 0.05, p1: 0.25, h: 3, hold: 20 },
    levels: {
      none: { cap: { count: 0, window: 1 } },
      elevated: { cap: { count: 0, window: 1 }, recoveryEvery: 8 },
      sustained: { cap: { count: 0, window: 1 }, recoveryEvery: 5 },
    },
    recovery: { cooldown: 50, maxShare: 0.25 },
  },
} as const satisfies Record<string, PolicyInput>;
