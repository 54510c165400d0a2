import { escapeXml, formatCoord } from './format.js';
import { renderMarker } from './marker.js';
import type { SeriesStyle } from './palette.js';

/**
 * One legend entry.
 *
 * @internal
 */
export interface LegendEntry {
  readonly label: string;
  readonly style: SeriesStyle;
}

/** Rough width of one character of the 12px chart font; enough to lay entries out in rows. */
const CHAR_WIDTH = 6.5;
const SWATCH = 28;
const ROW_HEIGHT = 18;
const GAP = 16;

/**
 * Draws a legend starting at (x, y), entries left to right and wrapping to a new row before
 * `maxWidth`. Each entry shows the line (with its dash pattern) and the marker, exactly as the
 * chart draws that policy.
 *
 * @internal
 */
export function renderLegend(
  entries: readonly LegendEntry[],
  x: number,
  y: number,
  maxWidth: number,
): string {
  const parts: string[] = ['<g class="legend">'];
  let cx = x;
  let cy = y;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const width = entryWidth(entry);
    if (cx > x && cx + width > x + maxWidth) {
      cx = x;
      cy += ROW_HEIGHT;
    }
    const dash = entry.style.dash === '' ? '' : ` stroke-dasharray="${entry.style.dash}"`;
    parts.push(
      `<line x1="${formatCoord(cx)}" x2="${formatCoord(cx + SWATCH)}" y1="${formatCoord(cy)}" y2="${formatCoord(cy)}" stroke="${entry.style.color}" stroke-width="2.25"${dash}/>`,
    );
    parts.push(renderMarker(cx + SWATCH / 2, cy, entry.style, 8));
    parts.push(
      `<text x="${formatCoord(cx + SWATCH + 6)}" y="${formatCoord(cy)}" dominant-baseline="middle">${escapeXml(entry.label)}</text>`,
    );
    cx += width;
  }
  parts.push('</g>');
  return parts.join('');
}

/**
 * How many legend rows `renderLegend` needs for these entries within `maxWidth`, so a chart can
 * reserve the room above its plot area.
 *
 * @internal
 */
export function legendRows(entries: readonly LegendEntry[], maxWidth: number): number {
  let rows = entries.length > 0 ? 1 : 0;
  let used = 0;
  for (let i = 0; i < entries.length; i++) {
    const width = entryWidth(entries[i]!);
    if (used > 0 && used + width > maxWidth) {
      rows++;
      used = 0;
    }
    used += width;
  }
  return rows;
}

function entryWidth(entry: LegendEntry): number {
  return SWATCH + 6 + entry.label.length * CHAR_WIDTH + GAP;
}

/** Height of one legend row. @internal */
export const LEGEND_ROW_HEIGHT = ROW_HEIGHT;
