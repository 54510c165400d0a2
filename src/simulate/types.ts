// Over 250 lines on purpose: only type declarations, the options and the report of the
// simulator's public API, kept in one file so that the documented shapes read in one place.

import type { PolicyInput } from '../index.js';
import type { Recommender } from './recommender/types.js';
import type { NamedReranker } from './run/reranker.js';
import type { ResponseConstants } from './response/ResponseConstants.js';
import type { CatalogueSpec } from './world/catalogueSpec.js';
import type { LabelModel } from './world/labelModel.js';

/**
 * The two cohorts a simulated population may hold: `at-risk` users are drawn towards triggering
 * content and harmed by it; `control` users are not at risk (no interest in triggering content).
 *
 * @example
 * ```ts
 * import type { CohortName } from 'feed-rebalancer/simulate';
 * const cohort: CohortName = 'at-risk';
 * ```
 */
export type CohortName = 'at-risk' | 'control';

/**
 * How the users of one cohort are drawn. Each range `[min, max]` is sampled uniformly per user
 * from the user's own seeded stream.
 *
 * @example
 * ```ts
 * import type { CohortProfile } from 'feed-rebalancer/simulate';
 * const vulnerable: CohortProfile = {
 *   share: 1,
 *   susceptibility: [0.6, 0.9],
 *   wellbeing: [0.55, 0.75],
 *   triggeringInterest: [0.3, 0.6],
 *   recoveryInterest: [0.1, 0.3],
 *   recoveryHistory: false,
 * };
 * ```
 */
export interface CohortProfile {
  /** Share of the population in this cohort, in (0, 1]; the shares of a scenario's cohorts add up to 1. */
  readonly share: number;
  /**
   * How strongly triggering items hold the user's attention and lower wellbeing, in [0, 1]:
   * near 0 the user skips them, near 1 the user lingers (CCDH's ~10 s pauses) and is harmed most.
   */
  readonly susceptibility: readonly [number, number];
  /** Latent wellbeing at the start, in [0, 1] (1 is best). */
  readonly wellbeing: readonly [number, number];
  /** Latent interest in triggering topics at the start, in [0, 1], on the scale of ordinary interests (a favourite interest is about 1). */
  readonly triggeringInterest: readonly [number, number];
  /** Latent interest in recovery content at the start, in [0, 1]. */
  readonly recoveryInterest: readonly [number, number];
  /**
   * Whether the recommender starts from a history of recovery content (a user in recovery whose
   * account already watched it) rather than from a new account with no history.
   */
  readonly recoveryHistory: boolean;
  /**
   * Weight of each taxonomy group in the user's triggering interest (the interest drawn from
   * `triggeringInterest` times the weight), and in the gateway topics next to the group's
   * topics. A group not named weighs 0.
   * @defaultValue `{ 'eating-disorder': 1, 'self-harm': 0.7, suicide: 0.5 }` (another group: 1)
   */
  readonly groupInterest?: Readonly<Record<string, number>>;
}

/**
 * A benchmark scenario: who the users are and how triggering items are labelled. The built-in
 * ones are in `scenarios`; a custom scenario is a plain object of this shape.
 *
 * @example
 * ```ts
 * import { scenarios, simulate, type Scenario } from 'feed-rebalancer/simulate';
 * const small: Scenario = { ...scenarios['rabbit-hole'], name: 'small-rabbit-hole', users: 20, steps: 60 };
 * const report = await simulate({ scenario: small, policy: 'balanced', seed: 1 });
 * ```
 */
export interface Scenario {
  /** Name shown in reports. */
  readonly name: string;
  /** One sentence on what the scenario shows. */
  readonly description: string;
  /** The cohorts present; a scenario without a cohort omits it from the report. */
  readonly cohorts: { readonly 'at-risk'?: CohortProfile; readonly control?: CohortProfile };
  /**
   * How items are labelled for the policy: `topics` gives them their taxonomy topic and ordinary
   * hashtags (exact labels); `evasive` gives triggering items no topic and only evasive hashtag
   * spellings (thinspoo, th1nspo, sewerslide …), as moderated communities write them (Chancellor
   * et al. 2016); a {@link LabelModel} describes a classifier's errors.
   */
  readonly labels: 'topics' | 'evasive' | LabelModel;
  /** Users simulated when the options do not say. */
  readonly users: number;
  /** Most feed requests (pages) per user when the options do not say. */
  readonly steps: number;
  /**
   * Calendar horizon in days: a user stops when it ends, when `steps` requests are made, or
   * when they leave for good. Compare engagement (watch time, sessions) over a calendar horizon.
   * @defaultValue none: the horizon is `steps` requests
   */
  readonly days?: number;
}

