import { escapeXml, formatCoord } from './format.js';
import type { SeriesStyle } from './palette.js';

/**
 * Draws one data series as SVG polylines. A missing (non-finite) value breaks the line rather
 * than drawing a misleading segment across the gap, so a series may become several polylines.
 * `xs` and `ys` are data values; `sx` and `sy` map them to pixels.
 *
 * @internal
 */
export function renderPolyline(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: (value: number) => number,
  sy: (value: number) => number,
  style: SeriesStyle,
  label: string,
): string {
  const n = Math.min(xs.length, ys.length);
  const segments: string[][] = [];
  let current: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (current.length > 0) segments.push(current);
      current = [];
      continue;
    }
    current.push(`${formatCoord(sx(x))},${formatCoord(sy(y))}`);
  }
  if (current.length > 0) segments.push(current);
  const dash = style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;
  const title = `<title>${escapeXml(label)}</title>`;
  const parts: string[] = [];
  for (let s = 0; s < segments.length; s++) {
    parts.push(
      `<polyline class="series" points="${segments[s]!.join(' ')}" fill="none" stroke="${style.color}" stroke-width="2.25" stroke-linejoin="round" stroke-linecap="round"${dash}>${title}</polyline>`,
    );
  }
  return parts.join('');
}
