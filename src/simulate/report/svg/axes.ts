import type { PlotArea } from './area.js';
import { escapeXml, formatCoord } from './format.js';

/**
 * One axis: where values go, which of them are labelled, and how labels read.
 *
 * @internal
 */
export interface AxisSpec {
  /** Maps a data value to a pixel position along the axis. */
  readonly scale: (value: number) => number;
  /** Data values at which a tick and label are drawn. */
  readonly ticks: readonly number[];
  /** Axis title, with its unit. */
  readonly title: string;
  /** Label text of a tick value. */
  readonly format: (value: number) => string;
}

/** Pixel gap between a tick label and the axis line. */
const LABEL_GAP = 6;

/**
 * Draws the axes of a chart: light horizontal grid lines at the y ticks (they help read values
 * off a line without cluttering it), tick marks and labels on both axes, the two axis lines, and
 * the axis titles (the y title rotated along the axis).
 *
 * @internal
 */
export function renderAxes(area: PlotArea, x: AxisSpec, y: AxisSpec): string {
  const parts: string[] = [];
  const right = area.left + area.width;
  const bottom = area.top + area.height;
  parts.push('<g class="grid">');
  for (let i = 0; i < y.ticks.length; i++) {
    const py = formatCoord(y.scale(y.ticks[i]!));
    parts.push(
      `<line x1="${formatCoord(area.left)}" x2="${formatCoord(right)}" y1="${py}" y2="${py}"/>`,
    );
  }
  parts.push('</g>');
  parts.push('<g class="axis y-axis">');
  for (let i = 0; i < y.ticks.length; i++) {
    const tick = y.ticks[i]!;
    const py = formatCoord(y.scale(tick));
    parts.push(
      `<text x="${formatCoord(area.left - LABEL_GAP)}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(y.format(tick))}</text>`,
    );
  }
  parts.push(
    `<line class="domain" x1="${formatCoord(area.left)}" x2="${formatCoord(area.left)}" y1="${formatCoord(area.top)}" y2="${formatCoord(bottom)}"/>`,
  );
  const ty = area.top + area.height / 2;
  parts.push(
    `<text class="axis-title" transform="translate(${formatCoord(area.left - 52)} ${formatCoord(ty)}) rotate(-90)" text-anchor="middle">${escapeXml(y.title)}</text>`,
  );
  parts.push('</g>');
  parts.push('<g class="axis x-axis">');
  for (let i = 0; i < x.ticks.length; i++) {
    const tick = x.ticks[i]!;
    const px = formatCoord(x.scale(tick));
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${formatCoord(bottom)}" y2="${formatCoord(bottom + 4)}"/>`,
    );
    parts.push(
      `<text x="${px}" y="${formatCoord(bottom + LABEL_GAP + 12)}" text-anchor="middle">${escapeXml(x.format(tick))}</text>`,
    );
  }
  parts.push(
    `<line class="domain" x1="${formatCoord(area.left)}" x2="${formatCoord(right)}" y1="${formatCoord(bottom)}" y2="${formatCoord(bottom)}"/>`,
  );
  parts.push(
    `<text class="axis-title" x="${formatCoord(area.left + area.width / 2)}" y="${formatCoord(bottom + 40)}" text-anchor="middle">${escapeXml(x.title)}</text>`,
  );
  parts.push('</g>');
  return parts.join('');
}
