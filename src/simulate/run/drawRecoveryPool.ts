import type { Catalogue } from '../world/buildCatalogue.js';
import type { Rng } from '../random/Rng.js';

/** Recovery items offered per recovery topic per feed request. */
const PER_TOPIC = 6;

/**
 * The recovery pool offered with one feed request: a few random items of each recovery topic,
 * as a host would fetch a fresh slice of its curated recovery content. The policy picks among
 * them by relevance and cooldown.
 *
 * @param catalogue - the catalogue
 * @param rng - the user's dynamics stream
 * @returns catalogue indices, distinct
 * @internal
 */
export function drawRecoveryPool(catalogue: Catalogue, rng: Rng): Int32Array {
  const topics = catalogue.recoveryTopics;
  let size = 0;
  for (let r = 0; r < topics.length; r++)
    size += Math.min(PER_TOPIC, catalogue.byTopic[topics[r]!]!.length);
  const pool = new Int32Array(size);
  let filled = 0;
  for (let r = 0; r < topics.length; r++) {
    const members = catalogue.byTopic[topics[r]!]!;
    const start = filled;
    const wanted = Math.min(PER_TOPIC, members.length);
    while (filled - start < wanted) {
      const item = members[rng.int(members.length)]!;
      let seen = false;
      for (let k = start; k < filled; k++) if (pool[k] === item) seen = true;
      if (!seen) pool[filled++] = item;
    }
  }
  return pool;
}
