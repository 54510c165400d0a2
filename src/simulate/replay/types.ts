import type { Item } from '../../index.js';
import type { CohortName, ComparisonReport, NamedPolicy } from '../types.js';

/**
 * A logged candidate: the library's {@link Item}, optionally with a ground-truth label. Without
 * `harmful`, an item counts as harmful in the metrics when the default taxonomy classifies it as
 * triggering for some group — what the policies themselves see.
 *
 * @example
 * ```ts
 * import type { ReplayCandidate } from 'feed-rebalancer/simulate';
 * const c: ReplayCandidate = { id: 'v7', hashtags: ['#thinspo'], harmful: true };
 * ```
 */
export type ReplayCandidate = Item & {
  /** A reviewer's or a classifier's label: whether the item is harmful (triggering). */
  readonly harmful?: boolean;
};

/**
 * One feed request of the log: the candidates in the host's order and the ids the host served.
 *
 * @example
 * ```ts
 * import type { ReplayRequestRecord } from 'feed-rebalancer/simulate';
 * const r: ReplayRequestRecord = {
 *   type: 'request', user: 'u1', at: 1_704_067_200_000,
 *   candidates: [{ id: 'a', topics: ['pro-ana'] }, { id: 'b' }], served: ['a', 'b'],
 * };
 * ```
 */
export interface ReplayRequestRecord {
  readonly type: 'request';
  /** The user's id (1 to 1,024 characters). */
  readonly user: string;
  /** When the request was made, in milliseconds since the epoch. */
  readonly at: number;
  /** The candidates in the host's ranked order, best first (1 to 10,000, ids unique). */
  readonly candidates: readonly ReplayCandidate[];
  /** The ids the host served, in order; each one a candidate's id. */
  readonly served: readonly string[];
  /** The recovery pool the host would have offered for this request. @defaultValue the options' `recovery` */
  readonly recovery?: readonly Item[];
}

/**
 * One impression of the log: an item of the user's latest request was seen, for `dwellMs`.
 *
 * @example
 * ```ts
 * import type { ReplayImpressionRecord } from 'feed-rebalancer/simulate';
 * const i: ReplayImpressionRecord = { type: 'impression', user: 'u1', at: 1_704_067_201_000, id: 'a', dwellMs: 8_500 };
 * ```
 */
export interface ReplayImpressionRecord {
  readonly type: 'impression';
  readonly user: string;
  /** When the item was shown, in milliseconds since the epoch. */
  readonly at: number;
  /** The id of an item the user's latest request served. */
  readonly id: string;
  /** How long it was watched, in milliseconds, in [0, 86,400,000]. */
  readonly dwellMs: number;
}

/**
 * One record of a replay log (one JSON line, or one Parquet row). `schemas/replay-log.schema.json`
 * is the same shape as a JSON Schema.
 *
 * @example
 * ```ts
 * import type { ReplayRecord } from 'feed-rebalancer/simulate';
 * const log: ReplayRecord[] = [
 *   { type: 'request', user: 'u1', at: 0, candidates: [{ id: 'a' }], served: ['a'] },
 *   { type: 'impression', user: 'u1', at: 10, id: 'a', dwellMs: 4_000 },
 * ];
 * ```
 */
export type ReplayRecord = ReplayRequestRecord | ReplayImpressionRecord;

/**
 * Options of `replay`.
 *
 * @example
 * ```ts
 * import { replay, type ReplayOptions } from 'feed-rebalancer/simulate';
 * const options: ReplayOptions = { log: 'sessions.jsonl.gz', policies: ['off', 'protective'], k: 10 };
 * const report = await replay(options);
 * ```
 */
export interface ReplayOptions {
  /**
   * The log: a path to a JSON Lines file (gzipped or not) or a Parquet file, told apart by their
   * first bytes; or the records themselves, in log order. Grouped by user, each user's records in
   * time order (docs/replay.md).
   */
  readonly log: string | Iterable<unknown> | AsyncIterable<unknown>;
  /**
   * Preset names or named policies; `off` is added first when missing, as the baseline.
   * @defaultValue ['off', 'balanced', 'protective']
   */
  readonly policies?: readonly (string | NamedPolicy)[];
  /**
   * Each user's cohort, by user id. Users the labels do not name are left out (and counted in
   * `replay.unlabelledUsers`). @defaultValue every user in the `at-risk` cohort
   */
  readonly labels?: Readonly<Record<string, CohortName>>;
  /** Items served per request (the top-k), an integer in [1, 100]. @defaultValue 10 */
  readonly k?: number;
  /** Seed of the bootstrap resamples, an integer in [0, 2^32). @defaultValue 1 */
  readonly seed?: number;
  /** Bootstrap resamples, an integer in [1, 100000]. @defaultValue 1000 */
  readonly resamples?: number;
  /** Recovery pool for requests that log none. @defaultValue none: no recovery item is inserted */
  readonly recovery?: readonly Item[];
  /** Called as the log is read, with the bytes read and the file's size (a path only). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * What a replay read and how much of it was imputed.
 *
 * @example
 * ```ts
 * import { replay } from 'feed-rebalancer/simulate';
 * const { replay: summary } = await replay({ log: 'sessions.jsonl' });
 * console.log(summary.requests, summary.imputedShare);
 * ```
 */
export interface ReplaySummary {
  /** The log's file name, or `records` for records given in memory. */
  readonly log: string;
  /** Items served per request. */
  readonly k: number;
  /** Users replayed (labelled ones only, when labels are given). */
  readonly users: number;
  /** Users of the log that the labels do not name, left out; 0 without labels. */
  readonly unlabelledUsers: number;
  /** How cohorts were assigned: from labels, or every user `at-risk`. */
  readonly cohorts: 'labels' | 'all-at-risk';
  /** Requests replayed. */
  readonly requests: number;
  /** Impression records of the replayed users. */
  readonly loggedImpressions: number;
  /** Per policy (in `policies` order): share of served items whose dwell was imputed. */
  readonly imputedShare: readonly number[];
}

/**
 * The result of `replay`: a {@link ComparisonReport} of the policies on the logged users (the
 * same report, HTML page and table as the simulator's), with what was read and imputed.
 *
 * @example
 * ```ts
 * import { renderReport, replay } from 'feed-rebalancer/simulate';
 * const report = await replay({ log: 'sessions.jsonl', policies: ['off', 'protective'] });
 * const html = renderReport(report);
 * ```
 */
export interface ReplayReport extends ComparisonReport {
  readonly replay: ReplaySummary;
}
