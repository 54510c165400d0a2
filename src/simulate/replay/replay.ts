import { buildReplayReport } from './buildReplayReport.js';
import { openLog } from './log/openLog.js';
import { replayUsers, type LogEntry } from './replayUsers.js';
import { resolveReplay } from './resolveReplay.js';
import type { ReplayOptions, ReplayReport } from './types.js';
import type { ReplayUserRecord } from './UserReplay.js';

/**
 * Replays logged sessions under each policy: every logged request is served again by each
 * policy, whose exposure state is fed by what that policy would have served (counterfactual):
 * an item's logged dwell when the user was logged seeing it, otherwise the median of the user's
 * logged dwells on items of the same kind (triggering or not). Under `off` the page is the host's
 * order cut to `k`, so its harmful share is the logged one. The result is the simulator's
 * comparison report — per policy and cohort: harmful share of the served top-k, longest and p95
 * run, recovery share, NDCG@k and mean rank displacement against the logged order, detection
 * delay, false alarms among `control` users — with paired bootstrap intervals over users.
 *
 * The log is read once, streaming, and must be grouped by user with each user's records in time
 * order; users are replayed in the order they first appear. Replay shows what each policy would
 * have served, not how users would have reacted to it: see docs/replay.md.
 *
 * @param options - the log, and optionally policies, labels, k, seed, resamples, recovery and
 *   onProgress
 * @returns the comparison report, with what was read and imputed under `replay`
 * @throws RebalanceError with code `argument` for a bad option or a bad record (its `path` names
 *   the record's line and field, `log[12].candidates[3].id`), or `policy` for a policy object
 *   that breaks a rule
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderReport, replay } from 'feed-rebalancer/simulate';
 * const report = await replay({
 *   log: 'sessions.jsonl.gz',
 *   policies: ['off', 'balanced', 'protective'],
 *   labels: { u1: 'at-risk', u2: 'control' },
 *   k: 10,
 * });
 * console.log(report.reports[1]?.cohorts['at-risk']?.harmfulShare, report.replay.imputedShare);
 * writeFileSync('report.html', renderReport(report));
 * ```
 */
export async function replay(options: ReplayOptions): Promise<ReplayReport> {
  const resolved = resolveReplay(options);
  const source = options.log;
  let name = 'records';
  let entries: AsyncIterable<LogEntry> | Iterable<LogEntry>;
  if (typeof source === 'string') {
    const opened = await openLog(source, options.onProgress);
    name = opened.name;
    entries = opened.entries;
  } else entries = numbered(source);
  let unlabelledUsers = 0;
  const records: ReplayUserRecord[] = [];
  const users = replayUsers(entries, resolved, resolved.cohortOf, () => {
    unlabelledUsers++;
  });
  for await (const record of users) records.push(record);
  return buildReplayReport(records, {
    log: name,
    names: resolved.names,
    k: resolved.k,
    seed: resolved.seed,
    resamples: resolved.resamples,
    unlabelledUsers,
    labelled: resolved.labelled,
  });
}

/** Records given in memory, numbered from 1 as the lines of a file would be. */
async function* numbered(
  records: Iterable<unknown> | AsyncIterable<unknown>,
): AsyncGenerator<LogEntry> {
  let line = 0;
  for await (const value of records) yield { value, line: ++line };
}
