import { RebalanceError } from '../../index.js';
import type { Impression, UserState } from '../../index.js';
import type { Catalogue } from '../world/buildCatalogue.js';
import { itemIndex } from '../world/buildCatalogue.js';
import type { RerankRequest, RerankResult, RerankSlot } from './reranker.js';

/**
 * The part of a rebalancer the simulator uses: the public facade's `emptyState`, `observe` and
 * the `slots` of `rebalance`. A `Rebalancer` is one; so is a re-ranker under test.
 *
 * @internal
 */
export interface FeedPolicy {
  emptyState(): UserState;
  observe(state: UserState, impression: Impression): UserState;
  rebalance(request: RerankRequest): RerankResult;
}

/**
 * One served page: catalogue indices in served order, and which of them the policy inserted
 * from the recovery pool.
 *
 * @internal
 */
export interface ServedPage {
  readonly items: Int32Array;
  readonly recovery: Uint8Array;
}

/**
 * The policy step of the loop: hands the recommender's ranked candidates and the recovery pool
 * to `rebalance` and maps the served slots back to catalogue indices, checking what a re-ranker
 * returned: at most `size` slots, each an organic candidate at its own index or an item of the
 * pool, none twice.
 *
 * @param policy - the policy under test
 * @param catalogue - the catalogue
 * @param ranked - the recommender's candidates, best first (catalogue indices)
 * @param pool - the recovery pool (catalogue indices)
 * @param state - the user's exposure state
 * @param at - request time (ms)
 * @param size - page size
 * @returns the served page
 * @throws RebalanceError with code `argument` when the slots break a rule
 * @internal
 */
export function servePage(
  policy: FeedPolicy,
  catalogue: Catalogue,
  ranked: ArrayLike<number>,
  pool: Int32Array,
  state: UserState,
  at: number,
  size: number,
): ServedPage {
  const candidates = new Array<(typeof catalogue.items)[number]>(ranked.length);
  for (let k = 0; k < ranked.length; k++) candidates[k] = catalogue.items[ranked[k]!]!;
  const recovery = new Array<(typeof catalogue.items)[number]>(pool.length);
  for (let k = 0; k < pool.length; k++) recovery[k] = catalogue.items[pool[k]!]!;
  // A re-ranker under test may return anything: check the shape before reading it.
  const returned: unknown = policy.rebalance({ candidates, recovery, state, at, size }).slots;
  if (!Array.isArray(returned) || returned.length > size)
    fail(`must return at most ${size} slots`, Array.isArray(returned) ? returned.length : returned);
  const slots = returned as readonly RerankSlot[];
  const items = new Int32Array(slots.length);
  const inserted = new Uint8Array(slots.length);
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k]!;
    let item = -1;
    if (slot.source === 'organic') {
      const from = slot.from;
      if (
        typeof from === 'number' &&
        from >= 0 &&
        from < ranked.length &&
        candidates[from]!.id === slot.id
      )
        item = ranked[from]!;
    } else if (slot.source === 'recovery') {
      const index = typeof slot.id === 'string' ? itemIndex(slot.id, catalogue.items.length) : -1;
      if (pool.includes(index)) {
        item = index;
        inserted[k] = 1;
      }
    }
    if (item < 0)
      fail(`slot ${k} must be a candidate at its index or an item of the recovery pool`, slot.id);
    for (let j = 0; j < k; j++)
      if (items[j] === item) fail(`slot ${k} serves an item twice`, slot.id);
    items[k] = item;
  }
  return { items, recovery: inserted };
}

function fail(rule: string, value: unknown): never {
  throw new RebalanceError(
    'argument',
    `simulate: the policy's slots ${rule} (got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value)})`,
    'policy',
  );
}
