import type { Item, Rebalancer, Slot, UserState } from '../../index.js';
import { joinPath } from '../../errors/describe.js';
import { failInput } from '../../validate/fail.js';
import { LIMITS } from '../../validate/limits.js';
import type { UserResult } from '../metrics/UserResult.js';
import { SCROLL_MS } from '../run/RunSpec.js';
import type { CohortName } from '../types.js';
import { DwellImputer } from './DwellImputer.js';
import { recordPath, REPLAY, type CheckedImpression, type CheckedRequest } from './readRecord.js';
import { ReplayTrace } from './ReplayTrace.js';

/**
 * What every user's replay shares: the policies under test, the classifier of the metrics'
 * ground truth, the page size and the default recovery pool.
 *
 * @internal
 */
export interface ReplaySetup {
  /** Policy names, `off` first, and their rebalancers (default taxonomy). */
  readonly names: readonly string[];
  readonly rebalancers: readonly Rebalancer[];
  /** Whether an item is harmful when the log gives no label (the default taxonomy's view). */
  readonly isHarmful: (item: Item) => boolean;
  readonly k: number;
  readonly recovery: readonly Item[];
  /** Dwell imputed before the user has any logged dwell. */
  readonly referenceDwellMs: number;
  /** Called with every page a policy serves (tests check the caps on it). */
  readonly onServe?: (policy: number, slots: readonly Slot[], harmful: readonly boolean[]) => void;
}

/**
 * One user's replayed record: the user's cohort and, per policy (in `names` order), the
 * simulator's per-user result. The report is built from these alone, in user order, so records
 * computed apart (by shards of users) give the same report.
 *
 * @internal
 */
export interface ReplayUserRecord {
  readonly user: string;
  readonly cohort: CohortName;
  readonly requests: number;
  readonly loggedImpressions: number;
  /** Per policy. */
  readonly results: readonly UserResult[];
  /** Per policy: served items whose dwell was imputed. */
  readonly imputed: readonly number[];
  /** Requests per series bucket of this user's results (a power of two). */
  readonly bucketSteps: number;
}

interface PolicyRun {
  state: UserState;
  clock: number;
  readonly trace: ReplayTrace;
}

interface Pending {
  readonly request: CheckedRequest;
  readonly harmful: readonly boolean[];
  /** Logged dwell by served id, for the ids the user was logged seeing. */
  readonly dwell: Map<string, number>;
}

/**
 * One logged user replayed under every policy at once, a request at a time: a request is served
 * once its impressions are in (at the next request or at the user's end), so a user costs one
 * request's records of memory plus the per-impression flags of the traces.
 *
 * @internal
 */
export class UserReplay {
  private readonly runs: PolicyRun[];
  private readonly imputer: DwellImputer;
  private pending: Pending | null = null;
  private requests = 0;
  private impressions = 0;

  constructor(
    private readonly setup: ReplaySetup,
    readonly user: string,
    readonly cohort: CohortName,
  ) {
    this.runs = setup.rebalancers.map((rb) => ({
      state: rb.emptyState(),
      clock: 0,
      trace: new ReplayTrace(cohort),
    }));
    this.imputer = new DwellImputer(setup.referenceDwellMs);
  }

  /** Takes the user's next request (serving the previous one). */
  request(request: CheckedRequest, line: number): void {
    this.flush();
    if (this.requests >= LIMITS.logRequestsPerUser)
      failInput(
        'argument',
        REPLAY,
        joinPath(recordPath(line), 'user'),
        `must have at most ${LIMITS.logRequestsPerUser} requests in the log`,
        request.user,
      );
    this.requests++;
    const harmful = request.candidates.map((item, i) => {
      const label = request.labels[i];
      return label === null || label === undefined ? this.setup.isHarmful(item) : label;
    });
    this.pending = { request, harmful, dwell: new Map() };
  }

  /** Takes an impression of an item the user's latest request served. */
  impression(impression: CheckedImpression, line: number): void {
    const pending = this.pending;
    if (pending === null || !pending.request.served.includes(impression.id))
      failInput(
        'argument',
        REPLAY,
        joinPath(recordPath(line), 'id'),
        "must be an id the user's latest request served",
        impression.id,
      );
    this.impressions++;
    pending.dwell.set(impression.id, (pending.dwell.get(impression.id) ?? 0) + impression.dwellMs);
  }

