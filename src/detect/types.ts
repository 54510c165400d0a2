/**
 * How well the classifier that labels items finds a group's content: the share of triggering
 * items it labels triggering (`recall`) and the share of other items it labels triggering all
 * the same (`falsePositiveRate`). A detector on labels sees the label rate
 * p′ = recall·p + falsePositiveRate·(1 − p), not the content rate p.
 *
 * @example
 * ```ts
 * import type { ClassifierRates } from 'feed-rebalancer';
 * const classifier: ClassifierRates = { recall: 0.9, falsePositiveRate: 0.02 };
 * ```
 */
export interface ClassifierRates {
  /** Share of triggering items labelled triggering, in (0, 1]. */
  readonly recall: number;
  /** Share of other items labelled triggering, in [0, recall). */
  readonly falsePositiveRate: number;
}

/**
 * Arguments of `cusumArl`.
 *
 * @example
 * ```ts
 * import { cusumArl, type CusumArlInput } from 'feed-rebalancer';
 * const input: CusumArlInput = { p: 0.05, gamma: 1 / 7, h: 4 };
 * cusumArl(input);
 * ```
 */
export interface CusumArlInput {
  /** Probability that an impression is triggering, in (0, 1). */
  readonly p: number;
  /** Reference value γ of the CUSUM, in (0, 1). */
  readonly gamma: number;
  /** Alarm threshold h > 0: the CUSUM alarms when S ≥ h. */
  readonly h: number;
  /**
   * The classifier behind the labels: with it, `p` is the rate of triggering content and the
   * ARL is evaluated at the label rate p′ = recall·p + falsePositiveRate·(1 − p).
   *
   * @defaultValue a perfect classifier: `p` is the label rate
   */
  readonly classifier?: ClassifierRates;
}

/**
 * Arguments of `designCusum`.
 *
 * @example
 * ```ts
 * import { designCusum, type DesignCusumInput } from 'feed-rebalancer';
 * const input: DesignCusumInput = { p0: 0.05, p1: 0.3, targetArl0: 1000 };
 * designCusum(input);
 * ```
 */
export interface DesignCusumInput {
  /** Triggering rate of a user who is not at risk, in (0, 1). */
  readonly p0: number;
  /** Triggering rate to detect, in (p0, 1). */
  readonly p1: number;
  /** Smallest acceptable average run length at `p0` (impressions between false alarms), in (1, 1e12]. */
  readonly targetArl0: number;
  /** Spacing of the grid of thresholds h that is searched. @defaultValue 0.05 */
  readonly step?: number;
  /**
   * The classifier behind the labels: with it, `p0` and `p1` are rates of triggering content,
   * and the design is made for the label rates the detector sees,
   * p′ = recall·p + falsePositiveRate·(1 − p) — returned as the design's `p0` and `p1`, the
   * values to write in the policy.
   *
   * @defaultValue a perfect classifier: `p0` and `p1` are label rates
   */
  readonly classifier?: ClassifierRates;
}

/**
 * A Bernoulli CUSUM design: the threshold and what it achieves.
 *
 * @example
 * ```ts
 * import { designCusum, type CusumDesign } from 'feed-rebalancer';
 * const design: CusumDesign = designCusum({ p0: 0.05, p1: 0.3, targetArl0: 1000 });
 * console.log(design.h, design.arl0, design.arl1);
 * ```
 */
export interface CusumDesign {
  /**
   * The label rate p0 to write in the policy's `detection`: the input p0, or with a classifier
   * the rate of labels a user at content rate p0 produces.
   */
  readonly p0: number;
  /** The label rate p1 to write in the policy's `detection`, likewise. */
  readonly p1: number;
  /** Smallest threshold on the grid whose ARL at p0 reaches the target. */
  readonly h: number;
  /** Reference value γ derived from the design's p0 and p1, exactly as the detector derives it. */
  readonly gamma: number;
  /** Average run length at p0: expected impressions to a false alarm, from S = 0. */
  readonly arl0: number;
  /** Average run length at p1: expected impressions to detection, from S = 0. */
  readonly arl1: number;
}

/**
 * Arguments of `runArl`.
 *
 * @example
 * ```ts
 * import { runArl, type RunArlInput } from 'feed-rebalancer';
 * const input: RunArlInput = { p: 0.3, length: 5 };
 * runArl(input);
 * ```
 */
export interface RunArlInput {
  /** Probability that an impression is triggering, in (0, 1). */
  readonly p: number;
  /** Triggering impressions in a row that raise the alarm, an integer ≥ 1. */
  readonly length: number;
}

/**
 * Arguments of `windowArl`.
 *
 * @example
 * ```ts
 * import { windowArl, type WindowArlInput } from 'feed-rebalancer';
 * const input: WindowArlInput = { p: 0.05, count: 4, window: 10 };
 * windowArl(input);
 * ```
 */
export interface WindowArlInput {
  /** Probability that an impression is triggering, in (0, 1). */
  readonly p: number;
  /** Triggering impressions among the last `window` that raise the alarm, an integer ≥ 1. */
  readonly count: number;
  /** Length of the sliding window, an integer ≥ `count`. */
  readonly window: number;
}

/**
 * Arguments of `ewmaArl`.
 *
 * @example
 * ```ts
 * import { ewmaArl, type EwmaArlInput } from 'feed-rebalancer';
 * const input: EwmaArlInput = { p: 0.05, lambda: 0.1, limit: 0.3 };
 * ewmaArl(input);
 * ```
 */
export interface EwmaArlInput {
  /** Probability that an impression is triggering, in (0, 1). */
  readonly p: number;
  /** Smoothing weight λ of the newest impression, in (0, 1]. */
  readonly lambda: number;
  /** Alarm limit on z, in (0, 1). */
  readonly limit: number;
  /** Grid points of the discretised statistic. @defaultValue 2000 */
  readonly cells?: number;
}
