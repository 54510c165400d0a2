import { plotArea } from '../svg/area.js';
import { renderAxes } from '../svg/axes.js';
import { svgDocument } from '../svg/document.js';
import { escapeXml, formatCoord } from '../svg/format.js';
import { renderMarker } from '../svg/marker.js';
import type { SeriesStyle } from '../svg/palette.js';
import { finiteExtent, linearScale, niceDomain, niceTicks } from '../svg/scale.js';
import { tickFormatter, type TickKind } from '../svg/tickFormat.js';

/**
 * One labelled point, with an optional interval on each axis drawn as whiskers.
 *
 * @internal
 */
export interface ScatterPoint {
  readonly label: string;
  readonly style: SeriesStyle;
  readonly x: number;
  readonly y: number;
  readonly x95?: readonly [number, number];
  readonly y95?: readonly [number, number];
}

/**
 * What a scatter chart shows and how its axes read.
 *
 * @internal
 */
export interface ScatterChartSpec {
  readonly title: string;
  readonly description: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xFormat: TickKind;
  readonly yFormat: TickKind;
  readonly points: readonly ScatterPoint[];
  /** Values the x axis covers even where no point reaches (a minimum extent). */
  readonly xInclude?: readonly number[];
  /**
   * Whether both axes reach 0. Off for values that sit far from 0 and close together (a
   * retention of 0.998 to 1), which an axis from 0 would draw on one spot. @defaultValue true
   */
  readonly fromZero?: boolean;
}

const WIDTH = 480;
const HEIGHT = 320;
const CAP = 4;
/** Smallest vertical distance between two point labels, so they never overprint. */
const LABEL_SPACING = 14;

/**
 * Renders a scatter chart as a standalone `<svg>`: one marker per point with 95% whiskers and the
 * point's name written beside it. Points are labelled directly rather than through a legend
 * because a reader compares positions, and a legend would make them look up every point.
 *
 * @internal
 */
export function renderScatterChart(spec: ScatterChartSpec): string {
  const area = plotArea(WIDTH, HEIGHT, { top: 20, right: 24, bottom: 50, left: 68 });
  const zero = spec.fromZero === false ? [] : [0];
  const xs: number[] = [...zero, ...(spec.xInclude ?? [])];
  const ys: number[] = [...zero];
  for (let i = 0; i < spec.points.length; i++) {
    const p = spec.points[i]!;
    xs.push(p.x, ...(p.x95 ?? []));
    ys.push(p.y, ...(p.y95 ?? []));
  }
  const xExtent = finiteExtent(xs) ?? [0, 1];
  const yExtent = finiteExtent(ys) ?? [0, 1];
  const [x0, x1] = niceDomain(xExtent[0], xExtent[1], 5);
  const [y0, y1] = niceDomain(yExtent[0], yExtent[1], 5);
  const sx = linearScale([x0, x1], [area.left, area.left + area.width]);
  const sy = linearScale([y0, y1], [area.top + area.height, area.top]);
  const xTicks = niceTicks(x0, x1, 5);
  const yTicks = niceTicks(y0, y1, 5);
  const parts: string[] = [
    renderAxes(
      area,
      { scale: sx, ticks: xTicks, title: spec.xTitle, format: tickFormatter(spec.xFormat, xTicks) },
      { scale: sy, ticks: yTicks, title: spec.yTitle, format: tickFormatter(spec.yFormat, yTicks) },
    ),
  ];
  parts.push('<g class="points">');
  const labels: PointLabel[] = [];
  for (let i = 0; i < spec.points.length; i++) {
    const p = spec.points[i]!;
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const px = sx(p.x);
    const py = sy(p.y);
    parts.push(`<g class="point"><title>${escapeXml(p.label)}</title>`);
    if (p.x95 !== undefined) parts.push(whisker(sx(p.x95[0]), sx(p.x95[1]), py, 'h', p.style));
    if (p.y95 !== undefined) parts.push(whisker(sy(p.y95[0]), sy(p.y95[1]), px, 'v', p.style));
    parts.push(renderMarker(px, py, p.style, 11), '</g>');
    // Above and beside the point, clear of its whiskers; towards the middle near the right edge.
    const right = px < area.left + area.width * 0.7;
    labels.push({
      y: py - 11,
      x: right ? px + 7 : px - 7,
      anchor: right ? 'start' : 'end',
      text: p.label,
    });
  }
  parts.push('</g>', renderLabels(labels));
  return svgDocument(WIDTH, HEIGHT, spec.title, spec.description, parts.join(''));
}

/** A whisker from `a` to `b` along one axis at `at` on the other, with end caps. */
function whisker(a: number, b: number, at: number, axis: 'h' | 'v', style: SeriesStyle): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return '';
  const body =
    axis === 'h'
      ? line(a, at, b, at) + line(a, at - CAP, a, at + CAP) + line(b, at - CAP, b, at + CAP)
      : line(at, a, at, b) + line(at - CAP, a, at + CAP, a) + line(at - CAP, b, at + CAP, b);
  return `<g class="whisker" stroke="${style.color}" stroke-width="1.5">${body}</g>`;
}

function line(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${formatCoord(x1)}" y1="${formatCoord(y1)}" x2="${formatCoord(x2)}" y2="${formatCoord(y2)}"/>`;
}

/** Points closer than this (in pixels) share one label, names joined, instead of a stack. */
const SAME_PLACE = 5;

interface PointLabel {
  y: number;
  x: number;
  anchor: 'start' | 'end';
  text: string;
}

/**
 * Writes the point labels. Points drawn on the same spot (policies that changed nothing for a
 * cohort) get one label naming them all; the rest are pushed apart vertically, in order of
 * height, so that two points close together keep readable names.
 */
function renderLabels(labels: readonly PointLabel[]): string {
  const merged: PointLabel[] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const same = merged.find(
      (m) => Math.abs(m.x - l.x) < SAME_PLACE && Math.abs(m.y - l.y) < SAME_PLACE,
    );
    if (same === undefined) merged.push({ ...l });
    else same.text = `${same.text}, ${l.text}`;
  }
  const order = merged.map((_, i) => i).sort((a, b) => merged[a]!.y - merged[b]!.y || a - b);
  const placed = new Array<number>(merged.length).fill(0);
  let previous = -Infinity;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const y = Math.max(merged[i]!.y, previous + LABEL_SPACING);
    placed[i] = y;
    previous = y;
  }
  const parts: string[] = ['<g class="point-labels">'];
  for (let i = 0; i < merged.length; i++) {
    const l = merged[i]!;
    parts.push(
      `<text x="${formatCoord(l.x)}" y="${formatCoord(placed[i]!)}" text-anchor="${l.anchor}" dominant-baseline="middle">${escapeXml(l.text)}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}
