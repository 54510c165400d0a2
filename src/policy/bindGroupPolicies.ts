import { failInput } from '../validate/fail.js';
import { joinPath } from '../errors/describe.js';
import type { ResolvedGroupPolicy, ResolvedPolicy } from './resolved.js';

/**
 * A resolved policy lined up with a taxonomy's groups, for the engine to read by group index.
 *
 * @internal
 */
export interface GroupPolicies {
  /** Per group index, the group's policy (the top-level one for a group without a block). */
  readonly byGroup: readonly ResolvedGroupPolicy[];
  /** Per group index, the group's `minConfidence`. */
  readonly minConfidence: Float64Array;
  /** Ids of the groups with a block of their own, in taxonomy order (frozen). */
  readonly own: readonly string[];
}

/**
 * Lines a resolved policy up with the taxonomy's group ids. A block for a group the taxonomy
 * does not have is a mistake that would otherwise go unnoticed (a misspelt `suicde` block would
 * leave suicide on the top-level policy), so it is an error.
 *
 * @param policy - the resolved policy
 * @param groupIds - the taxonomy's group ids, in order
 * @param api - the API name that error messages start with
 * @returns the per-index view
 * @throws RebalanceError with code `policy` and path `groups.<id>` for a group the taxonomy lacks
 *
 * @internal
 */
export function bindGroupPolicies(
  policy: ResolvedPolicy,
  groupIds: readonly string[],
  api: string,
): GroupPolicies {
  const known = new Set(groupIds);
  for (const id of Object.keys(policy.groups)) {
    if (known.has(id)) continue;
    const path = joinPath('groups', id);
    failInput(
      'policy',
      api,
      path,
      `names a group the taxonomy does not have (its groups: ${groupIds.join(', ')})`,
      id,
      `policy.${path}`,
    );
  }
  const byGroup: ResolvedGroupPolicy[] = [];
  const own: string[] = [];
  const minConfidence = new Float64Array(groupIds.length);
  for (let g = 0; g < groupIds.length; g++) {
    const id = groupIds[g]!;
    const block = Object.prototype.hasOwnProperty.call(policy.groups, id)
      ? policy.groups[id]
      : undefined;
    if (block !== undefined) own.push(id);
    const resolved = block ?? policy;
    byGroup.push(resolved);
    minConfidence[g] = resolved.minConfidence;
  }
  return { byGroup, minConfidence, own: Object.freeze(own) };
}
