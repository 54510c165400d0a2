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
    // ARL0 ≈ 2,315 impressions (0.43 false alarms per 1,000) at p0 = 0.05; about 12 impressions
    // to alarm at p = 0.37, the share CCDH's vulnerable accounts saw (designCusum).
    detection: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.55, hold: 10 },
    levels: {
      elevated: { cap: { count: 2, window: 8 } },
      sustained: { cap: { count: 1, window: 6 }, recoveryEvery: 5 },
    },
    recovery: { cooldown: 50, maxShare: 0.25 },
  },
  protective: {
    // ARL0 ≈ 585 impressions (1.7 false alarms per 1,000) for about 9 impressions to alarm at
    // p = 0.37 and 6 at p = 0.5 (Amnesty's share after hours of use).
    detection: { kind: 'cusum', p0: 0.05, p1: 0.2, h: 2.25, hold: 20 },
    levels: {
      none: { cap: { count: 2, window: 10 } },
      elevated: { cap: { count: 1, window: 6 }, recoveryEvery: 6 },
      sustained: { cap: { count: 1, window: 10 }, recoveryEvery: 4 },
    },
    recovery: { cooldown: 50, maxShare: 0.3 },
  },
  minor: {
    audience: 'minor',
    detection: { kind: 'cusum', p0: 0.05, p1: 0.2, h: 2.25, hold: 20 },
    levels: {
      none: { cap: { count: 0, window: 1 } },
      elevated: { cap: { count: 0, window: 1 }, recoveryEvery: 8 },
      sustained: { cap: { count: 0, window: 1 }, recoveryEvery: 5 },
    },
    recovery: { cooldown: 50, maxShare: 0.25 },
  },
} as const satisfies Record<string, PolicyInput>;
