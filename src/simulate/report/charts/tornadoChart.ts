import { plotArea } from '../svg/area.js';
import { svgDocument } from '../svg/document.js';
import { escapeXml, formatCoord } from '../svg/format.js';
import { finiteExtent, linearScale, niceDomain, niceTicks } from '../svg/scale.js';
import { tickFormatter, type TickKind } from '../svg/tickFormat.js';

/**
 * One bar of a tornado chart: an input's name, the output when the input is moved down and
 * when it is moved up, and whether the move changed a conclusion.
 *
 * @internal
 */
export interface TornadoBar {
  readonly label: string;
  readonly down: number;
  readonly up: number;
  readonly flagged: boolean;
}

/**
 * What a tornado chart shows.
 *
 * @internal
 */
export interface TornadoSpec {
  readonly title: string;
  readonly description: string;
  readonly xTitle: string;
  readonly xFormat: TickKind;
  /** The output at the baseline inputs: the line every bar starts from. */
  readonly baseline: number;
  /** Bars, drawn in the given order from the top (sort them by swing). */
  readonly bars: readonly TornadoBar[];
  /** What a flagged bar means, written beside it. */
  readonly flagLabel: string;
}

const WIDTH = 560;
const ROW = 22;
/** Down and up moves: blue and vermillion of Okabe & Ito's palette, distinct in colour-vision deficiency. */
const DOWN = '#0072B2';
const UP = '#D55E00';

/**
 * Renders a tornado chart as a standalone `<svg>`: one row per input, a bar from the baseline to
 * the output with the input moved down (blue) and one to the output with it moved up
 * (vermillion), on a shared axis; a flagged row is outlined and labelled. The widest swings go on
 * top (the caller sorts), so the inputs a conclusion depends on most are read first.
 *
 * @internal
 */
export function renderTornadoChart(spec: TornadoSpec): string {
  const height = Math.max(220, 100 + ROW * spec.bars.length);
  const area = plotArea(WIDTH, height, { top: 34, right: 110, bottom: 50, left: 150 });
  const values = [spec.baseline];
  for (const bar of spec.bars) values.push(bar.down, bar.up);
  const extent = finiteExtent(values) ?? [0, 1];
  const [x0, x1] = niceDomain(extent[0], extent[1], 5);
  const sx = linearScale([x0, x1], [area.left, area.left + area.width]);
  const ticks = niceTicks(x0, x1, 5);
  const format = tickFormatter(spec.xFormat, ticks);
  const bottom = area.top + area.height;
  const parts: string[] = ['<g class="grid">'];
  for (const t of ticks) {
    const px = formatCoord(sx(t));
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${formatCoord(area.top)}" y2="${formatCoord(bottom)}"/>`,
    );
  }
  parts.push('</g><g class="axis x-axis">');
  for (const t of ticks) {
    const px = formatCoord(sx(t));
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${formatCoord(bottom)}" y2="${formatCoord(bottom + 4)}"/>`,
      `<text x="${px}" y="${formatCoord(bottom + 18)}" text-anchor="middle">${escapeXml(format(t))}</text>`,
    );
  }
  parts.push(
    `<line class="domain" x1="${formatCoord(area.left)}" x2="${formatCoord(area.left + area.width)}" y1="${formatCoord(bottom)}" y2="${formatCoord(bottom)}"/>`,
    `<text class="axis-title" x="${formatCoord(area.left + area.width / 2)}" y="${formatCoord(bottom + 40)}" text-anchor="middle">${escapeXml(spec.xTitle)}</text>`,
    '</g>',
  );
  const base = sx(spec.baseline);
  parts.push('<g class="bars">');
  spec.bars.forEach((bar, i) => {
    const y = area.top + 8 + i * ROW;
    const cy = formatCoord(y + ROW / 2 - 4);
    parts.push(
      `<g class="bar${bar.flagged ? ' flagged' : ''}"><title>${escapeXml(bar.label)}</title>`,
    );
    parts.push(
      `<text x="${formatCoord(area.left - 8)}" y="${cy}" text-anchor="end" dominant-baseline="middle">${escapeXml(bar.label)}</text>`,
    );
    for (const [value, color] of [
      [bar.down, DOWN],
      [bar.up, UP],
    ] as const) {
      if (!Number.isFinite(value)) continue;
      const a = Math.min(base, sx(value));
      const w = Math.max(1, Math.abs(sx(value) - base));
      parts.push(
        `<rect x="${formatCoord(a)}" y="${formatCoord(y)}" width="${formatCoord(w)}" height="${formatCoord(ROW - 8)}" fill="${color}" fill-opacity="0.8"${bar.flagged ? ' stroke="#1f1f1f" stroke-width="1.5"' : ''}/>`,
      );
    }
    if (bar.flagged)
      parts.push(
        `<text class="flag" x="${formatCoord(area.left + area.width + 6)}" y="${cy}" dominant-baseline="middle">${escapeXml(spec.flagLabel)}</text>`,
      );
    parts.push('</g>');
  });
  parts.push('</g>');
  parts.push(
    `<line class="baseline" x1="${formatCoord(base)}" x2="${formatCoord(base)}" y1="${formatCoord(area.top)}" y2="${formatCoord(bottom)}" stroke="#1f1f1f" stroke-width="1.5"/>`,
  );
  parts.push(
    `<g class="legend"><rect x="${formatCoord(area.left)}" y="8" width="12" height="12" fill="${DOWN}"/>` +
      `<text x="${formatCoord(area.left + 18)}" y="14" dominant-baseline="middle">constant down</text>` +
      `<rect x="${formatCoord(area.left + 130)}" y="8" width="12" height="12" fill="${UP}"/>` +
      `<text x="${formatCoord(area.left + 148)}" y="14" dominant-baseline="middle">constant up</text></g>`,
  );
  return svgDocument(WIDTH, height, spec.title, spec.description, parts.join(''));
}
