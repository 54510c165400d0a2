import type { Catalogue } from '../world/buildCatalogue.js';
import type { Rng } from '../random/Rng.js';
import type { ResponseConstants } from '../response/ResponseConstants.js';
import type { SimUser } from './drawUser.js';

/** Dwell at which an impression counts as one full watch (CCDH's ~10 s pauses). @internal */
export const REFERENCE_DWELL_MS = 10_000;

/** Dwell below which an impression is a skip (ms): skips last 0.6–2 s, watches at least this. @internal */
export const WATCH_THRESHOLD_MS = 2_000;

/** Longest dwell on one item (ms). */
const MAX_DWELL_MS = 60_000;

/**
 * How long a user watches an item, and what watching does to them. Mutates `user` (wellbeing,
 * triggering interest) and returns the dwell in milliseconds; a dwell under
 * {@link WATCH_THRESHOLD_MS} is a skip.
 *
 * The response is a choc/kale model in the manner of RecSim's interest-evolution environment:
 * triggering items are engaging but corrosive (they pull harder as wellbeing falls and lower
 * it), recovery items are nourishing (they raise wellbeing), and ordinary items slowly let
 * wellbeing return to the user's baseline. The constants are `ResponseConstants`.
 *
 * @param user - the user, updated in place
 * @param item - catalogue index of the item shown
 * @param catalogue - the catalogue
 * @param rng - the user's dynamics stream
 * @param c - the response constants
 * @returns dwell in milliseconds
 * @internal
 */
export function respondInPlace(
  user: SimUser,
  item: number,
  catalogue: Catalogue,
  rng: Rng,
  c: ResponseConstants,
): number {
  const t = catalogue.topicOf[item]!;
  const kind = catalogue.topics[t]!.kind;
  const interest = user.interest[t]!;
  const appeal = interest * (0.6 + 0.4 * catalogue.quality[item]!);
  // Susceptible users linger on triggering content beyond their interest in it, the more so as
  // wellbeing falls: CCDH's test accounts paused ~10 s on such videos, longer than on the rest.
  const linger =
    kind === 'triggering'
      ? user.susceptibility * (c.lingerFloor + (1 - c.lingerFloor) * (1 - user.wellbeing))
      : 0;
  const watchProbability =
    1 / (1 + Math.exp(-c.watchSlope * (appeal + 0.5 * linger - c.watchMidpoint)));
  const watched = rng.uniform() < watchProbability;
  const dwell = watched
    ? Math.max(
        WATCH_THRESHOLD_MS,
        Math.min(
          MAX_DWELL_MS,
          (1_500 + 7_000 * appeal + c.lingerMs * linger) * Math.exp(0.25 * rng.normal()),
        ),
      )
    : rng.between(600, 2_000);
  const weight = Math.min(dwell / REFERENCE_DWELL_MS, 3);
  if (kind === 'triggering') {
    if (watched) {
      user.interest[t] = interest + c.interestGrowth * user.susceptibility * (1 - interest);
      user.wellbeing -= c.damage * user.susceptibility * weight;
    }
  } else if (kind === 'recovery' && watched) {
    user.wellbeing += c.recoveryGain * weight * (1 - user.wellbeing);
  }
  user.wellbeing += c.baselinePull * (user.baseline - user.wellbeing);
  user.wellbeing = user.wellbeing < 0 ? 0 : user.wellbeing > 1 ? 1 : user.wellbeing;
  return dwell;
}

/**
 * Lets wellbeing drift back towards the user's baseline over time away, with the time constant
 * `restHours`. Mutates `user`.
 *
 * @internal
 */
export function restInPlace(user: SimUser, awayMs: number, c: ResponseConstants): void {
  const recovered = 1 - Math.exp(-awayMs / (c.restHours * 3_600_000));
  user.wellbeing += (user.baseline - user.wellbeing) * recovered;
}
