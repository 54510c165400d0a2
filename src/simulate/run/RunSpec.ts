import type { PolicyInput } from '../../policy/types.js';
import type { CohortName, Scenario } from '../types.js';

/** Time between the end of one item and the next (scrolling), ms. @internal */
export const SCROLL_MS = 800;

/** Items per feed request. @internal */
export const PAGE_SIZE = 10;

/**
 * A run resolved from the options: everything a worker needs to simulate any range of users,
 * as plain data (it is posted to workers by structured clone).
 *
 * @internal
 */
export interface RunSpec {
  readonly seed: number;
  readonly scenario: Scenario;
  /** Name of the policy in reports. */
  readonly policyName: string;
  readonly policy: PolicyInput;
  readonly users: number;
  readonly steps: number;
  readonly bucketSteps: number;
}

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
