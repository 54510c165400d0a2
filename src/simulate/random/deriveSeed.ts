/**
 * The independent random streams of a run. The world (catalogue) has its own stream, as RecLab
 * separates the seed that builds the world from the one that runs the dynamics; each user has a
 * traits stream (who the user is) and a dynamics stream (what happens to them), so a policy
 * change alters a user's dynamics but never who the user is, and no user's draws depend on how
 * many users run before it or on which worker runs it. Labels have a stream of their own (the same
 * items under every label model), and so have the collaborative recommender's initial factors
 * and each restart of a policy tuning (its design and candidate pools, never the simulation).
 *
 * @internal
 */
export const STREAM = {
  world: 1,
  traits: 2,
  dynamics: 3,
  bootstrap: 4,
  labels: 5,
  factors: 6,
  tune: 7,
} as const;

/**
 * Hashes `(seed, stream, index)` to a 32-bit seed with the MurmurHash3 finaliser (Appleby), so
 * neighbouring users get unrelated streams.
 *
 * @param seed - the run's seed, an integer in [0, 2^32)
 * @param stream - one of {@link STREAM}
 * @param index - the user index (0 for the world)
 * @returns an unsigned 32-bit integer
 * @internal
 */
export function deriveSeed(seed: number, stream: number, index: number): number {
  let h = mix(seed >>> 0);
  h = mix((h ^ Math.imul(stream, 0x9e3779b1)) >>> 0);
  h = mix((h ^ Math.imul(index + 1, 0x85ebca77)) >>> 0);
  return h;
}

function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
