import type { CohortMetrics, CohortName } from '../types.js';
import { MAX_RUN_TRACKED, type UserResult } from './UserResult.js';

/**
 * Pools the users `indices` (into `results`, repeats allowed: a bootstrap resample) into a
 * cohort's metrics. Ratios are ratios of sums over users (each impression weighs the same), means
 * are over users, medians over the users who produced a value. Users are visited in `indices`
 * order, so the floating-point sums — and the report — are the same bit for bit however the
 * users were split over workers.
 *
 * @param results - per-user results
 * @param indices - which users to pool
 * @param cohort - the cohort they belong to
 * @returns the cohort's metrics
 * @internal
 */
export function cohortMetrics(
  results: readonly UserResult[],
  indices: ArrayLike<number>,
  cohort: CohortName,
): CohortMetrics {
  const users = indices.length;
  let impressions = 0;
  let harmful = 0;
  let watchMs = 0;
  let harmfulWatchMs = 0;
  let reached = 0;
  let longestRunSum = 0;
  let earlyMs = 0;
  let earlyHarmful = 0;
  let sustainedRuns = 0;
  let detected = 0;
  let alarms = 0;
  let requests = 0;
  let ndcgSum = 0;
  let recoveryImpressions = 0;
  let recoveryDwellMs = 0;
  let organicImpressions = 0;
  let organicDwellMs = 0;
  let displacementSum = 0;
  // Wellbeing and sessions are measured by the simulator only; one user without them (a replay
  // of logs) leaves the cohort's figure `null` rather than a mean over part of it.
  let wellbeingMeasured = true;
  let sessionsMeasured = true;
  let wellbeingEnd = 0;
  let wellbeingChange = 0;
  let sessions = 0;
  let returns = 0;
  let leaves = 0;
  const runCounts = new Float64Array(MAX_RUN_TRACKED + 1);
  const firstHarmful: number[] = [];
  const bubbles: number[] = [];
  const delays: number[] = [];
  for (let k = 0; k < users; k++) {
    const r = results[indices[k]!]!;
    impressions += r.impressions;
    harmful += r.harmful;
    watchMs += r.watchMs;
    harmfulWatchMs += r.harmfulWatchMs;
    longestRunSum += r.longestRun;
    const top = Math.min(r.longestRun, MAX_RUN_TRACKED);
    for (let length = 1; length <= top; length++) runCounts[length]! += r.runCounts[length]!;
    if (r.firstHarmfulMs !== null) {
      reached++;
      firstHarmful.push(r.firstHarmfulMs);
    }
    earlyMs += r.earlyMs;
    earlyHarmful += r.earlyHarmful;
    if (r.bubbleWatches !== null) bubbles.push(r.bubbleWatches);
    if (r.sustainedRun) sustainedRuns++;
    if (r.detectionDelay !== null) {
      detected++;
      delays.push(r.detectionDelay);
    }
    alarms += r.alarms;
    requests += r.requests;
    ndcgSum += r.ndcgSum;
    recoveryImpressions += r.recoveryImpressions;
    recoveryDwellMs += r.recoveryDwellMs;
    organicImpressions += r.organicImpressions;
    organicDwellMs += r.organicDwellMs;
    displacementSum += r.displacementSum;
    if (r.wellbeingEnd === null || r.wellbeingStart === null) wellbeingMeasured = false;
    else {
      wellbeingEnd += r.wellbeingEnd;
      wellbeingChange += r.wellbeingEnd - r.wellbeingStart;
    }
    if (r.sessions === null) sessionsMeasured = false;
    else sessions += r.sessions;
    returns += r.returns;
    leaves += r.leaves;
  }
  return {
    users,
    impressions,
    harmfulShare: ratio(harmful, impressions, 0),
    harmfulWatchShare: ratio(harmfulWatchMs, watchMs, 0),
    harmfulReach: ratio(reached, users, 0),
    longestRun: ratio(longestRunSum, users, 0),
    p95Run: percentileOfCounts(runCounts, 0.95),
    firstHarmfulMs: median(firstHarmful),
    harmfulIntervalMs: earlyHarmful > 0 ? earlyMs / earlyHarmful : null,
    bubbleWatches: median(bubbles),
    detectionDelay: median(delays),
    detectionRate: sustainedRuns > 0 ? detected / sustainedRuns : null,
    falseAlarmsPer1000: cohort === 'control' ? ratio(1000 * alarms, impressions, 0) : null,
    ndcgRetention: ratio(ndcgSum, requests, 1),
    recoveryShare: ratio(recoveryImpressions, impressions, 0),
    recoveryEngagement:
      recoveryImpressions > 0 && organicDwellMs > 0
        ? recoveryDwellMs / recoveryImpressions / (organicDwellMs / organicImpressions)
        : null,
    rankDisplacement: ratio(displacementSum, organicImpressions, 0),
    wellbeing: wellbeingMeasured ? ratio(wellbeingEnd, users, 0) : null,
    wellbeingChange: wellbeingMeasured ? ratio(wellbeingChange, users, 0) : null,
    watchMinutes: users > 0 ? watchMs / users / 60_000 : null,
    sessions: users > 0 && sessionsMeasured ? sessions / users : null,
    requestsPerSession: sessions > 0 && sessionsMeasured ? requests / sessions : null,
    returnRate: returns + leaves > 0 ? returns / (returns + leaves) : null,
  };
}

function ratio(numerator: number, denominator: number, otherwise: number): number {
  return denominator > 0 ? numerator / denominator : otherwise;
}

/** Median (mean of the two middle values for an even count), or `null` for no values. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Nearest-rank percentile of a histogram whose index is the value; 0 when it is empty. */
function percentileOfCounts(counts: Float64Array, p: number): number {
  let total = 0;
  for (let k = 0; k < counts.length; k++) total += counts[k]!;
  if (total === 0) return 0;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (let k = 0; k < counts.length; k++) {
    seen += counts[k]!;
    if (seen >= rank) return k;
  }
  return counts.length - 1;
}