  /** Serves the last request and returns the user's record. */
  finish(): ReplayUserRecord {
    this.flush();
    const done = this.runs.map((run) => run.trace.result());
    return {
      user: this.user,
      cohort: this.cohort,
      requests: this.requests,
      loggedImpressions: this.impressions,
      results: done.map((d) => d.result),
      imputed: this.runs.map((run) => run.trace.imputed),
      bucketSteps: done[0]?.bucketSteps ?? 1,
    };
  }

  private flush(): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    const { request, harmful, dwell } = pending;
    const ids = request.candidates.map((item) => item.id);
    for (const [id, ms] of dwell) this.imputer.add(harmful[ids.indexOf(id)] ? 1 : 0, ms);
    for (let p = 0; p < this.runs.length; p++) this.serve(p, request, harmful, dwell);
  }

  /** Policy `p` serves the request; each served item is an impression under it. */
  private serve(
    p: number,
    request: CheckedRequest,
    harmful: readonly boolean[],
    dwell: ReadonlyMap<string, number>,
  ): void {
    const { setup } = this;
    const run = this.runs[p]!;
    const rb = setup.rebalancers[p]!;
    run.clock = Math.max(run.clock, request.at);
    const recovery = request.recovery ?? setup.recovery;
    const slots = rb.rebalance({
      candidates: request.candidates,
      recovery,
      state: run.state,
      at: run.clock,
      size: setup.k,
    }).slots;
    const servedHarmful = slots.map((slot) =>
      slot.from === null ? setup.isHarmful(itemOf(recovery, slot.id)) : harmful[slot.from]!,
    );
    setup.onServe?.(p, slots, servedHarmful);
    run.trace.request(
      ndcgRetention(slots, request.candidates.length, setup.k),
      displacement(slots),
    );
    let triggering = 0;
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s]!;
      const item = slot.from === null ? itemOf(recovery, slot.id) : request.candidates[slot.from]!;
      const logged = slot.from === null ? undefined : dwell.get(slot.id);
      const dwellMs = logged ?? this.imputer.impute(servedHarmful[s] ? 1 : 0);
      run.state = rb.observe(run.state, { item, at: run.clock, dwellMs });
      run.trace.impression(
        servedHarmful[s]!,
        slot.from === null,
        dwellMs,
        logged === undefined,
        run.state,
      );
      if (servedHarmful[s]) triggering++;
      run.clock += dwellMs + SCROLL_MS;
    }
    run.trace.endRequest(2 * triggering >= setup.k);
  }
}

function itemOf(pool: readonly Item[], id: string): Item {
  for (const item of pool) if (item.id === id) return item;
  // The rebalancer serves recovery items of the pool it was given, by id.
  throw new Error(`replay: recovery item ${JSON.stringify(id)} is not in the pool`);
}

/** The DCG discount of position `k` (0-based). */
function discount(k: number): number {
  return 1 / Math.log2(k + 2);
}

/**
 * NDCG@k of the served page against the host's order: a candidate's gain is the discount of its
 * logged position (the host's ranking, read as graded relevance), an inserted recovery item's is
 * 0, and the ideal page is the host's own top k, so serving the host's order scores 1.
 */
function ndcgRetention(slots: readonly Slot[], candidates: number, k: number): number {
  let ideal = 0;
  let got = 0;
  for (let p = 0; p < Math.min(k, candidates); p++) ideal += discount(p) * discount(p);
  for (let p = 0; p < slots.length; p++) {
    const from = slots[p]!.from;
    if (from !== null) got += discount(from) * discount(p);
  }
  return ideal > 0 ? got / ideal : 1;
}

/** Sum over served organic items of |served position − logged position|. */
function displacement(slots: readonly Slot[]): number {
  let sum = 0;
  for (let p = 0; p < slots.length; p++) {
    const from = slots[p]!.from;
    if (from !== null) sum += Math.abs(p - from);
  }
  return sum;
}
