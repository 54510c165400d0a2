/**
 * Logarithmic scales for quantities spanning several orders of magnitude, such as how many runs
 * of each length a policy leaves: long runs are rare, and on a linear axis the tail that matters
 * would vanish into the baseline.
 */

/**
 * A base-10 logarithmic map from [d0, d1] (both > 0) onto [r0, r1]. Values ≤ 0 map to `NaN`, which
 * the polyline helper draws as a gap.
 *
 * @internal
 */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const l0 = Math.log10(domain[0]);
  const l1 = Math.log10(domain[1]);
  const [r0, r1] = range;
  const span = l1 - l0;
  if (!(span > 0) || !Number.isFinite(span)) {
    const middle = (r0 + r1) / 2;
    return (value) => (value > 0 ? middle : NaN);
  }
  const k = (r1 - r0) / span;
  return (value) => (value > 0 ? r0 + (Math.log10(value) - l0) * k : NaN);
}

/**
 * The decades [10^a, 10^b] that enclose the positive values in [min, max]; `null` when `max` is
 * not positive.
 *
 * @internal
 */
export function logDomain(min: number, max: number): [number, number] | null {
  if (!(max > 0) || !Number.isFinite(max)) return null;
  const lo = min > 0 && Number.isFinite(min) ? min : max;
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.ceil(Math.log10(max) - 1e-9);
  return [Math.pow(10, a), Math.pow(10, b === a ? a + 1 : b)];
}

/**
 * Tick values for a log axis over [lo, hi]: every power of ten, plus 2× and 5× when the axis spans
 * at most three decades (more labels would collide).
 *
 * @internal
 */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.ceil(Math.log10(hi) - 1e-9);
  const multipliers = b - a <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = a; e <= b; e++) {
    for (let m = 0; m < multipliers.length; m++) {
      const value = Number((multipliers[m]! * Math.pow(10, e)).toPrecision(12));
      if (value >= lo * (1 - 1e-9) && value <= hi * (1 + 1e-9)) ticks.push(value);
    }
  }
  return ticks;
}