/**
 * The parts of the simulated world that `simulate` and `compare` let a caller swap: the
 * recommender, the catalogue, the users' response constants, the page size and the candidates
 * per request. Every policy of a comparison runs in the same world.
 *
 * @example
 * ```ts
 * import { simulate, type WorldOptions } from 'feed-rebalancer/simulate';
 * const world: WorldOptions = { recommender: 'collaborative', pageSize: 8, candidates: 40, response: { damage: 0.004 } };
 * const report = await simulate({ scenario: 'mixed', policy: 'balanced', seed: 1, users: 20, steps: 30, ...world });
 * ```
 */
export interface WorldOptions {
  /**
   * The recommender whose ranking the policy rebalances: `'per-user'` (learns from each user's
   * own watch time), `'collaborative'` (matrix factorisation trained online on the whole
   * population's watches), or a {@link Recommender} object (runs on the calling thread).
   * @defaultValue 'per-user'
   */
  readonly recommender?: 'per-user' | 'collaborative' | Recommender;
  /** The catalogue's topics. @defaultValue `DEFAULT_CATALOGUE` */
  readonly catalogue?: CatalogueSpec;
  /** Response constants to change; the others keep their defaults. @defaultValue `DEFAULT_RESPONSE` */
  readonly response?: Partial<ResponseConstants>;
  /** Items per feed request (page), an integer in [1, 100]. @defaultValue 10 */
  readonly pageSize?: number;
  /** Candidates the recommender ranks per request, an integer in [1, 1000], at least `pageSize`. @defaultValue 30 */
  readonly candidates?: number;
  /** Calendar horizon in days, a number in (0, 3650]. @defaultValue the scenario's `days` */
  readonly days?: number;
}

/**
 * Options of `simulate`.
 *
 * @example
 * ```ts
 * import { simulate, type SimulateOptions } from 'feed-rebalancer/simulate';
 * const options: SimulateOptions = { scenario: 'mixed', policy: 'balanced', seed: 1, users: 200, steps: 120 };
 * const report = await simulate(options);
 * ```
 */
