import { plotArea } from '../svg/area.js';
import { renderAxes } from '../svg/axes.js';
import { svgDocument } from '../svg/document.js';
import { LEGEND_ROW_HEIGHT, legendRows, renderLegend } from '../svg/legend.js';
import { logDomain, logScale, logTicks } from '../svg/logScale.js';
import { renderMarker } from '../svg/marker.js';
import type { SeriesStyle } from '../svg/palette.js';
import { renderPolyline } from '../svg/polyline.js';
import { finiteExtent, linearScale, niceDomain, niceTicks } from '../svg/scale.js';
import { tickFormatter, type TickKind } from '../svg/tickFormat.js';

/**
 * One line of a line chart: data values, one `y` per `x`; a non-finite value leaves a gap.
 *
 * @internal
 */
export interface LineSeries {
  readonly label: string;
  readonly style: SeriesStyle;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/**
 * What a line chart shows and how its axes read.
 *
 * @internal
 */
export interface LineChartSpec {
  /** Accessible name of the chart. */
  readonly title: string;
  /** What the chart shows, in words, for screen readers. */
  readonly description: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** How x tick labels read. */
  readonly xFormat: TickKind;
  /** How y tick labels read; a log axis always reads as `log`. */
  readonly yFormat: TickKind;
  readonly series: readonly LineSeries[];
  /** Fixed y range (a share is always drawn on [0, 1]); otherwise fitted to the data and zero. */
  readonly yDomain?: readonly [number, number];
  /** `log` for counts that span orders of magnitude. @defaultValue 'linear' */
  readonly yScale?: 'linear' | 'log';
  /** Values the x axis covers even where no series reaches (a minimum extent). */
  readonly xInclude?: readonly number[];
}

const WIDTH = 480;
const HEIGHT = 320;
/** The legend spans the chart's full width, so four policy names fit on one row. */
const LEGEND_LEFT = 16;
/** At most this many markers per line: enough to tell the lines apart in grey, few enough not to clutter. */
const MAX_MARKERS = 7;

/**
 * Renders a line chart as a standalone `<svg>`: a legend on top, then the axes and one polyline
 * per series, with a few markers along each line and one on its last point.
 *
 * @internal
 */
export function renderLineChart(spec: LineChartSpec): string {
  const legend = spec.series.map((s) => ({ label: s.label, style: s.style }));
  const legendWidth = WIDTH - 2 * LEGEND_LEFT;
  const rows = legendRows(legend, legendWidth);
  const area = plotArea(WIDTH, HEIGHT, {
    top: 18 + rows * LEGEND_ROW_HEIGHT,
    right: 18,
    bottom: 50,
    left: 68,
  });
  const xs = [...spec.series.flatMap((s) => s.xs), ...(spec.xInclude ?? [])];
  const ys = spec.series.flatMap((s) => s.ys);
  const xExtent = finiteExtent(xs) ?? [0, 1];
  const [x0, x1] = niceDomain(xExtent[0], xExtent[1], 6);
  const sx = linearScale([x0, x1], [area.left, area.left + area.width]);
  const bottom = area.top + area.height;
  let sy: (value: number) => number;
  let yTicks: number[];
  if (spec.yScale === 'log') {
    const positive = ys.filter((v) => v > 0);
    const extent = finiteExtent(positive) ?? [1, 10];
    const [lo, hi] = logDomain(extent[0], extent[1]) ?? [1, 10];
    sy = logScale([lo, hi], [bottom, area.top]);
    yTicks = logTicks(lo, hi);
  } else {
    const extent = finiteExtent(ys) ?? [0, 1];
    const [y0, y1] = spec.yDomain ?? niceDomain(Math.min(0, extent[0]), extent[1], 5);
    sy = linearScale([y0, y1], [bottom, area.top]);
    yTicks = niceTicks(y0, y1, 5);
  }
  const xTicks = niceTicks(x0, x1, 6);
  const yKind = spec.yScale === 'log' ? 'log' : spec.yFormat;
  const parts: string[] = [];
  parts.push(renderLegend(legend, LEGEND_LEFT, 14, legendWidth));
  parts.push(
    renderAxes(
      area,
      { scale: sx, ticks: xTicks, title: spec.xTitle, format: tickFormatter(spec.xFormat, xTicks) },
      { scale: sy, ticks: yTicks, title: spec.yTitle, format: tickFormatter(yKind, yTicks) },
    ),
  );
  parts.push('<g class="lines">');
  for (let i = 0; i < spec.series.length; i++) {
    const s = spec.series[i]!;
    parts.push(renderPolyline(s.xs, s.ys, sx, sy, s.style, s.label));
  }
  for (let i = 0; i < spec.series.length; i++) {
    parts.push(renderSeriesMarkers(spec.series[i]!, sx, sy, i));
  }
  parts.push('</g>');
  return svgDocument(WIDTH, HEIGHT, spec.title, spec.description, parts.join(''));
}

/**
 * Markers at evenly spaced points, shifted by the series' index so that markers of overlapping
 * lines do not sit on top of each other, plus one on the last finite point.
 */
function renderSeriesMarkers(
  series: LineSeries,
  sx: (value: number) => number,
  sy: (value: number) => number,
  index: number,
): string {
  const n = Math.min(series.xs.length, series.ys.length);
  const every = Math.max(1, Math.ceil(n / MAX_MARKERS));
  const parts: string[] = [];
  let last = -1;
  for (let i = 0; i < n; i++) {
    const px = sx(series.xs[i]!);
    const py = sy(series.ys[i]!);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    last = i;
    if ((i + index) % every === 0) parts.push(renderMarker(px, py, series.style, 7));
  }
  if (last >= 0 && (last + index) % every !== 0) {
    parts.push(renderMarker(sx(series.xs[last]!), sy(series.ys[last]!), series.style, 7));
  }
  return parts.join('');
}
