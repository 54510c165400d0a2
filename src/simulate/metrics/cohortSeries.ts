import type { CohortSeries, RunLengthHistogram } from '../types.js';
import { MAX_RUN_TRACKED, type UserResult } from './UserResult.js';

/** Runs of this length or more share the histogram's last bin. @internal */
export const RUN_HISTOGRAM_OPEN_FROM = 30;

/**
 * A cohort's trajectories: per bucket of feed requests, pooled shares and the mean time axis
 * and wellbeing over the cohort's users who made a request in the bucket (in index order).
 * `wellbeing` is empty when the users' wellbeing is not measured (a replay of logs).
 *
 * @param results - the cohort's users, in index order
 * @param steps - feed requests per user
 * @param bucketSteps - feed requests per bucket
 * @returns the series
 * @internal
 */
export function cohortSeries(
  results: readonly UserResult[],
  steps: number,
  bucketSteps: number,
): CohortSeries {
  const buckets = Math.ceil(steps / bucketSteps);
  const step: number[] = [];
  const activeMinutes: number[] = [];
  const harmfulShare: number[] = [];
  const recoveryShare: number[] = [];
  const wellbeing: number[] = [];
  for (let b = 0; b < buckets; b++) {
    let impressions = 0;
    let harmful = 0;
    let recovery = 0;
    let activeMs = 0;
    let wellbeingSum = 0;
    let present = 0;
    for (let u = 0; u < results.length; u++) {
      const r = results[u]!;
      // A user who stopped before this bucket (left, or reached the horizon) is not in it.
      if (r.bucketImpressions[b] === 0) continue;
      present++;
      impressions += r.bucketImpressions[b]!;
      harmful += r.bucketHarmful[b]!;
      recovery += r.bucketRecovery[b]!;
      activeMs += r.bucketActiveMs[b]!;
      wellbeingSum += r.bucketWellbeing[b]!;
    }
    const users = Math.max(1, present);
    step.push(Math.min((b + 1) * bucketSteps, steps));
    activeMinutes.push(activeMs / users / 60_000);
    harmfulShare.push(impressions > 0 ? harmful / impressions : 0);
    recoveryShare.push(impressions > 0 ? recovery / impressions : 0);
    wellbeing.push(wellbeingSum / users);
  }
  const measured = results.every((r) => r.wellbeingStart !== null);
  return { step, activeMinutes, harmfulShare, recoveryShare, wellbeing: measured ? wellbeing : [] };
}

/**
 * A cohort's run-length histogram, runs of {@link RUN_HISTOGRAM_OPEN_FROM} or more in the last bin.
 *
 * @internal
 */
export function runLengthHistogram(results: readonly UserResult[]): RunLengthHistogram {
  const counts = new Array<number>(RUN_HISTOGRAM_OPEN_FROM).fill(0);
  for (const r of results) {
    const top = Math.min(r.longestRun, MAX_RUN_TRACKED);
    for (let length = 1; length <= top; length++) {
      counts[Math.min(length, RUN_HISTOGRAM_OPEN_FROM) - 1]! += r.runCounts[length]!;
    }
  }
  return { counts, openFrom: RUN_HISTOGRAM_OPEN_FROM };
}
