import { formatNumber, formatPercent, formatTrimmed } from './format.js';

/**
 * How tick values read: `percent` for shares in [0, 1], `number` otherwise, `log` for the round
 * values of a logarithmic axis.
 *
 * @internal
 */
export type TickKind = 'percent' | 'number' | 'log';

/**
 * A label function for these ticks with as many decimals as the tick step needs, and no more: a
 * step of 0.005 prints 0.800, 0.805, 0.810 (never 0.8, 0.8, 0.81); a step of 0.1 on a percent axis
 * prints 10%, 20%. Log-axis ticks (1, 2, 5 × 10^k) print as they are, trailing zeros dropped.
 *
 * @internal
 */
export function tickFormatter(kind: TickKind, ticks: readonly number[]): (value: number) => string {
  if (kind === 'log') return (value) => formatTrimmed(value, 6);
  const scale = kind === 'percent' ? 100 : 1;
  let step = Infinity;
  for (let i = 1; i < ticks.length; i++) {
    const gap = Math.abs(ticks[i]! - ticks[i - 1]!) * scale;
    if (gap > 0 && gap < step) step = gap;
  }
  // 1e-9 absorbs float noise: a step of 0.1 must give one decimal, not two.
  const digits = Number.isFinite(step)
    ? Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)))
    : 0;
  return kind === 'percent'
    ? (value) => formatPercent(value, digits)
    : (value) => formatNumber(value, digits);
}
