import { basename } from 'node:path';
import { createRebalancer, presets, RebalanceError } from '../../index.js';
import type { PolicyInput } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import { buildReplayReport } from '../replay/buildReplayReport.js';
import { openLog } from '../replay/log/openLog.js';
import { replayUsers, type LogEntry } from '../replay/replayUsers.js';
import { resolveReplay, type ResolvedReplay } from '../replay/resolveReplay.js';
import type { ReplaySetup, ReplayUserRecord } from '../replay/UserReplay.js';
import type { CohortName } from '../types.js';
import { evaluationFromComparison } from './simulatorEvaluator.js';
import type { TuneLogOptions } from './tuneLogOptions.js';
import type { PolicyEvaluator } from './tuneTypes.js';

/** The name a candidate is replayed under. */
const CANDIDATE = 'candidate';

/** A cohort an objective or constraint reads, and the option that names it. @internal */
export interface CohortTarget {
  readonly cohort: CohortName;
  readonly path: string;
}

/**
 * A {@link PolicyEvaluator} on logged sessions, with what it learnt of the log.
 *
 * @internal
 */
export interface ReplayEvaluator {
  /** `replay of NAME`, as `replay`'s report names its scenario. */
  readonly scenario: string;
  /** Users replayed, 0 until the first evaluation has read the log. */
  readonly users: () => number;
  /** The most requests of one user, 0 until the first evaluation has read the log. */
  readonly steps: () => number;
  readonly evaluate: PolicyEvaluator;
}

/**
 * Evaluates candidates by replaying a log: what `replay({ log, policies: ['off', { name, policy
 * }], labels, k, seed, resamples, recovery })` reports for the candidate, byte for byte. A user's
 * replay under one policy never reads another policy's (each has its own state and clock; dwell
 * imputation reads logged dwells only), so `off` is replayed once, on the first evaluation, and
 * its users' results are paired with each candidate's. That first evaluation also checks that
 * every cohort the objective and constraints read has users in the log.
 *
 * @param api - the calling API, for messages
 * @param options - the log and how to replay it
 * @param seed - the bootstrap's seed
 * @param resamples - bootstrap resamples per candidate
 * @param targets - the cohorts the objective and constraints read
 * @returns the evaluator
 * @throws RebalanceError with code `argument` for a bad log, labels, k or recovery (as `replay`
 *   words it); the evaluator rejects with one for a bad record or a target cohort without users
 * @internal
 */
export function replayEvaluator(
  api: string,
  options: TuneLogOptions,
  seed: number,
  resamples: number,
  targets: readonly CohortTarget[],
): ReplayEvaluator {
  const log: unknown = options.log;
  if (typeof log !== 'string' && !Array.isArray(log))
    throw new RebalanceError(
      'argument',
      `${api}: log must be a file path or an array of records (got ${describeValue(log)})`,
      'log',
    );
  const resolved = resolveReplay({
    policies: ['off'],
    seed,
    resamples,
    ...(options.labels === undefined ? {} : { labels: options.labels }),
    ...(options.k === undefined ? {} : { k: options.k }),
    ...(options.recovery === undefined ? {} : { recovery: options.recovery }),
  });
  const name = typeof log === 'string' ? basename(log) : 'records';
  let users = 0;
  let steps = 0;
  let unlabelledUsers = 0;
  let baseline: Promise<ReplayUserRecord[]> | null = null;
  const readOff = async (): Promise<ReplayUserRecord[]> => {
    const records = await replayLog(log, resolved, resolved, () => {
      unlabelledUsers++;
    });
    checkCohorts(api, records, targets, resolved.labelled);
    users = records.length;
    for (const r of records) steps = Math.max(steps, r.requests);
    return records;
  };
  const evaluate: PolicyEvaluator = async (policy: PolicyInput) => {
    const rebalancer = createRebalancer({ taxonomy: presets.taxonomies.default, policy });
    baseline ??= readOff();
    const before = await baseline;
    const setup: ReplaySetup = { ...resolved, names: [CANDIDATE], rebalancers: [rebalancer] };
    const after = await replayLog(log, resolved, setup);
    const paired = before.map((off, u) => {
      const candidate = after[u]!;
      return {
        ...off,
        results: [off.results[0]!, candidate.results[0]!],
        imputed: [off.imputed[0]!, candidate.imputed[0]!],
      };
    });
    const report = buildReplayReport(paired, {
      log: name,
      names: ['off', CANDIDATE],
      k: resolved.k,
      seed: resolved.seed,
      resamples: resolved.resamples,
      unlabelledUsers,
      labelled: resolved.labelled,
    });
    return evaluationFromComparison(report, CANDIDATE);
  };
  return { scenario: `replay of ${name}`, users: () => users, steps: () => steps, evaluate };
}

/** Replays the whole log under the setup's policies, one record per replayed user, in log order. */
async function replayLog(
  log: string | readonly unknown[],
  resolved: ResolvedReplay,
  setup: ReplaySetup,
  onSkip?: () => void,
): Promise<ReplayUserRecord[]> {
  const entries: Iterable<LogEntry> | AsyncIterable<LogEntry> =
    typeof log === 'string' ? (await openLog(log)).entries : numbered(log);
  const records: ReplayUserRecord[] = [];
  for await (const record of replayUsers(entries, setup, resolved.cohortOf, onSkip))
    records.push(record);
  return records;
}

/** Records given in memory, numbered from 1 as the lines of a file would be. */
function* numbered(records: readonly unknown[]): Generator<LogEntry> {
  for (let i = 0; i < records.length; i++) yield { value: records[i], line: i + 1 };
}

/**
 * Refuses a target whose cohort no replayed user is in: its metric would be missing for every
 * candidate, and the tuning could choose nothing.
 */
function checkCohorts(
  api: string,
  records: readonly ReplayUserRecord[],
  targets: readonly CohortTarget[],
  labelled: boolean,
): void {
  for (const t of targets) {
    if (records.some((r) => r.cohort === t.cohort)) continue;
    const why = labelled
      ? 'the labels put none of the logged users in it'
      : 'without labels every logged user is in at-risk; give labels naming control users';
    throw new RebalanceError(
      'argument',
      `${api}: ${t.path} names the ${t.cohort} cohort, which has no users in the log (${why})`,
      t.path,
    );
  }
}
