import type { ObserveEvent, Rebalancer, StateStore, UserState } from '../../index.js';

/** A store that already has `append(userId, events)`, which a parallel change adds to every store. */
interface AppendingStore extends StateStore {
  append(userId: string, events: readonly ObserveEvent[]): Promise<UserState>;
}

/** What {@link appendEvents} did: the state written and, when known, the state it replaced. */
export interface Appended {
  readonly after: UserState;
  /** The stored state the events were folded into (`undefined` for a new user); `null` when the store folded them itself. */
  readonly before: UserState | undefined | null;
}

/**
 * Applies events (impressions and feedback) to a user's state through the store. The routes are
 * written against `StateStore.append(userId, events)`; until every store has it, this adapter
 * falls back to the store's atomic `update`, folding the events with `rb.observe`. This is the
 * one place to remove once `append` is part of `StateStore`: delete the fallback branch and
 * call `store.append` directly.
 *
 * @param store - the state store
 * @param userId - the user's id
 * @param events - the events, in the order they happened
 * @param rb - the rebalancer whose `observe` folds them in the fallback
 * @returns the state written, and the state it replaced when the fallback ran
 * @throws RebalanceError from the store (`request`, `state`, `conflict`, `store`) or from
 *   `observe` (`impression`)
 * @internal
 */
export async function appendEvents(
  store: StateStore,
  userId: string,
  events: readonly ObserveEvent[],
  rb: Rebalancer,
): Promise<Appended> {
  if (typeof (store as Partial<AppendingStore>).append === 'function') {
    return { after: await (store as AppendingStore).append(userId, events), before: null };
  }
  // Fallback until StateStore.append lands. The update may run more than once (the Redis store
  // retries after a concurrent write): only the last call's `before` belongs to the state written.
  let before: UserState | undefined;
  const after = await store.update(userId, (stored) => {
    before = stored;
    return rb.observe(stored ?? rb.emptyState(), events);
  });
  return { after, before };
}
