import type { InputReader } from '../../validate/reader.js';
import type { TuneResult } from '../tune/tuneTypes.js';
import type { ComparisonReport, SimulationReport } from '../types.js';
import type { Shard, ShardAssignment } from './Shard.js';

/** The `format` of every partial result. @internal */
export const PARTIAL_FORMAT = 'feed-rebalancer/partial';
/** The version of the partial-result format this library writes and reads. @internal */
export const PARTIAL_VERSION = 1;

/**
 * One shard's share of a sweep, as plain JSON: what `simulatePartial` and `comparePartial`
 * return (and `feed-rebalancer simulate --shard i/n --out DIR` writes to `DIR/partial.json`), and
 * what `mergePartials` combines into exactly the result of a single run.
 *
 * - `kind` says which command wrote it (`simulate`, `compare`, `replay`, `tune`) and so how its
 *   units read.
 * - `run` holds the run's arguments minus the shard (scenario, policies, seed, sizes, world
 *   options) so that the merge rebuilds the report without them; `fingerprint` is a SHA-256 of
 *   the run as resolved from them, defaults included — partials merge only with partials of the
 *   same run.
 * - `units` are the shard's units in index order, each `{ index, … }`: users with their
 *   sufficient statistics (typed arrays as arrays, every number exact), or, for `tune`,
 *   restarts with their evaluations.
 *
 * @example
 * ```ts
 * import { simulatePartial, type PartialResult } from 'feed-rebalancer/simulate';
 * const part: PartialResult = await simulatePartial(
 *   { scenario: 'mixed', policy: 'balanced', seed: 1, users: 8, steps: 20 },
 *   { index: 0, count: 2 },
 * );
 * console.log(part.kind, part.units.map((u) => u.index)); // simulate [0, 1, 2, 3]
 * ```
 */
export interface PartialResult {
  readonly format: typeof PARTIAL_FORMAT;
  readonly version: typeof PARTIAL_VERSION;
  /** The command that wrote it: `simulate`, `compare`, `replay` or `tune`. */
  readonly kind: string;
  /** `sha256:` and the hex digest of the resolved run. */
  readonly fingerprint: string;
  /** The run's arguments, minus the shard, as plain JSON. */
  readonly run: unknown;
  /** Which shard of how many. */
  readonly shard: Shard;
  /** The shard's units in index order. */
  readonly units: readonly PartialUnit[];
}

/**
 * One unit of a {@link PartialResult} — one user for `simulate`, `compare` and `replay`, one
 * restart for `tune` — with its index in the whole sweep and its payload.
 *
 * @example
 * ```ts
 * import type { PartialUnit } from 'feed-rebalancer/simulate';
 * const first = (units: readonly PartialUnit[]): number | undefined => units[0]?.index;
 * ```
 */
export interface PartialUnit {
  /** The unit's index in the whole sweep. */
  readonly index: number;
  /** The payload, by the kind's field names. */
  readonly [field: string]: unknown;
}

/**
 * What `mergePartials` returns: what a single run of the partials' kind returns — a
 * `SimulationReport` (`simulate`), a `ComparisonReport` (`compare`), a `ReplayReport` (`replay`,
 * a comparison report with a `replay` summary) or a `TuneResult` (`tune`).
 *
 * @example
 * ```ts
 * import type { MergedReport } from 'feed-rebalancer/simulate';
 * const isTuning = (r: MergedReport): boolean => 'front' in r;
 * ```
 */
export type MergedReport = SimulationReport | ComparisonReport | TuneResult;

/**
 * A kind of partial result: how the merge re-resolves its `run` and reads its units. One entry
 * of the registry in `partialKinds` per kind.
 *
 * @internal
 */
export interface PartialKind {
  /** Re-resolves a partial's `run` (untrusted JSON) exactly as the writer resolved it. */
  readonly open: (api: string, run: unknown) => OpenedRun;
}

/**
 * A partial's run, resolved: its fingerprint, how many units the whole sweep has, and how to
 * read units and finish the merge.
 *
 * @internal
 */
export interface OpenedRun {
  readonly fingerprint: string;
  /** Units in the whole sweep (users, or restarts). */
  readonly units: number;
  /** How units are dealt to shards. @defaultValue `'blocks'` */
  readonly assignment?: ShardAssignment;
  /** What a unit is, for messages. @defaultValue `'users'` */
  readonly unitNoun?: string;
  /** The payload fields of a unit, beside `index`. */
  readonly unitFields: readonly string[];
  /** Decodes unit `index` from its fields (a null-prototype copy with only known keys). */
  readonly decodeUnit: (
    r: InputReader,
    fields: Record<string, unknown>,
    path: string,
    index: number,
  ) => unknown;
  /** Builds the report from every unit, in index order. */
  readonly finish: (units: readonly unknown[]) => MergedReport;
}
