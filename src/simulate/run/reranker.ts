import type { Item, PolicyInput, UserState } from '../../index.js';

/**
 * What a re-ranker under test is asked, once per feed request: the recommender's candidates
 * best first, the recovery pool, the user's exposure state (kept by the library's `observe`), the
 * request time and the page size. A `RebalanceRequest` of the library, with every field present.
 *
 * @example
 * ```ts
 * import type { RerankRequest } from 'feed-rebalancer/simulate';
 * const topIds = (r: RerankRequest) => r.candidates.slice(0, r.size).map((item) => item.id);
 * ```
 */
export interface RerankRequest {
  readonly candidates: readonly Item[];
  readonly recovery: readonly Item[];
  readonly state: UserState;
  readonly at: number;
  readonly size: number;
}

/**
 * One served slot: an organic candidate (`from` its index in `candidates`) or a recovery pool
 * item (`from: null`). The library's `Slot` is one.
 *
 * @example
 * ```ts
 * import type { RerankSlot } from 'feed-rebalancer/simulate';
 * const first: RerankSlot = { id: 'i12', source: 'organic', from: 0 };
 * ```
 */
export interface RerankSlot {
  readonly id: string;
  readonly source: 'organic' | 'recovery';
  readonly from: number | null;
}

/**
 * What a re-ranker returns: the served slots in order, at most `size`, each id at most once. The
 * library's `RebalanceResult` is one.
 *
 * @example
 * ```ts
 * import type { RerankResult } from 'feed-rebalancer/simulate';
 * const empty: RerankResult = { slots: [] };
 * ```
 */
export interface RerankResult {
  readonly slots: readonly RerankSlot[];
}

/**
 * A re-ranker: `(request) => result`, with the shape of the library's `rebalance`, so that
 * someone else's re-ranker (or the library's own building blocks, such as `mmr`) can be compared
 * with the policies under the same world.
 *
 * @example
 * ```ts
 * import type { Reranker } from 'feed-rebalancer/simulate';
 * const topOnly: Reranker = ({ candidates, size }) => ({
 *   slots: candidates.slice(0, size).map((item, from) => ({ id: item.id, source: 'organic', from })),
 * });
 * ```
 */
export type Reranker = (request: RerankRequest) => RerankResult;

/**
 * A re-ranker under a name, for `simulate` and `compare`. It runs on the calling thread. The
 * exposure state it is handed is kept by the library's `observe` under `policy`, which also
 * decides the detection metrics (alarms, detection delay) reported for it.
 *
 * @example
 * ```ts
 * import { mmr } from 'feed-rebalancer';
 * import { compare, type NamedReranker } from 'feed-rebalancer/simulate';
 * const diversified: NamedReranker = {
 *   name: 'mmr',
 *   rerank: ({ candidates, size }) => {
 *     const vectors = candidates.map((item) => item.embedding as Float64Array);
 *     const order = mmr(vectors[0]!, vectors, { k: size, lambda: 0.5 });
 *     return { slots: order.map((from) => ({ id: candidates[from]!.id, source: 'organic', from })) };
 *   },
 * };
 * const c = await compare({ scenario: 'mixed', policies: ['protective', diversified], seed: 1, users: 10, steps: 20 });
 * ```
 */
export interface NamedReranker {
  /** Name in reports; not `off`. */
  readonly name: string;
  /** The re-ranker. */
  readonly rerank: Reranker;
  /** The policy `observe` keeps the state with. @defaultValue the `off` preset */
  readonly policy?: PolicyInput;
}
