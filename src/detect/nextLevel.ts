import { levelRank, type Level } from './levels.js';
import type { HeldLevel } from './detector.js';

/**
 * Applies hysteresis on the way down: a level rises at once, but falls only after the raw level
 * has stayed below it for `holdLength` impressions in a row, so one benign item never switches
 * protection off.
 *
 * Per impression: when `raw` is at or above the current level, the level becomes `raw` and the
 * counter is refilled to `holdLength`. When `raw` is below it, the level is kept and the counter
 * goes down by one, as long as it is above 0; on the first impression below the level that
 * finds the counter at 0, the level becomes `raw` and the counter is refilled. So a level is
 * kept for exactly `holdLength` impressions whose raw level is below it and falls on the next
 * one; `holdLength` 0 drops at once. A fall may stop at `elevated`, which is then held the same
 * way.
 *
 * @param prev - the level in force and its counter, before this impression
 * @param raw - the raw level after this impression (see `rawLevel`)
 * @param holdLength - the policy's `detection.hold`, an integer ≥ 0
 * @param into - where to write the result (may be `prev` itself: observe passes its working copy
 *   of the group, so that an impression allocates nothing); a new object by default
 * @returns `into`, holding the level in force after this impression and its counter
 *
 * @example
 * ```ts
 * import { nextLevel } from './nextLevel.js';
 * nextLevel({ level: 'sustained', hold: 10 }, 'none', 10); // { level: 'sustained', hold: 9 }
 * nextLevel({ level: 'sustained', hold: 0 }, 'none', 10); // { level: 'none', hold: 10 }
 * ```
 *
 * @internal
 */
export function nextLevel(
  prev: HeldLevel,
  raw: Level,
  holdLength: number,
  into: { level: Level; hold: number } = { level: raw, hold: holdLength },
): HeldLevel {
  let level = raw;
  let hold = holdLength;
  if (levelRank(raw) < levelRank(prev.level)) {
    // A counter from a state written under a longer hold still counts down; a corrupted
    // (non-finite or negative) one is treated as spent.
    const left = Number.isFinite(prev.hold) ? prev.hold : 0;
    if (left > 0) {
      level = prev.level;
      hold = left - 1;
    }
  }
  into.level = level;
  into.hold = hold;
  return into;
}
