import type { RebalanceResult } from './types.js';

/**
 * A short human-readable account of what `rebalance` changed and why — what a service can show
 * a person who asks why their feed looks the way it does (EU DSA Art. 27 asks platforms to
 * explain the main parameters of their ranking).
 *
 * A group with a policy of its own (`policy.groups`, listed in `result.applied.ownPolicy`) is
 * named with its level, as the same level may do different things to different groups:
 * "filtered out 2 suicide items (suicide's own policy, at level sustained)".
 *
 * @param result - the result of `rb.rebalance`
 * @param labels - optional display labels per group id (defaults to the group id)
 * @returns one sentence, e.g. "Moved 3 eating-disorder items down to keep at most 1 in 6; inserted
 *   2 recovery items for eating-disorder; left out 1 duplicate."
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, explain } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.dispersion });
 * const out = rb.rebalance({
 *   candidates: [{ id: 'a', topics: ['pro-ana'] }, { id: 'b', topics: ['pro-ana'] }, { id: 'c', topics: ['pro-ana'] }, { id: 'd' }],
 *   state: rb.emptyState(),
 * });
 * console.log(explain(out)); // "Moved 1 eating-disorder item down to keep at most 2 in 8."
 * ```
 */
export function explain(
  result: RebalanceResult,
  labels?: Readonly<Record<string, string>>,
): string {
  const label = (group: string): string =>
    labels !== undefined && Object.prototype.hasOwnProperty.call(labels, group)
      ? labels[group]!
      : group;
  const ownPolicy = result.applied.ownPolicy ?? [];
  const own = (group: string): string => {
    if (!ownPolicy.includes(group)) return '';
    const groups = result.assessment.groups;
    const level = Object.prototype.hasOwnProperty.call(groups, group)
      ? groups[group]?.level
      : undefined;
    return ` (${label(group)}'s own policy${level === undefined ? '' : `, at level ${level}`})`;
  };
  const caps = result.applied.caps;
  const capOf = (group: string) =>
    Object.prototype.hasOwnProperty.call(caps, group) ? caps[group] : undefined;
  // Counted by whole reason ('cap:eating-disorder'), one reason per group, and cut to the group
  // once per group rather than once per slot.
  const moved = new Map<string, number>();
  const inserted = new Map<string, number>();
  let diversified = 0;
  for (const slot of result.slots) {
    for (const reason of slot.reasons) {
      if (reason.startsWith('cap:')) bump(moved, reason);
      else if (reason.startsWith('recovery:')) bump(inserted, reason);
      else if (reason === 'diversify') diversified += 1;
    }
  }
  const removed = new Map<string, number>();
  for (const d of result.dropped) bump(removed, d.reason);

  const parts: string[] = [];
  for (const [reason, n] of moved) {
    const group = reason.slice(4);
    const cap = capOf(group);
    const rule = cap === undefined ? '' : ` to keep at most ${cap.count} in ${cap.window}`;
    parts.push(`moved ${items(n, `${label(group)} item`)} down${rule}${own(group)}`);
  }
  if (diversified > 0) parts.push(`reordered ${items(diversified, 'item')} for variety`);
  for (const [reason, n] of inserted) {
    const group = reason.slice(9);
    parts.push(`inserted ${items(n, 'recovery item')} for ${label(group)}${own(group)}`);
  }
  for (const [reason, n] of removed) {
    if (reason.startsWith('cap:')) {
      const group = reason.slice(4);
      const cap = capOf(group);
      parts.push(
        (cap?.count === 0
          ? `filtered out ${items(n, `${label(group)} item`)}`
          : `left out ${items(n, `${label(group)} item`)} the cap had no room for`) + own(group),
      );
    } else if (reason === 'size') parts.push(`left ${items(n, 'item')} beyond the feed size`);
    else if (reason === 'duplicate') parts.push(`left out ${items(n, 'duplicate')}`);
    else parts.push(`left out ${items(n, `${reason} item`)}`);
  }
  if (parts.length === 0) return 'The feed was served as ranked.';
  const text = parts.join('; ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function items(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
