/**
 * A value built on first use and the same ever after: the only form of module-level state the
 * library allows. `build` must be pure and its result never changed (frozen, or read-only by
 * contract), so that sharing it between rebalancers cannot be observed; use it for compiled
 * constants that cost more than they are worth to build at import time (a bundle that never
 * intercepts a query never compiles the crisis vocabulary).
 *
 * @param build - builds the constant; called at most once
 * @returns a function that returns the constant
 * @internal
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
