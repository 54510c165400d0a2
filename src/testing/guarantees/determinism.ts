import { deepCopy, firstDifference } from '../check/deepEqual.js';
import type { GuaranteeContext } from '../types.js';

/**
 * Guarantee 8 of docs/guarantees.md, determinism and untouched inputs: the request is deep-equal after the call to
 * what it was before (candidates, pool, state, every item and embedding), and calling the
 * target again, on the same request and on a fresh deep copy of it, gives a deep-equal result
 * (numbers compared with `Object.is`: bit for bit).
 *
 * @param context - the request, its snapshot, the result and a way to run the target again
 * @returns `null` when the guarantee holds, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkDeterminism } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const context = createGuaranteeContext(rb, rb, { candidates: [{ id: 'a' }], state: rb.emptyState(), at: 0 });
 * console.log(checkDeterminism(context)); // null
 * ```
 */
export function checkDeterminism(context: GuaranteeContext): string | null {
  const changed = firstDifference(context.request, context.snapshot, 'request');
  if (changed !== null) return `the target changed its input: ${changed} differs after the call`;
  const again = rerun(context, context.request, 'the same request');
  if (typeof again === 'string') return again;
  const copy = rerun(context, deepCopy(context.snapshot), 'a deep copy of the request');
  if (typeof copy === 'string') return copy;
  return null;
}

function rerun(
  context: GuaranteeContext,
  request: GuaranteeContext['request'],
  what: string,
): string | null {
  let result;
  try {
    result = context.run(request);
  } catch (error) {
    return `calling the target again on ${what} threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  const d = firstDifference(result, context.result, 'result');
  return d === null
    ? null
    : `calling the target again on ${what} gave a different result (first difference at ${d})`;
}
