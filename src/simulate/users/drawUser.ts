import type { CohortName, CohortProfile } from '../types.js';
import type { Catalogue } from '../world/buildCatalogue.js';
import type { Rng } from '../random/Rng.js';

/**
 * A simulated user's latent state. The simulator owns it and updates it in place as the user
 * watches; the recommender never reads it, only the user's watch times.
 *
 * @internal
 */
export interface SimUser {
  readonly cohort: CohortName;
  /** In [0, 1]: how strongly triggering items hold attention and lower wellbeing. */
  susceptibility: number;
  /** Latent interest per catalogue topic, in [0, 1]; triggering interest grows with watching. */
  readonly interest: Float64Array;
  /** Latent wellbeing in [0, 1], where it started, and where it drifts back to. */
  wellbeing: number;
  readonly baseline: number;
}

/**
 * Weight of each triggering group's interest when a cohort profile does not say: eating-disorder
 * content first, as in the audits the at-risk cohort follows (CCDH 2022; Griffiths et al. 2024).
 * A group of another taxonomy weighs 1.
 *
 * @internal
 */
export const DEFAULT_GROUP_INTEREST: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, {
    'eating-disorder': 1,
    'self-harm': 0.7,
    suicide: 0.5,
  }),
);

/** Ordinary interests a user holds strongly. */
const FAVOURITES = 3;

/**
 * Draws a user of a cohort from the user's traits stream: three favourite ordinary interests,
 * weak interest in the rest, triggering interest from the profile weighted per group, recovery
 * interest from the profile, and — for a user with triggering interest — matching interest in
 * the gateway topics next to the triggering topics they lean to (fitness, beauty, low mood),
 * through which audits saw feeds drift into harmful content.
 *
 * @param rng - the user's traits stream
 * @param cohort - the user's cohort
 * @param profile - how the cohort's users are drawn
 * @param catalogue - the catalogue (for its topics)
 * @returns a fresh user
 * @internal
 */
export function drawUser(
  rng: Rng,
  cohort: CohortName,
  profile: CohortProfile,
  catalogue: Catalogue,
): SimUser {
  const topics = catalogue.topics;
  const interest = new Float64Array(topics.length);
  const ordinary: number[] = [];
  for (let t = 0; t < topics.length; t++) {
    if (topics[t]!.kind === 'ordinary') ordinary.push(t);
  }
  for (const t of ordinary) interest[t] = rng.between(0, 0.25);
  for (let k = 0; k < FAVOURITES && ordinary.length > 0; k++) {
    const pick = ordinary.splice(rng.int(ordinary.length), 1)[0]!;
    interest[pick] = rng.between(0.6, 1);
  }
  const weights = profile.groupInterest;
  const weightOf = (group: string): number =>
    weights === undefined
      ? (DEFAULT_GROUP_INTEREST[group] ?? 1)
      : Object.hasOwn(weights, group)
        ? weights[group]!
        : 0;
  const triggering = rng.between(profile.triggeringInterest[0], profile.triggeringInterest[1]);
  const recovery = rng.between(profile.recoveryInterest[0], profile.recoveryInterest[1]);
  for (let t = 0; t < topics.length; t++) {
    const topic = topics[t]!;
    if (topic.kind === 'triggering') {
      interest[t] = triggering * weightOf(topic.group!) * rng.between(0.8, 1.2);
    } else if (topic.kind === 'recovery') {
      interest[t] = recovery * rng.between(0.8, 1.2);
    }
  }
  for (let t = 0; t < topics.length; t++) {
    const topic = topics[t]!;
    if (topic.kind === 'ordinary') {
      const near = catalogue.near[t]!;
      for (let n = 0; n < near.length; n++) {
        const other = topics[near[n]!]!;
        if (other.kind !== 'triggering') continue;
        interest[t] = Math.max(interest[t]!, 1.5 * triggering * weightOf(other.group!));
      }
    }
    interest[t] = Math.min(1, interest[t]!);
  }
  const wellbeing = rng.between(profile.wellbeing[0], profile.wellbeing[1]);
  const susceptibility = rng.between(profile.susceptibility[0], profile.susceptibility[1]);
  return { cohort, susceptibility, interest, wellbeing, baseline: wellbeing };
}
