import type { ResolvedDiversify } from '../policy/resolved.js';
import { diversifyOrder } from './diversify/index.js';
import type { PreparedList } from './prepare.js';

/**
 * The organic order after diversification, or null when it does not apply: diversification
 * needs embeddings, and by guarantee 3 (docs/guarantees.md) a request with no triggering
 * candidate is left as it is. Relevance is the host's rank, mapped to (0, 1].
 *
 * @internal
 */
export function diversifiedOrder(
  organic: PreparedList,
  groups: number,
  diversify: ResolvedDiversify,
): Int32Array | null {
  const n = organic.count;
  let triggering = false;
  const flags = organic.triggering.flags;
  for (let i = 0; i < n * groups; i++) {
    if (flags[i] === 1) {
      triggering = true;
      break;
    }
  }
  if (!triggering || n < 2) return null;
  const rows = organic.embeddings;
  const embeddings = Array.from(organic.embedding, (row) => (row < 0 ? null : rows.row(row)));
  const relevance = new Float64Array(n);
  for (let i = 0; i < n; i++) relevance[i] = 1 - i / n;
  const order = diversifyOrder(embeddings, relevance, diversify);
  const out = Int32Array.from(order);
  for (let i = 0; i < n; i++) if (out[i] !== i) return out;
  return null;
}
