import { hashId } from '../../exposure/hashId.js';
import type { ResolvedPolicy } from '../../policy/resolved.js';

/**
 * A fingerprint of a resolved policy for decision records: `p` and two 53-bit cyrb53 hashes (the
 * hash the state uses for item ids and detector parameters) of the policy's canonical text, one
 * of it and one of it salted, in base 36 — about 106 bits, so two policies a team compares
 * collide with negligible probability.
 *
 * The canonical text lists object keys in sorted order and writes numbers with `String` (the
 * shortest round-trip form, the same in every JavaScript engine, `Infinity` included), so the
 * fingerprint depends on the policy's values only — not on the order its fields were written in
 * — and is stable across runtimes and processes. Every resolved field counts, defaults included:
 * a library version that changes a default changes the fingerprint, as it changes decisions.
 *
 * @param policy - the resolved policy
 * @returns `p` followed by at most 24 base-36 characters
 * @internal
 */
export function policyFingerprint(policy: ResolvedPolicy): string {
  const text = canonical(policy);
  return `p${hashId(text)}.${hashId(`feed-rebalancer:${text}`)}`;
}

/** JSON-like text of a plain value with sorted keys; non-finite numbers keep their names. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      const parts: string[] = [];
      for (const key of keys)
        if (record[key] !== undefined)
          parts.push(`${JSON.stringify(key)}:${canonical(record[key])}`);
      return `{${parts.join(',')}}`;
    }
    default:
      return 'null';
  }
}
