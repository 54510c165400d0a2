import type { Catalogue } from '../world/buildCatalogue.js';
import { deriveSeed, STREAM } from '../random/deriveSeed.js';
import { Rng } from '../random/Rng.js';
import { drawUser } from '../users/drawUser.js';
import { respondInPlace, restInPlace, WATCH_THRESHOLD_MS } from '../users/respondInPlace.js';
import { Recommender } from '../recommender/Recommender.js';
import type { UserResult } from '../metrics/UserResult.js';
import { UserTrace } from '../metrics/UserTrace.js';
import { servePage, type FeedPolicy } from './servePage.js';
import { cohortOf, PAGE_SIZE, SCROLL_MS, type RunSpec } from './RunSpec.js';
import { drawRecoveryPool } from './drawRecoveryPool.js';

/** Start of every user's clock (ms since the epoch, 2024-01-01); any fixed origin would do. */
const EPOCH_MS = 1_704_067_200_000;
/** Mean extra pages after the first in a session (geometric): about four pages, ~5 minutes. */
const MEAN_EXTRA_PAGES = 3;
/** Mean time between sessions beyond the 35-minute minimum (exponential), ms: ~3 hours. */
const MEAN_GAP_MS = 3 * 3_600_000;
/** Chance that a session is followed by days away instead (users leave and return). */
const LEAVE_CHANCE = 0.05;

/**
 * Simulates one user from the two streams derived from `(seed, index)`: the traits stream draws
 * who the user is, the dynamics stream everything that happens. Per feed request: the
 * recommender ranks candidates → the policy rebalances them → the page is served → the user
 * watches or skips each item → `observe` → the recommender learns from the dwell.
 *
 * @param spec - the run
 * @param catalogue - the catalogue built from the run's world seed
 * @param policy - the policy under test
 * @param index - the user's index in the population
 * @returns the user's sufficient statistics
 * @internal
 */
export function simulateUser(
  spec: RunSpec,
  catalogue: Catalogue,
  policy: FeedPolicy,
  index: number,
): UserResult {
  const cohort = cohortOf(spec.scenario, index);
  const profile = spec.scenario.cohorts[cohort]!;
  const user = drawUser(
    new Rng(deriveSeed(spec.seed, STREAM.traits, index)),
    cohort,
    profile,
    catalogue,
  );
  const rng = new Rng(deriveSeed(spec.seed, STREAM.dynamics, index));
  const recommender = new Recommender(catalogue, profile.recoveryHistory);
  const trace = new UserTrace(spec, catalogue, user);
  let state = policy.emptyState();
  let at = EPOCH_MS;
  let pagesLeft = 0;
  for (let step = 0; step < spec.steps; step++) {
    if (pagesLeft === 0) {
      if (step > 0) {
        const away = rng.chance(LEAVE_CHANCE)
          ? rng.between(1, 7) * 86_400_000
          : 35 * 60_000 + rng.exponential(MEAN_GAP_MS);
        at += away;
        restInPlace(user, away);
      }
      pagesLeft = 1 + Math.floor(rng.exponential(MEAN_EXTRA_PAGES));
    }
    const ranked = recommender.candidates(rng, step);
    const pool = drawRecoveryPool(catalogue, rng);
    const page = servePage(policy, catalogue, ranked, pool, state, at, PAGE_SIZE);
    trace.request(ranked, page, recommender);
    let triggering = 0;
    for (let k = 0; k < page.items.length; k++) {
      const item = page.items[k]!;
      const dwellMs = respondInPlace(user, item, catalogue, rng);
      state = policy.observe(state, { item: catalogue.items[item]!, at, dwellMs });
      trace.impression(item, page.recovery[k] === 1, dwellMs >= WATCH_THRESHOLD_MS, dwellMs, state);
      recommender.learn(item, dwellMs, step);
      triggering += catalogue.harmful[item]!;
      at += dwellMs + SCROLL_MS;
    }
    trace.endRequest(step, 2 * triggering >= PAGE_SIZE);
    pagesLeft--;
  }
  return trace.result();
}