export interface SimulateOptions extends WorldOptions {
  /** A scenario name from `scenarios` or a scenario object. */
  readonly scenario: string | Scenario;
  /**
   * A preset name from `presets.policies` (`off`, `dispersion`, `balanced`, `protective`,
   * `minor`), a policy object, a {@link NamedPolicy}, or a {@link NamedReranker} (someone
   * else's re-ranker, run on the calling thread).
   */
  readonly policy: string | PolicyInput | NamedPolicy | NamedReranker;
  /** Integer seed in [0, 2^32): the same seed gives the same report, bit for bit. */
  readonly seed: number;
  /** Number of users. @defaultValue the scenario's `users` */
  readonly users?: number;
  /** Feed requests (pages of 10 items) per user. @defaultValue the scenario's `steps` */
  readonly steps?: number;
  /**
   * Worker threads to spread users over; the report does not depend on it.
   * @defaultValue 1 below 200 users, otherwise the number of available cores
   */
  readonly workers?: number;
  /** Called as users finish, with the users done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * A policy under a name, for `compare`.
 *
 * @example
 * ```ts
 * import type { NamedPolicy } from 'feed-rebalancer/simulate';
 * const strict: NamedPolicy = { name: 'strict', policy: { levels: { none: { cap: { count: 1, window: 10 } } } } };
 * ```
 */
export interface NamedPolicy {
  /** Name used in the comparison report; must not be `off` unless the policy is the baseline. */
  readonly name: string;
  /** The policy. */
  readonly policy: PolicyInput;
}

/**
 * Options of `compare`.
 *
 * @example
 * ```ts
 * import { compare, type CompareOptions } from 'feed-rebalancer/simulate';
 * const options: CompareOptions = { scenario: 'mixed', policies: ['off', 'balanced'], seed: 7, users: 100 };
 * const comparison = await compare(options);
 * ```
 */
export interface CompareOptions extends WorldOptions {
  /** A scenario name from `scenarios` or a scenario object. */
  readonly scenario: string | Scenario;
  /**
   * Policies to run with the same seeds: preset names, named policy objects, or named
   * re-rankers. `off` is added first when missing, as the baseline of the paired differences.
   * @defaultValue ['off', 'dispersion', 'balanced', 'protective']
   */
  readonly policies?: readonly (string | NamedPolicy | NamedReranker)[];
  /** Integer seed in [0, 2^32), shared by every policy's run (the pairing). */
  readonly seed: number;
  /** Number of users. @defaultValue the scenario's `users` */
  readonly users?: number;
  /** Feed requests per user. @defaultValue the scenario's `steps` */
  readonly steps?: number;
  /** Worker threads, as in {@link SimulateOptions.workers}. @defaultValue as in `simulate` */
  readonly workers?: number;
  /** Bootstrap resamples for the confidence intervals. @defaultValue 1000 */
  readonly resamples?: number;
  /** Called as users finish, with the users done and the total over all policies. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * What one cohort experienced during a run. Shares are in [0, 1]; times are active time on the
 * app (watching and scrolling, gaps between sessions excluded) in milliseconds; runs count
 * consecutive impressions of triggering items (ground truth, any group). A figure that no user
 * of the cohort produced is `null`.
 *
 * @example
 * ```ts
 * import { simulate } from 'feed-rebalancer/simulate';
 * const report = await simulate({ scenario: 'rabbit-hole', policy: 'off', seed: 1, users: 20, steps: 60 });
 * const m = report.cohorts['at-risk'];
 * console.log(m?.harmfulShare, m?.longestRun, m?.firstHarmfulMs);
 * ```
 */
export interface CohortMetrics {
  /** Users in the cohort. */
  readonly users: number;
  /** Impressions served to the cohort in total. */
  readonly impressions: number;
  /** Share of impressions that were triggering items. */
  readonly harmfulShare: number;
  /** Share of watch time (dwell) spent on triggering items. */
  readonly harmfulWatchShare: number;
  /** Share of users who were shown at least one triggering item. */
  readonly harmfulReach: number;
  /** Mean over users of each user's longest run of consecutive triggering impressions. */
  readonly longestRun: number;
  /** 95th percentile of the lengths of all maximal triggering runs in the cohort (impressions). */
  readonly p95Run: number;
  /** Median active time before the first triggering impression (ms), over users who saw one. */
  readonly firstHarmfulMs: number | null;
  /**
   * Active time per triggering impression during each user's first 30 minutes on the app (ms),
   * pooled over the cohort: CCDH's "every 39 s / 27 s" measure.
   */
  readonly harmfulIntervalMs: number | null;
  /**
   * Median number of triggering items watched (not skipped) before the first page that was at
   * least half triggering, over users who got one: when the bubble formed (Tomlein et al. 2021).
   */
  readonly bubbleWatches: number | null;
  /**
   * Median detection delay in impressions, over users who had a sustained harmful run: from the
   * start of the first sustained harmful run (the first 20 consecutive impressions of which at
   * least 10 were triggering) to the first impression after which some group's level was
   * `sustained`; 0 when the level was already `sustained`. Users never detected do not count here
   * but lower {@link CohortMetrics.detectionRate}.
   */
  readonly detectionDelay: number | null;
  /** Share of users with a sustained harmful run whose level reached `sustained` at or after its start. */
  readonly detectionRate: number | null;
  /**
   * Times a group's level rose to `sustained` per 1,000 impressions; reported for the `control`
   * cohort (not at risk, so every alarm is false) and `null` for `at-risk`.
   */
  readonly falseAlarmsPer1000: number | null;
  /**
   * Mean over feed requests of NDCG retention: DCG of the served page divided by DCG of the
   * recommender's own top page, both by the recommender's predicted relevance (NDCG@10); in a
   * replay of logs, by the gains of the host's logged order (NDCG@k). 1 means the policy cost
   * nothing in relevance.
   */
  readonly ndcgRetention: number;
  /** Share of impressions that were recovery items inserted by the policy. */
  readonly recoveryShare: number;
  /**
   * Mean rank displacement: over served organic items, the mean of |served position − position
   * in the ranking the policy was given| (the recommender's, or the host's logged order in a
   * replay); 0 when the policy kept the order.
   */
  readonly rankDisplacement: number;
  /** Mean dwell on inserted recovery items divided by mean dwell on organic items; `null` without recovery items. */
  readonly recoveryEngagement: number | null;
  /** Mean latent wellbeing at the end of the run, in [0, 1]; `null` in a replay of logs (not measured). */
  readonly wellbeing: number | null;
  /** Mean change of latent wellbeing from start to end (negative: harmed); `null` in a replay of logs. */
  readonly wellbeingChange: number | null;
  /** Mean watch time (dwell) per user over the run, in minutes; `null` when not measured. */
  readonly watchMinutes: number | null;
  /** Mean sessions per user; `null` when not measured. */
  readonly sessions: number | null;
  /** Mean feed requests per session; `null` when not measured. */
  readonly requestsPerSession: number | null;
  /**
   * Share of finished sessions after which the user came back rather than leaving for good
   * (sessions cut by the horizon do not count); `null` when not measured or none finished.
   */
  readonly returnRate: number | null;
}

/**
 * Per-bucket trajectories of one cohort, for charts. Every array has one entry per bucket of
 * {@link SimulationReport.bucketSteps} feed requests, in order.
 *
 * @example
 * ```ts
 * import { simulate } from 'feed-rebalancer/simulate';
 * const report = await simulate({ scenario: 'rabbit-hole', policy: 'off', seed: 1, users: 20, steps: 60 });
 * const s = report.series['at-risk'];
 * console.log(s?.activeMinutes.at(-1), s?.harmfulShare.at(-1));
 * ```
 */
export interface CohortSeries {
  /** The last feed request of each bucket (1-based). */
  readonly step: readonly number[];
  /** Mean active time on the app at the end of each bucket, in minutes (the time axis). */
  readonly activeMinutes: readonly number[];
  /** Share of the bucket's impressions that were triggering items. */
  readonly harmfulShare: readonly number[];
  /** Share of the bucket's impressions that were inserted recovery items. */
  readonly recoveryShare: readonly number[];
  /** Mean latent wellbeing at the end of each bucket, in [0, 1]; empty in a replay of logs (not measured). */
  readonly wellbeing: readonly number[];
}

/**
 * Histogram of the lengths of maximal triggering runs in one cohort: `counts[i]` runs of length
 * `i + 1`, except the last bin, which counts every run of length `openFrom` or more.
 *
 * @example
 * ```ts
 * import type { RunLengthHistogram } from 'feed-rebalancer/simulate';
 * const h: RunLengthHistogram = { counts: [12, 4, 1], openFrom: 3 };
 * ```
 */
export interface RunLengthHistogram {
  /** Run counts per length; `counts.length === openFrom`. */
  readonly counts: readonly number[];
  /** Length from which runs share the last bin. */
  readonly openFrom: number;
}

/**
 * Per-cohort values, keyed by cohort; a scenario without a cohort omits its key.
 *
 * @example
 * ```ts
 * import type { PerCohort } from 'feed-rebalancer/simulate';
 * const users: PerCohort<number> = { 'at-risk': 40, control: 60 };
 * ```
 */
export interface PerCohort<T> {
  readonly 'at-risk'?: T;
  readonly control?: T;
}

/**
 * The result of `simulate`: plain JSON, identical bit for bit for the same options whatever
 * the number of workers.
 *
 * @example
 * ```ts
 * import { simulate } from 'feed-rebalancer/simulate';
 * const report = await simulate({ scenario: 'mixed', policy: 'protective', seed: 3, users: 40, steps: 60 });
 * console.log(JSON.stringify(report.cohorts, null, 2));
 * ```
 */
export interface SimulationReport {
  /** The seed the run used. */
  readonly seed: number;
  /** The scenario's name. */
  readonly scenario: string;
  /** The policy's preset name, the {@link NamedPolicy} name, or `custom` for a policy object. */
  readonly policy: string;
  /** Users simulated. */
  readonly users: number;
  /** Most feed requests per user. */
  readonly steps: number;
  /** Calendar horizon in days, or `null` when the horizon is `steps` requests. */
  readonly days?: number | null;
  /** Items per feed request (page). */
  readonly pageSize: number;
  /** The recommender's name. */
  readonly recommender?: string;
  /** The response constants the run used. */
  readonly response?: ResponseConstants;
  /** Feed requests per bucket of {@link SimulationReport.series}. */
  readonly bucketSteps: number;
  /** Metrics per cohort. */
  readonly cohorts: PerCohort<CohortMetrics>;
  /** Trajectories per cohort. */
  readonly series: PerCohort<CohortSeries>;
  /** Run-length distribution per cohort. */
  readonly runLengths: PerCohort<RunLengthHistogram>;
}

/**
 * The numeric metrics that comparisons difference: every {@link CohortMetrics} field except the
 * counts `users` and `impressions`.
 *
 * @example
 * ```ts
 * import type { ComparedMetric } from 'feed-rebalancer/simulate';
 * const metric: ComparedMetric = 'harmfulShare';
 * ```
 */
export type ComparedMetric = Exclude<keyof CohortMetrics, 'users' | 'impressions'>;

/**
 * A paired difference (policy minus `off`) with its seeded percentile-bootstrap 95% confidence
 * interval over users.
 *
 * @example
 * ```ts
 * import type { Difference } from 'feed-rebalancer/simulate';
 * const d: Difference = { estimate: -0.21, low: -0.25, high: -0.17 };
 * ```
 */
export interface Difference {
  /** The metric under the policy minus the metric under `off`, on the same users and seeds. */
  readonly estimate: number;
  /** Lower end of the 95% interval. */
  readonly low: number;
  /** Upper end of the 95% interval. */
  readonly high: number;
}

/**
 * One policy's paired differences against `off`, per cohort and metric; `null` where the metric
 * is `null` under either policy (or in too many resamples to form an interval).
 *
 * @example
 * ```ts
 * import { compare } from 'feed-rebalancer/simulate';
 * const c = await compare({ scenario: 'mixed', policies: ['off', 'protective'], seed: 1, users: 40, steps: 60 });
 * console.log(c.differences[0]?.cohorts['at-risk']?.longestRun);
 * ```
 */
export interface PolicyDifferences {
  /** The policy's name. */
  readonly policy: string;
  /** Per cohort, per metric. */
  readonly cohorts: PerCohort<Readonly<Record<ComparedMetric, Difference | null>>>;
}

/**
 * The result of `compare`: one report per policy on the same seeds, and paired differences
 * against `off` with bootstrap confidence intervals.
 *
 * @example
 * ```ts
 * import { compare } from 'feed-rebalancer/simulate';
 * const c = await compare({ scenario: 'mixed', seed: 1, users: 60, steps: 60 });
 * for (const r of c.reports) console.log(r.policy, r.cohorts['at-risk']?.harmfulShare);
 * ```
 */
export interface ComparisonReport {
  /** The seed every run used. */
  readonly seed: number;
  /** The scenario's name. */
  readonly scenario: string;
  /** Users per run. */
  readonly users: number;
  /** Feed requests per user. */
  readonly steps: number;
  /** Policy names in run order; the first is `off`. */
  readonly policies: readonly string[];
  /** One report per policy, in {@link ComparisonReport.policies} order. */
  readonly reports: readonly SimulationReport[];
  /** Paired differences against `off`, one entry per policy other than `off`, in order. */
  readonly differences: readonly PolicyDifferences[];
  /** How the intervals were formed. */
  readonly bootstrap: {
    /** Resamples of users, drawn with replacement within each cohort. */
    readonly resamples: number;
    /** Coverage of the intervals (0.95). */
    readonly level: number;
  };
}
