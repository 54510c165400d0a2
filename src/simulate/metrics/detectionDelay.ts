/** A sustained harmful run: at least this many triggering impressions … @internal */
export const SUSTAINED_COUNT = 10;
/** … among this many consecutive impressions. @internal */
export const SUSTAINED_WINDOW = 20;

/**
 * Finds a user's first sustained harmful run — the first {@link SUSTAINED_WINDOW} consecutive
 * impressions of which at least {@link SUSTAINED_COUNT} were triggering, starting at its first
 * triggering impression — and how many impressions the policy's detector needed to reach
 * `sustained` from there. 0 when the level was already `sustained` before the run started; `null`
 * when it never got there (or there was no such run).
 *
 * @param harmful - per impression, 1 when triggering
 * @param sustained - `sustained[k + 1]` is 1 when some group was `sustained` after impression k
 * @param n - impressions recorded
 * @returns whether there was a sustained run, and the delay
 * @internal
 */
export function detectionDelay(
  harmful: Uint8Array,
  sustained: Uint8Array,
  n: number,
): { sustainedRun: boolean; delay: number | null } {
  let count = 0;
  let start = -1;
  for (let k = 0; k < n; k++) {
    count += harmful[k]!;
    if (k >= SUSTAINED_WINDOW) count -= harmful[k - SUSTAINED_WINDOW]!;
    if (count >= SUSTAINED_COUNT) {
      start = Math.max(0, k - SUSTAINED_WINDOW + 1);
      while (harmful[start] === 0) start++;
      break;
    }
  }
  if (start < 0) return { sustainedRun: false, delay: null };
  if (sustained[start] === 1) return { sustainedRun: true, delay: 0 };
  for (let k = start; k < n; k++) {
    if (sustained[k + 1] === 1) return { sustainedRun: true, delay: k - start + 1 };
  }
  return { sustainedRun: true, delay: null };
}
