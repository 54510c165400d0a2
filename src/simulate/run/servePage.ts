import type { RebalanceRequest } from '../../facade/types.js';
import type { Slot } from '../../rerank/types.js';
import type { UserState } from '../../exposure/types.js';
import type { Impression } from '../../item/types.js';
import type { Catalogue } from '../world/buildCatalogue.js';
import { itemIndex } from '../world/buildCatalogue.js';

/**
 * The part of a rebalancer the simulator uses: the public facade's `emptyState`, `observe` and
 * the `slots` of `rebalance`. A `Rebalancer` is one; any object with these methods can stand in
 * for the policy under test.
 *
 * @internal
 */
export interface FeedPolicy {
  emptyState(): UserState;
  observe(state: UserState, impression: Impression): UserState;
  rebalance(request: RebalanceRequest): { readonly slots: readonly Slot[] };
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
 * to `rebalance` and maps the served slots back to catalogue indices.
 *
 * @param policy - the policy under test
 * @param catalogue - the catalogue
 * @param ranked - the recommender's candidates, best first (catalogue indices)
 * @param pool - the recovery pool (catalogue indices)
 * @param state - the user's exposure state
 * @param at - request time (ms)
 * @param size - page size
 * @returns the served page
 * @internal
 */
export function servePage(
  policy: FeedPolicy,
  catalogue: Catalogue,
  ranked: Int32Array,
  pool: Int32Array,
  state: UserState,
  at: number,
  size: number,
): ServedPage {
  const candidates = new Array<(typeof catalogue.items)[number]>(ranked.length);
  for (let k = 0; k < ranked.length; k++) candidates[k] = catalogue.items[ranked[k]!]!;
  const recovery = new Array<(typeof catalogue.items)[number]>(pool.length);
  for (let k = 0; k < pool.length; k++) recovery[k] = catalogue.items[pool[k]!]!;
  const { slots } = policy.rebalance({ candidates, recovery, state, at, size });
  const items = new Int32Array(slots.length);
  const inserted = new Uint8Array(slots.length);
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k]!;
    if (slot.source === 'organic' && slot.from !== null) {
      items[k] = ranked[slot.from]!;
    } else {
      items[k] = itemIndex(slot.id);
      inserted[k] = 1;
    }
  }
  return { items, recovery: inserted };
}
