import type { ResolvedGroupPolicy, ResolvedPolicy } from '../../policy/resolved.js';

/**
 * The policy of one group: its own block in `policy.groups`, or the top-level fields.
 *
 * @internal
 */
export function groupPolicy(policy: ResolvedPolicy, id: string): ResolvedGroupPolicy {
  const own = Object.prototype.hasOwnProperty.call(policy.groups, id)
    ? policy.groups[id]
    : undefined;
  return own ?? policy;
}
