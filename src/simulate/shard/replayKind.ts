import { joinPath } from '../../errors/describe.js';
import { InputReader } from '../../validate/reader.js';
import { buildReplayReport } from '../replay/buildReplayReport.js';
import { resolveReplay, type ResolvedReplay } from '../replay/resolveReplay.js';
import type { ReplayOptions } from '../replay/types.js';
import type { ReplayUserRecord } from '../replay/UserReplay.js';
import { fingerprint } from './fingerprint.js';
import type { OpenedRun, PartialKind } from './PartialResult.js';
import { decodeReplayRecord } from './replayRecordCodec.js';

/** The fields of a `replay` partial's `run`. @internal */
export const REPLAY_RUN_KEYS: readonly string[] = [
  'policies',
  'k',
  'seed',
  'resamples',
  'recovery',
  'labels',
  'log',
];
/** Most users a log's identity may count: a bound on the number, not on what a shard holds. */
const MAX_LOG_USERS = 2 ** 32;
const LOG_KEYS: readonly string[] = ['name', 'bytes', 'sha256', 'users', 'unlabelledUsers'];

/**
 * The log a replay read, as every shard sees it: its file name (shown in the report), its size
 * and SHA-256 (its identity), and how many users it holds — replayed, and left out as unlabelled.
 * Every shard streams the whole log, so every shard writes the same.
 *
 * @internal
 */
export interface ReplayLogIdentity {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly users: number;
  readonly unlabelledUsers: number;
}

/**
 * A replay resolved for sharding: the options resolved, the log's identity, the labels' digest
 * (`null` without labels) and the fingerprint of it all.
 *
 * @internal
 */
export interface ShardableReplay {
  readonly resolved: ResolvedReplay;
  readonly log: ReplayLogIdentity;
  readonly labels: string | null;
  readonly fingerprint: string;
}

/**
 * Resolves a replay for sharding from its options (policies, k, seed, resamples, recovery), the
 * digest of its labels and its log's identity. The fingerprint covers the policies as resolved
 * (so a preset that changes between versions changes it), the sizes, the recovery pool, the
 * labels' content and the log's bytes.
 *
 * @internal
 */
export function resolveReplayShard(
  options: Omit<ReplayOptions, 'log' | 'labels'>,
  labels: string | null,
  log: ReplayLogIdentity,
): ShardableReplay {
  const resolved = resolveReplay(options);
  const spec = {
    kind: 'replay',
    names: resolved.names,
    policies: resolved.rebalancers.map((rb) => rb.policy),
    k: resolved.k,
    seed: resolved.seed,
    resamples: resolved.resamples,
    recovery: resolved.recovery,
    labels,
    log,
  };
  return { resolved, log, labels, fingerprint: fingerprint(spec) };
}

/** Reads a partial's `run.log` (untrusted). */
function readLog(r: InputReader, value: unknown): ReplayLogIdentity {
  const o = r.object(value, 'run.log', LOG_KEYS);
  for (const key of LOG_KEYS)
    if (!(key in o)) r.fail(joinPath('run.log', key), 'is missing', undefined);
  const sha256 = r.string(o['sha256'], 'run.log.sha256', 64);
  if (!/^[0-9a-f]{64}$/.test(sha256)) r.fail('run.log.sha256', 'must be 64 hex digits', sha256);
  return {
    name: r.string(o['name'], 'run.log.name', 4096),
    bytes: r.integer(o['bytes'], 'run.log.bytes', 0, Number.MAX_SAFE_INTEGER),
    sha256,
    users: r.integer(o['users'], 'run.log.users', 0, MAX_LOG_USERS),
    unlabelledUsers: r.integer(o['unlabelledUsers'], 'run.log.unlabelledUsers', 0, MAX_LOG_USERS),
  };
}

/**
 * Resolves a `replay` partial's `run` (untrusted JSON).
 *
 * @internal
 */
export function openReplayRun(api: string, run: unknown): ShardableReplay {
  const r = new InputReader(api, 'argument', '');
  const o = r.object(run, 'run', REPLAY_RUN_KEYS);
  const labels = o['labels'] ?? null;
  if (labels !== null) {
    const digest = r.string(labels, 'run.labels', 71);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
      r.fail('run.labels', "must be 'sha256:' and 64 hex digits, or null", labels);
  }
  const options: Record<string, unknown> = {};
  for (const key of ['policies', 'k', 'seed', 'resamples', 'recovery'])
    if (o[key] !== undefined) options[key] = o[key];
  return resolveReplayShard(options, labels as string | null, readLog(r, o['log']));
}

/**
 * The `replay` kind: one unit per replayed user, `{ index, record }`, users numbered by their
 * first appearance in the log and dealt round-robin (a streaming shard cannot know the count
 * before it has read the log).
 *
 * @internal
 */
export const REPLAY_KIND: PartialKind = {
  open: (api, run): OpenedRun => {
    const { resolved, log, labels, fingerprint: digest } = openReplayRun(api, run);
    const policies = resolved.names.length;
    return {
      fingerprint: digest,
      units: log.users,
      assignment: 'round-robin',
      unitFields: ['record'],
      decodeUnit: (r, fields, path) =>
        decodeReplayRecord(r, fields['record'], joinPath(path, 'record'), policies),
      finish: (units) =>
        buildReplayReport(units as readonly ReplayUserRecord[], {
          log: log.name,
          names: resolved.names,
          k: resolved.k,
          seed: resolved.seed,
          resamples: resolved.resamples,
          unlabelledUsers: log.unlabelledUsers,
          labelled: labels !== null,
        }),
    };
  },
};
