import type { RebalanceCase } from '../types.js';

/**
 * A readable JSON rendering of a generated case: typed-array embeddings shown as arrays with
 * their type, the state shown in full (it is small), long lists kept whole so that a
 * counterexample can be pasted into a test.
 *
 * @param c - the case, typically a shrunk counterexample
 * @returns indented JSON text
 *
 * @example
 * ```ts
 * import { formatCase } from 'feed-rebalancer/testing';
 * declare const failure: { counterexample: Parameters<typeof formatCase>[0] };
 * console.log(formatCase(failure.counterexample));
 * ```
 */
export function formatCase(c: RebalanceCase): string {
  return JSON.stringify(
    { impressions: c.impressions, request: c.request },
    (_key, value: unknown) => {
      if (value instanceof Float32Array) return { Float32Array: Array.from(value) };
      if (value instanceof Float64Array) return { Float64Array: Array.from(value) };
      if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
      return value;
    },
    2,
  );
}
