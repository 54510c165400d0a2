import type { PolicyInput } from '../../index.js';
import type { ProtocolSpec } from '../calibration/protocolSpec.js';
import type { SamplerSettings } from '../recommender/TopicSampler.js';
import type { Recommender } from '../recommender/types.js';
import type { Reranker } from './reranker.js';
import type { ResponseConstants } from '../response/ResponseConstants.js';
import type { CohortName, Scenario } from '../types.js';
import type { ResolvedLabels } from '../world/labelModel.js';
import type { TopicSpec } from '../world/topics.js';

/** Time between the end of one item and the next (scrolling), ms. @internal */
export const SCROLL_MS = 800;

/** Items per feed request unless the options say. @internal */
export const PAGE_SIZE = 10;

/** Candidates per feed request unless the options say. @internal */
export const CANDIDATES = 30;

/** The built-in recommenders, by name. @internal */
export type BuiltinRecommender = 'per-user' | 'collaborative';

/**
 * A run resolved from the options: everything a worker needs to simulate any range of users,
 * as plain data (it is posted to workers by structured clone). Parts that are functions (a
 * recommender or re-ranker object) travel beside it in {@link RunParts} and keep the run on the
 * calling thread.
 *
 * @internal
 */
export interface RunSpec {
  readonly seed: number;
  readonly scenario: Scenario;
  readonly labels: ResolvedLabels;
  readonly topics: readonly TopicSpec[];
  readonly response: ResponseConstants;
  /** Name of the policy in reports. */
  readonly policyName: string;
  /** The policy under test, or the one that keeps the state of a re-ranker under test. */
  readonly policy: PolicyInput;
  readonly users: number;
  readonly steps: number;
  /** Calendar horizon in ms, or `null`. */
  readonly horizonMs: number | null;
  readonly bucketSteps: number;
  readonly pageSize: number;
  readonly candidates: number;
  /** The recommender's name in reports. */
  readonly recommenderName: string;
  /** The built-in recommender, or `null` for a recommender object in {@link RunParts}. */
  readonly builtin: BuiltinRecommender | null;
  /** The built-in recommenders' learning rate and cold start (fitted by the calibration). */
  readonly sampler: SamplerSettings;
  /** A calibration protocol's script and measurements, or `null` for an ordinary run. */
  readonly protocol: ProtocolSpec | null;
}

/**
 * The parts of a run that cannot be posted to a worker: a recommender object, a re-ranker.
 *
 * @internal
 */
export interface RunParts {
  readonly recommender: Recommender | null;
  readonly rerank: Reranker | null;
}

/** A run with nothing but built-in parts. @internal */
export const NO_PARTS: RunParts = { recommender: null, rerank: null };

/**
 * Feed requests per series bucket: about 50 buckets whatever the run length.
 *
 * @internal
 */
export function bucketStepsFor(steps: number): number {
  return Math.max(1, Math.ceil(steps / 50));
}

/**
 * The cohort of user `index`: at-risk users are spread evenly through the population in the
 * proportion of the scenario's at-risk share (a Bresenham-style rule, so cohort sizes are exact
 * and do not depend on how users are split over workers).
 *
 * @internal
 */
export function cohortOf(scenario: Scenario, index: number): CohortName {
  const atRisk = scenario.cohorts['at-risk'];
  if (atRisk === undefined) return 'control';
  if (scenario.cohorts.control === undefined) return 'at-risk';
  const share = atRisk.share;
  return Math.floor((index + 1) * share) > Math.floor(index * share) ? 'at-risk' : 'control';
}
