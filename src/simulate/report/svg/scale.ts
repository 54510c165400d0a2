/**
 * Linear scales and "nice" tick values for the hand-written SVG charts.
 */

/**
 * A linear map from a data interval onto a pixel interval. A degenerate domain (both ends equal)
 * maps everything to the middle of the range instead of dividing by zero.
 *
 * @internal
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0 || !Number.isFinite(span)) {
    const middle = (r0 + r1) / 2;
    return () => middle;
  }
  const k = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * k;
}

/**
 * The tick step for about `count` ticks over [min, max]: 1, 2 or 5 times a power of ten, the
 * "nice numbers" of Heckbert (Graphics Gems, 1990) with the √50 / √10 / √2 cut-offs d3-array's
 * `tickIncrement` uses, so a reader never sees ticks at 0.37 or 1.3.
 *
 * @internal
 */
export function tickStep(min: number, max: number, count: number): number {
  const raw = (max - min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const error = raw / power;
  const factor =
    error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * power;
}

/**
 * Tick values: the multiples of {@link tickStep} inside [min, max], each rounded to one decimal
 * finer than the step so that 3 × 0.1 is 0.3, not 0.30000000000000004.
 *
 * @internal
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const step = tickStep(lo, hi, count);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(roundToStep(i * step, step));
  return ticks;
}

/**
 * Widens [min, max] outwards to whole tick steps, so the axis starts and ends on a labelled tick.
 * A single value v becomes [v − |v|, v + |v|] (or [0, 1] when v is zero).
 *
 * @internal
 */
export function niceDomain(min: number, max: number, count: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) return min === 0 ? [0, 1] : [min - Math.abs(min), max + Math.abs(max)];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const step = tickStep(lo, hi, count);
  return [
    roundToStep(Math.floor(lo / step + 1e-9) * step, step),
    roundToStep(Math.ceil(hi / step - 1e-9) * step, step),
  ];
}

/**
 * Rounds a multiple of `step` to one decimal finer than the step. Rounding relative to the step
 * (not to a number of significant digits) keeps ticks exact on a narrow range far from zero.
 */
function roundToStep(value: number, step: number): number {
  const digits = Math.min(100, Math.max(0, Math.ceil(-Math.log10(step)) + 1));
  return Number(value.toFixed(digits));
}

/**
 * The smallest and largest finite values of `values`, or `null` when there are none.
 *
 * @internal
 */
export function finiteExtent(values: ArrayLike<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}
