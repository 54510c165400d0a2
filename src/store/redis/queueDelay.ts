import { randomInt } from 'node:crypto';

/** Poll interval of the writer next in line for the lease, in ms. */
const QUEUE_STEP_MS = 1;
/** Longest poll interval in the queue, in ms. */
const QUEUE_CAP_MS = 20;

/**
 * How long a writer queued for a user's lease waits before it asks again: about one millisecond
 * per writer ahead of it (a holder keeps the lease for about a round trip), at most 20 ms, by a
 * factor uniform on [0.5, 1.5] so that waiters do not ask in lock-step. The writer next in line
 * asks about every millisecond and takes the lease soon after it is released; those behind it
 * ask less often, which keeps the polling load on Redis about constant whatever the queue's
 * length.
 *
 * @param rank - the writer's place in line (0 = next)
 * @param random - uniform on [0, 1)
 * @returns milliseconds to wait
 * @internal
 */
export function queueDelay(rank: number, random: () => number): number {
  const base = Math.min(QUEUE_CAP_MS, QUEUE_STEP_MS * (rank + 1));
  const u = random();
  return base * (0.5 + (u >= 0 && u < 1 ? u : 0.5));
}

const RANDOM_SCALE = 2 ** 48;

/**
 * The default source of jitter: the operating system's generator (jitter needs no seed and
 * no reproducibility, only independence between processes).
 *
 * @returns uniform on [0, 1)
 * @internal
 */
export function systemRandom(): number {
  return randomInt(RANDOM_SCALE - 1) / RANDOM_SCALE;
}
