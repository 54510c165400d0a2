/**
 * Defaults of every optional policy field, in one place. Each is documented on its field in
 * `PolicyInput`; the reasons for the numbers are in docs/policy.md.
 *
 * @internal
 */
export const POLICY_DEFAULTS = {
  audience: 'general',
  minConfidence: 0.5,
  exposure: {
    /** ~20 impressions: about the 17–26 watches over which audits saw a bubble form (Tomlein et al. 2021). */
    halfLife: 20,
    /** 6 hours away halves exposure. */
    halfLifeMs: 6 * 60 * 60 * 1000,
    /** 30 minutes without an impression starts a new session. */
    sessionGapMs: 30 * 60 * 1000,
    /** CCDH's test accounts paused ~10 s on target videos: that dwell weighs 1. */
    referenceDwellMs: 10_000,
    maxDwellWeight: 3,
  },
  /**
   * Reynolds & Stoumbos Bernoulli CUSUM, p0 = 0.05 → p1 = 0.3, h = 2.55: ARL0 ≈ 2,315 impressions
   * on a not-at-risk user, ≈ 12 at p = 0.37 (the `balanced` detector; see docs/detection.md).
   */
  detection: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.55 },
  hold: 10,
  /** Labels: what the detectors counted before confidences could be evidence. */
  evidence: 'labels',
  recovery: { cooldown: 50, maxShare: 1 },
  diversify: { theta: 0.7, depth: 100 },
  onInvalidItem: 'throw',
} as const;
