import { randomInt } from 'node:crypto';

/** Delay before the first retry is drawn from [0, BASE_MS). */
const BASE_MS = 2;
/** Ceiling of the exponential growth. */
const CAP_MS = 100;

/**
 * The delay before retry number `attempt` (0 for the first retry) of an update that lost a race,
 * by "full jitter": uniform on [0, min(cap, base · 2^attempt)). Spreading retries uniformly
 * breaks the lock-step in which writers that collided once collide again, and costs less total
 * work than equal or decorrelated jitter under contention (M. Brooker, "Exponential Backoff And
 * Jitter", AWS Architecture Blog, 2015).
 *
 * @param attempt - how many retries came before this one
 * @param random - uniform on [0, 1)
 * @returns milliseconds to wait
 * @internal
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempt, 30));
  const u = random();
  // A caller's generator that strays outside [0, 1) still gets a bounded delay.
  return ceiling * (u >= 0 && u < 1 ? u : 0.5);
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
