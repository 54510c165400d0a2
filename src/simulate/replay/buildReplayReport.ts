import { cohortParts } from '../metrics/buildReport.js';
import { BOOTSTRAP_LEVEL, pairedDifferences } from '../metrics/pairedDifferences.js';
import type { UserResult } from '../metrics/UserResult.js';
import type { SimulationReport } from '../types.js';
import type { ReplayReport } from './types.js';
import type { ReplayUserRecord } from './UserReplay.js';

/**
 * What a replay's report says beside the users' records: the policies, the page size, the
 * bootstrap's seed and resamples, and what was read.
 *
 * @internal
 */
export interface ReplayMeta {
  readonly log: string;
  readonly names: readonly string[];
  readonly k: number;
  readonly seed: number;
  readonly resamples: number;
  readonly unlabelledUsers: number;
  readonly labelled: boolean;
}

/**
 * Builds a replay's report from its users' records, in user order: one simulator report per
 * policy and the paired differences from `off`, pooled and bootstrapped by the simulator's own
 * code. The report depends on nothing but the records and `meta`, so records replayed apart (by
 * shards of users) and put back in log order give the same report, byte for byte.
 *
 * Each user's series buckets are brought to the coarsest bucket size of the log (sizes are powers
 * of two, so buckets merge exactly), which keeps at most 64 buckets per chart.
 *
 * @param records - every replayed user's record, in log order
 * @param meta - what the report says beside them
 * @returns the report
 * @internal
 */
export function buildReplayReport(
  records: readonly ReplayUserRecord[],
  meta: ReplayMeta,
): ReplayReport {
  let steps = 0;
  let bucketSteps = 1;
  let requests = 0;
  let loggedImpressions = 0;
  for (const r of records) {
    steps = Math.max(steps, r.requests);
    bucketSteps = Math.max(bucketSteps, r.bucketSteps);
    requests += r.requests;
    loggedImpressions += r.loggedImpressions;
  }
  const buckets = Math.ceil(steps / bucketSteps);
  const scenario = `replay of ${meta.log}`;
  const perPolicy: UserResult[][] = meta.names.map((_, p) =>
    records.map((r) => rebucket(r.results[p]!, r.bucketSteps, bucketSteps, buckets)),
  );
  const reports: SimulationReport[] = meta.names.map((policy, p) => ({
    seed: meta.seed,
    scenario,
    policy,
    users: records.length,
    steps,
    days: null,
    pageSize: meta.k,
    recommender: 'logged order',
    bucketSteps,
    ...cohortParts(perPolicy[p]!, steps, bucketSteps),
  }));
  const imputedShare = meta.names.map((_, p) => {
    let imputed = 0;
    let served = 0;
    for (const r of records) {
      imputed += r.imputed[p]!;
      served += r.results[p]!.impressions;
    }
    return served > 0 ? imputed / served : 0;
  });
  return {
    seed: meta.seed,
    scenario,
    users: records.length,
    steps,
    policies: meta.names,
    reports,
    differences: meta.names
      .slice(1)
      .map((name, p) =>
        pairedDifferences(name, perPolicy[p + 1]!, perPolicy[0]!, meta.seed, meta.resamples),
      ),
    bootstrap: { resamples: meta.resamples, level: BOOTSTRAP_LEVEL },
    replay: {
      log: meta.log,
      k: meta.k,
      users: records.length,
      unlabelledUsers: meta.unlabelledUsers,
      cohorts: meta.labelled ? 'labels' : 'all-at-risk',
      requests,
      loggedImpressions,
      imputedShare,
    },
  };
}

/**
 * A user's result with its series buckets merged from `from` requests per bucket to `to` (a
 * multiple of it) and padded to `buckets`: counts add up, the time axis keeps the later value.
 */
function rebucket(result: UserResult, from: number, to: number, buckets: number): UserResult {
  const factor = to / from;
  const impressions = new Int32Array(buckets);
  const harmful = new Int32Array(buckets);
  const recovery = new Int32Array(buckets);
  const activeMs = new Float64Array(buckets);
  for (let i = 0; i < result.bucketImpressions.length; i++) {
    const j = Math.floor(i / factor);
    impressions[j]! += result.bucketImpressions[i]!;
    harmful[j]! += result.bucketHarmful[i]!;
    recovery[j]! += result.bucketRecovery[i]!;
    activeMs[j] = Math.max(activeMs[j]!, result.bucketActiveMs[i]!);
  }
  return {
    ...result,
    bucketImpressions: impressions,
    bucketHarmful: harmful,
    bucketRecovery: recovery,
    bucketActiveMs: activeMs,
    bucketWellbeing: new Float64Array(buckets),
  };
}
