import { joinPath } from '../../errors/describe.js';
import { failInput } from '../../validate/fail.js';
import type { CohortName } from '../types.js';
import { readRecord, recordPath, REPLAY } from './readRecord.js';
import { UserReplay, type ReplaySetup, type ReplayUserRecord } from './UserReplay.js';

/**
 * One record of a log as read from its source, before it is checked: its value and its line
 * (or row) number, 1-based.
 *
 * @internal
 */
export interface LogEntry {
  readonly value: unknown;
  readonly line: number;
}

/** How users are put in cohorts: from labels (unlabelled users left out), or all `at-risk`. @internal */
export type CohortOf = (user: string) => CohortName | null;

/**
 * Replays a log, one user at a time, and yields each user's record in the order users first
 * appear in the log. The log must be grouped by user: a user whose records resume after another
 * user's is an error (`log[line].user`), as is a record whose time goes back within its user, so
 * a user's replay never waits on the rest of the log and memory holds one user at a time (plus
 * the ids of the users done, to catch a user coming back). Users `cohortOf` leaves out are read
 * and checked but not replayed; `onSkip` counts them. `take`, when given, is asked once per user
 * kept, with the user's index among them (its order of first appearance), and a user it refuses
 * is read and checked but not replayed — how a shard of a replay replays only its users.
 *
 * @param entries - the log's records in order
 * @param setup - the policies and the page size
 * @param cohortOf - each user's cohort, or `null` to leave the user out
 * @param onSkip - called once per user left out
 * @param take - whether to replay the kept user of this index; by default every one
 * @returns the users' records, in log order
 * @throws RebalanceError with code `argument` for a bad record or a log not grouped by user
 * @internal
 */
export async function* replayUsers(
  entries: AsyncIterable<LogEntry> | Iterable<LogEntry>,
  setup: ReplaySetup,
  cohortOf: CohortOf,
  onSkip?: () => void,
  take?: (index: number) => boolean,
): AsyncGenerator<ReplayUserRecord> {
  const done = new Set<string>();
  let current: string | null = null;
  let replaying: UserReplay | null = null;
  let unlabelled = false;
  let kept = 0;
  let lastAt = -Infinity;
  for await (const { value, line } of entries) {
    const record = readRecord(value, line);
    if (record.user !== current) {
      if (done.has(record.user))
        failInput(
          'argument',
          REPLAY,
          joinPath(recordPath(line), 'user'),
          `must not resume after another user's records: the log must be grouped by user (this user's records ended before line ${line})`,
          record.user,
        );
      if (current !== null) {
        done.add(current);
        if (replaying !== null) yield replaying.finish();
        else if (unlabelled) onSkip?.();
      }
      current = record.user;
      lastAt = -Infinity;
      const cohort = cohortOf(current);
      unlabelled = cohort === null;
      replaying =
        cohort === null || (take !== undefined && !take(kept++))
          ? null
          : new UserReplay(setup, current, cohort);
    }
    if (record.at < lastAt)
      failInput(
        'argument',
        REPLAY,
        joinPath(recordPath(line), 'at'),
        `must not be earlier than the user's previous record (${lastAt}): each user's records are in time order`,
        record.at,
      );
    lastAt = record.at;
    if (replaying === null) continue;
    if (record.type === 'request') replaying.request(record, line);
    else replaying.impression(record, line);
  }
  if (replaying !== null) yield replaying.finish();
  else if (unlabelled) onSkip?.();
}
