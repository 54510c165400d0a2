import { failInput } from '../validate/fail.js';
import type { SeeLessEntry } from './types.js';
import { LIMITS } from '../validate/limits.js';

const DAY_MS = 86_400_000;

/**
 * How "see less" feedback fades, after X's open-sourced home-mixer ranker: a multiplier of 0 for
 * 14 days, then rising linearly from 0.2 to 1.0 over the next 140 days. `rebalance` applies the
 * first part only — matching candidates are removed for 14 days — and afterwards serves them like
 * any other, since it does not score candidates; a host that wants them back gradually applies
 * {@link seeLessMultiplier} to its own scores.
 *
 * @example
 * ```ts
 * import { SEE_LESS } from 'feed-rebalancer';
 * console.log(SEE_LESS.removeDays, SEE_LESS.recoverDays); // 14 140
 * ```
 */
export const SEE_LESS = Object.freeze({
  /** Days during which matching items are removed (multiplier 0). */
  removeDays: 14,
  /** Days over which the multiplier then climbs back to 1. */
  recoverDays: 140,
  /** Multiplier right after the removal period. */
  floor: 0.2,
  /** Most targets a state remembers; the oldest feedback is forgotten first. */
  maxEntries: LIMITS.seeLessEntries,
});

/**
 * Records "see less" feedback on a topic or group: a new list (the input is not changed) with
 * the target's entry moved to the end with time `at`, at most {@link SEE_LESS}.maxEntries long, so
 * the state stays bounded whatever the user does.
 *
 * @param entries - the current list, oldest first
 * @param target - a topic or group id
 * @param at - when the feedback was given (ms)
 * @returns the new list, oldest first
 * @throws RebalanceError with code `impression` when `target` or `at` is malformed
 *
 * @example
 * ```ts
 * import { addSeeLess } from 'feed-rebalancer';
 * const list = addSeeLess([], 'thinspiration', Date.UTC(2026, 0, 1)); // [['thinspiration', 1767225600000]]
 * ```
 */
export function addSeeLess(
  entries: readonly SeeLessEntry[],
  target: string,
  at: number,
): readonly SeeLessEntry[] {
  if (typeof target !== 'string' || target === '' || target.length > LIMITS.nameLength)
    failInput(
      'impression',
      'addSeeLess',
      'target',
      `must be a topic or group id of 1 to ${LIMITS.nameLength} characters`,
      target,
    );
  if (typeof at !== 'number' || !Number.isFinite(at))
    failInput('impression', 'addSeeLess', 'at', 'must be a finite time in ms', at);
  const kept = entries.filter(([t]) => t !== target);
  kept.push([target, at]);
  return kept.length > SEE_LESS.maxEntries ? kept.slice(kept.length - SEE_LESS.maxEntries) : kept;
}

/**
 * The score multiplier "see less" feedback leaves on a target at time `at`: 0 for 14 days after
 * the latest feedback on it (the days `rebalance` removes matching items), then rising linearly
 * from 0.2 to 1 over 140 days, and 1 without feedback. The library uses only the 0: the climb
 * back is for a host to apply to its own scores before ranking. Pure: the time is an argument.
 *
 * @param entries - the recorded feedback
 * @param target - a topic or group id
 * @param at - the time to evaluate at (ms)
 * @returns a multiplier in [0, 1]
 *
 * @example
 * ```ts
 * import { addSeeLess, seeLessMultiplier } from 'feed-rebalancer';
 * const day = 86_400_000;
 * const list = addSeeLess([], 'thinspiration', 0);
 * seeLessMultiplier(list, 'thinspiration', 7 * day); // 0
 * seeLessMultiplier(list, 'thinspiration', 84 * day); // 0.6
 * seeLessMultiplier(list, 'thinspiration', 200 * day); // 1
 * ```
 */
export function seeLessMultiplier(
  entries: readonly SeeLessEntry[],
  target: string,
  at: number,
): number {
  let latest = -Infinity;
  for (const [t, when] of entries) if (t === target && when > latest) latest = when;
  if (latest === -Infinity) return 1;
  const age = at - latest;
  const removal = SEE_LESS.removeDays * DAY_MS;
  if (age < removal) return 0;
  const recovery = SEE_LESS.recoverDays * DAY_MS;
  if (age >= removal + recovery) return 1;
  return SEE_LESS.floor + ((1 - SEE_LESS.floor) * (age - removal)) / recovery;
}

/**
 * The entries whose target is one of `targets` (the ids "see less" may name under a taxonomy);
 * the same array when all are kept.
 *
 * @internal
 */
export function keepSeeLessOf(
  entries: readonly SeeLessEntry[],
  targets: ReadonlySet<string>,
): readonly SeeLessEntry[] {
  for (let i = 0; i < entries.length; i++)
    if (!targets.has(entries[i]![0])) return entries.filter(([t]) => targets.has(t));
  return entries;
}
