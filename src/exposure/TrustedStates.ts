import type { UserState } from './types.js';

/** States remembered; a power of two. */
const RING = 32;

/**
 * The states one rebalancer built or validated most recently, all frozen and lined up with its
 * taxonomy and policy. A state found here skips validation and binding: being frozen, it cannot
 * have changed since. Each rebalancer has its own, so nothing is shared between rebalancers or
 * kept at module level.
 *
 * A small ring rather than a `WeakSet`: a `WeakSet` insertion costs about as much as a whole
 * `observe` of one impression, and `observe` trusts a state per call, while a ring insertion is
 * one array store. The common `state = rb.observe(state, …)` then `rb.rebalance({ state, … })`
 * always hits; a state that has left the ring is simply validated again.
 *
 * @internal
 */
export class TrustedStates {
  private readonly states: (UserState | undefined)[] = new Array<UserState | undefined>(RING).fill(
    undefined,
  );
  private next = 0;
  /**
   * States a caller had vouched for with `parseState` — a store keeping the state it wrote, to
   * fold into it again later — trusted for as long as they live, long after they left the ring.
   * Weak, so it keeps nothing alive; filled only by `parseState`, never by `observe`, which
   * would pay a `WeakSet` insertion per call.
   */
  private readonly kept = new WeakSet<UserState>();

  /** Remembers `state` (frozen, lined up with this rebalancer) as trusted and returns it. */
  trust(state: UserState): UserState {
    this.states[this.next] = state;
    this.next = (this.next + 1) & (RING - 1);
    return state;
  }

  /** Trusts `state` (trusted already) for as long as it lives, and returns it. */
  keep(state: UserState): UserState {
    this.kept.add(state);
    return state;
  }

  /** Whether `value` is a state this rebalancer trusted recently, or keeps trusting. */
  isTrusted(value: unknown): value is UserState {
    // Newest first: the state just returned by observe is the usual one.
    for (let k = 1; k <= RING; k++)
      if (this.states[(this.next - k) & (RING - 1)] === value) return true;
    return typeof value === 'object' && value !== null && this.kept.has(value as UserState);
  }
}
