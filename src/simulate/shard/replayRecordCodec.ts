import type { InputReader } from '../../validate/reader.js';
import { joinPath } from '../../errors/describe.js';
import { LIMITS } from '../../validate/limits.js';
import { REPLAY_BUCKETS } from '../replay/ReplayTrace.js';
import type { ReplayUserRecord } from '../replay/UserReplay.js';
import type { CohortName } from '../types.js';
import { decodeUserResult, encodeUserResult } from './userResultCodec.js';

const FIELDS: readonly string[] = [
  'user',
  'cohort',
  'requests',
  'loggedImpressions',
  'results',
  'imputed',
  'bucketSteps',
];
/** Largest count a replayed user's record holds: more than any log a shard reads. */
const MAX_COUNT = 2 ** 52;

/**
 * A replayed user's record as plain JSON, every number exact.
 *
 * @internal
 */
export function encodeReplayRecord(record: ReplayUserRecord): Record<string, unknown> {
  return {
    user: record.user,
    cohort: record.cohort,
    requests: record.requests,
    loggedImpressions: record.loggedImpressions,
    results: record.results.map(encodeUserResult),
    imputed: [...record.imputed],
    bucketSteps: record.bucketSteps,
  };
}

/**
 * Decodes a replayed user's record from untrusted input: only the known fields, one result per
 * policy, series of exactly the length the user's requests and bucket size give.
 *
 * @param r - the reader that reports problems
 * @param value - the encoded record
 * @param path - its JSON path
 * @param policies - how many policies the run replays
 * @returns the record
 * @throws RebalanceError naming the path of the offending field
 * @internal
 */
export function decodeReplayRecord(
  r: InputReader,
  value: unknown,
  path: string,
  policies: number,
): ReplayUserRecord {
  const o = r.object(value, path, FIELDS);
  const at = (key: string): string => joinPath(path, key);
  for (const key of FIELDS) if (!(key in o)) r.fail(at(key), 'is missing', undefined);
  const user = r.string(o['user'], at('user'), LIMITS.userIdLength);
  const cohort = r.oneOf<CohortName>(o['cohort'], at('cohort'), ['at-risk', 'control']);
  const requests = r.integer(o['requests'], at('requests'), 0, MAX_COUNT);
  const loggedImpressions = r.integer(
    o['loggedImpressions'],
    at('loggedImpressions'),
    0,
    MAX_COUNT,
  );
  const bucketSteps = r.integer(o['bucketSteps'], at('bucketSteps'), 1, 2 ** 30);
  if ((bucketSteps & (bucketSteps - 1)) !== 0)
    r.fail(at('bucketSteps'), 'must be a power of two', bucketSteps);
  const buckets = Math.ceil(requests / bucketSteps);
  if (buckets > REPLAY_BUCKETS)
    r.fail(
      at('bucketSteps'),
      `must leave at most ${REPLAY_BUCKETS} buckets for ${requests} requests`,
      bucketSteps,
    );
  const perPolicy = (key: string): unknown[] => {
    const list = r.array(o[key], at(key), policies);
    if (list.length !== policies)
      r.fail(at(key), `must hold one entry per policy (${policies})`, list);
    return list;
  };
  const results = perPolicy('results').map((item, p) =>
    decodeUserResult(r, item, joinPath(at('results'), p), { buckets, probe: null }),
  );
  const imputed = perPolicy('imputed').map((item, p) =>
    r.integer(item, joinPath(at('imputed'), p), 0, MAX_COUNT),
  );
  return { user, cohort, requests, loggedImpressions, results, imputed, bucketSteps };
}
