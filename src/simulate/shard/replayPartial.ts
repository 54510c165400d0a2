import { createHash } from 'node:crypto';
import { RebalanceError } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import { openLog } from '../replay/log/openLog.js';
import { resolveReplay } from '../replay/resolveReplay.js';
import { replayUsers } from '../replay/replayUsers.js';
import type { ReplayOptions } from '../replay/types.js';
import type { ReplayUserRecord } from '../replay/UserReplay.js';
import { fileDigest } from './fileDigest.js';
import { PARTIAL_FORMAT, PARTIAL_VERSION, type PartialResult } from './PartialResult.js';
import { openReplayRun, resolveReplayShard, type ReplayLogIdentity } from './replayKind.js';
import { encodeReplayRecord } from './replayRecordCodec.js';
import { checkShard, type Shard } from './Shard.js';

/**
 * Runs shard `shard.index` of `shard.count` of a `replay` of a log file and returns its partial
 * result, for `mergePartials` to combine with the other shards' into exactly the report
 * `replay(options)` returns. Users are numbered by their first appearance in the log (among the
 * users replayed: labelled ones, when labels are given) and user `k` goes to shard
 * `k mod shard.count`; every shard streams and checks the whole log — reading is cheap, the
 * policies' work is what is split — and replays only its users. The partial carries the log's
 * size and SHA-256 (read in a first streaming pass), so it merges only with shards of the same
 * bytes.
 *
 * @param options - the options of `replay`, with `log` a file path and the rest plain JSON apart
 *   from `onProgress` (which counts the bytes of the replay's pass)
 * @param shard - which shard of how many, numbered from 0
 * @returns the partial result, plain JSON
 * @throws RebalanceError with code `argument` for a bad shard, a log given as records rather
 *   than a file, or anything `replay` refuses
 *
 * @example
 * ```ts
 * import { mergePartials, replayPartial } from 'feed-rebalancer/simulate';
 * const options = { log: 'sessions.jsonl.gz', policies: ['off', 'protective'], k: 10 };
 * const parts = await Promise.all([0, 1, 2].map((index) => replayPartial(options, { index, count: 3 })));
 * const report = mergePartials(parts); // the same as await replay(options)
 * ```
 */
export function replayPartial(options: ReplayOptions, shard: Shard): Promise<PartialResult> {
  return replayPartialAs('replayPartial', options, shard);
}

/**
 * {@link replayPartial} with messages that start with `api`.
 *
 * @internal
 */
export async function replayPartialAs(
  api: string,
  options: ReplayOptions,
  shard: Shard,
): Promise<PartialResult> {
  const checked = checkShard(api, shard, 'shard');
  const path = (options as { log?: unknown } | null)?.log;
  if (typeof path !== 'string' || path === '')
    throw new RebalanceError(
      'argument',
      `${api}: log must be a file path to be sharded (every shard reads the same file; got ${describeValue(path)})`,
      'log',
    );
  const { labels: given, onProgress } = options;
  const rest: Omit<ReplayOptions, 'log' | 'labels' | 'onProgress'> = pickOptions(options);
  // Resolved before the log is read, so bad options fail fast; the labels are checked here too.
  const cohortOf = resolveReplay(given === undefined ? {} : { labels: given }).cohortOf;
  const labels = given === undefined ? null : labelsDigest(given);
  const probe = resolveReplayShard(rest, labels, EMPTY_LOG);
  const { bytes, sha256 } = await fileDigest(path).catch((error: unknown) => {
    throw unreadable(api, path, error);
  });
  const opened = await openLog(path, onProgress);
  let users = 0;
  let unlabelledUsers = 0;
  const records: ReplayUserRecord[] = [];
  const mine = (index: number): boolean => {
    users = index + 1;
    return index % checked.count === checked.index;
  };
  const skip = (): void => {
    unlabelledUsers++;
  };
  for await (const record of replayUsers(opened.entries, probe.resolved, cohortOf, skip, mine))
    records.push(record);
  const log: ReplayLogIdentity = { name: opened.name, bytes, sha256, users, unlabelledUsers };
  const run = plainReplayRun(api, rest, labels, log);
  return {
    format: PARTIAL_FORMAT,
    version: PARTIAL_VERSION,
    kind: 'replay',
    fingerprint: openReplayRun(api, run).fingerprint,
    run,
    shard: checked,
    units: records.map((record, u) => ({
      index: checked.index + u * checked.count,
      record: encodeReplayRecord(record),
    })),
  };
}

const EMPTY_LOG: ReplayLogIdentity = {
  name: 'log',
  bytes: 0,
  sha256: '0'.repeat(64),
  users: 0,
  unlabelledUsers: 0,
};

/**
 * The run as plain JSON: the options (but the log, the labels and progress), the labels' digest
 * and the log's identity. The options must survive the trip through JSON, which the fingerprint
 * of the round-tripped run checks.
 */
function plainReplayRun(
  api: string,
  options: Omit<ReplayOptions, 'log' | 'labels' | 'onProgress'>,
  labels: string | null,
  log: ReplayLogIdentity,
): Record<string, unknown> {
  const picked: Record<string, unknown> = { ...options, labels, log };
  const expected = resolveReplayShard(options, labels, log).fingerprint;
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(JSON.stringify(picked)) as Record<string, unknown>;
  } catch {
    // a BigInt or a cycle: not JSON at all
  }
  if (json === null || openReplayRun(api, json).fingerprint !== expected)
    throw new RebalanceError(
      'argument',
      `${api}: options must be plain JSON to be sharded (a value such as Infinity, -0 or undefined in an array does not survive JSON)`,
      '',
    );
  return json;
}

/**
 * The labels' identity: `sha256:` and the SHA-256 of their entries sorted by user id, hashed one
 * entry at a time so that millions of labels never make one string.
 */
function labelsDigest(labels: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const user of Object.keys(labels).sort())
    hash.update(`${JSON.stringify(user)}:${JSON.stringify(labels[user])}\n`);
  return `sha256:${hash.digest('hex')}`;
}

/** The options that make up a run, but the log and the labels. */
function pickOptions(options: ReplayOptions): Omit<ReplayOptions, 'log' | 'labels' | 'onProgress'> {
  const picked: Record<string, unknown> = {};
  for (const key of ['policies', 'k', 'seed', 'resamples', 'recovery'] as const)
    if (options[key] !== undefined) picked[key] = options[key];
  return picked;
}

function unreadable(api: string, path: string, error: unknown): RebalanceError {
  const code = (error as { code?: unknown }).code;
  return new RebalanceError(
    'argument',
    `${api}: cannot read the log ${describeValue(path)} (${typeof code === 'string' ? code : (error as Error).message})`,
    'log',
    { cause: error },
  );
}
